using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Platform.Api;

/// <summary>
/// A credential reset (the administrator's password or second-factor reset, the user's own password
/// change) revokes every API token of the user, and the owner is told in the app.
/// </summary>
public static class ApiTokenRevocation
{
    public static readonly NotificationKind TokensRevoked = new("tokens-revoked");

    /// <summary>Revokes the user's active tokens (saved with the caller's other changes); returns how many.</summary>
    public static async Task<int> RevokeAllAsync(AriadneDbContext db, Guid userId, DateTimeOffset now, CancellationToken ct = default)
    {
        var tokens = await db.ApiTokens.Where(t => t.UserId == userId && t.RevokedAt == null).ToListAsync(ct);
        foreach (var token in tokens)
            token.RevokedAt = now;
        if (tokens.Count > 0)
            db.Notifications.Add(new Notification { RecipientUserId = userId, Kind = TokensRevoked, CreatedAt = now });
        await db.SaveChangesAsync(ct);
        return tokens.Count;
    }
}
