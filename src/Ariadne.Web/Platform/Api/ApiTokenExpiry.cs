using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Platform.Api;

/// <summary>
/// Reminds the owner of an API token before it expires (ASVS 6.4.5), so that a machine client such as the telephone
/// exchange's call webhook does not stop unannounced: an in-app notice 14 days before, and another 3 days before. A
/// token whose whole lifetime is shorter than a reminder's lead gets no such reminder (a 7-day token only the 3-day one).
/// Each reminder is claimed on the token's row in the notice's own transaction, so none is sent twice, whichever node or
/// run sends it.
/// </summary>
public static class ApiTokenExpiry
{
    public static readonly NotificationKind InFourteenDays = new("api-token-expires-14");
    public static readonly NotificationKind InThreeDays = new("api-token-expires-3");

    private static readonly (int Stage, TimeSpan Lead, NotificationKind Kind)[] Reminders =
        [(2, TimeSpan.FromDays(3), InThreeDays), (1, TimeSpan.FromDays(14), InFourteenDays)];

    /// <summary>Sends the reminders that are due at <paramref name="now"/>; returns how many.</summary>
    public static async Task<int> RemindAsync(AriadneDbContext db, DateTimeOffset now, CancellationToken ct = default)
    {
        var horizon = now + TimeSpan.FromDays(14);
        var candidates = await db.ApiTokens.AsNoTracking()
            .Where(t => t.RevokedAt == null && t.ExpiresAt > now && t.ExpiresAt <= horizon && t.ExpiryReminders < 2)
            .Select(t => new { t.Id, t.UserId, t.CreatedAt, t.ExpiresAt, t.ExpiryReminders })
            .ToListAsync(ct);
        var sent = 0;
        foreach (var token in candidates)
        {
            // The nearest reminder now due that the token has not had; an earlier one it slept through is not sent late.
            var due = Reminders.FirstOrDefault(r => token.ExpiresAt - now <= r.Lead && token.ExpiresAt - token.CreatedAt > r.Lead);
            if (due.Kind is null || token.ExpiryReminders >= due.Stage)
                continue;
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var claimed = await db.ApiTokens.Where(t => t.Id == token.Id && t.ExpiryReminders < due.Stage)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiryReminders, due.Stage), ct);
            if (claimed == 1)
            {
                db.Notifications.Add(new Notification { RecipientUserId = token.UserId, Kind = due.Kind, CreatedAt = now });
                await db.SaveChangesAsync(ct);
                sent++;
            }
            await transaction.CommitAsync(ct);
        }
        return sent;
    }
}
