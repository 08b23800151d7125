using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Platform.Security;

/// <summary>
/// Records the context of each completed sign-in and tells whether it is new for the user, or follows a long absence
/// (the account feature's SignInNotices makes the notices). The first context of an account is trusted on first use.
/// </summary>
public sealed class SignInContexts(AriadneDbContext db, BlindIndex index, TimeProvider time, IHttpContextAccessor http)
{
    /// <summary>How many contexts are remembered per user; the least recently seen go first.</summary>
    public const int Remembered = 20;

    public sealed record Observation(bool NewContext, TimeSpan? SinceLastSignIn);

    /// <summary>
    /// Whether the request's context is one the user signed in from before. No first use is trusted here: the step-up asks for
    /// the passkey of an account with no context yet too (its passkey or a recovery code opens, and records the context).
    /// </summary>
    public async Task<bool> IsKnownAsync(Guid userId, CancellationToken ct = default)
    {
        var fingerprint = Fingerprint();
        return await db.KnownSignInContexts.AnyAsync(c => c.UserId == userId && c.Fingerprint == fingerprint, ct);
    }

    private string Fingerprint()
    {
        var context = http.HttpContext;
        return index.Key("sign-in-context",
            ClientContext.Network(context?.Connection.RemoteIpAddress) + "|" + ClientContext.Device(context?.Request.Headers.UserAgent.ToString()))!;
    }

    public async Task<Observation> ObserveAsync(Guid userId, CancellationToken ct = default)
    {
        var fingerprint = Fingerprint();
        var known = await db.KnownSignInContexts.Where(c => c.UserId == userId).ToListAsync(ct);
        var now = time.GetUtcNow();
        DateTimeOffset? last = known.Count == 0 ? null : known.Max(c => c.LastSeenAt);
        var match = known.FirstOrDefault(c => c.Fingerprint == fingerprint);
        if (match is not null)
            match.LastSeenAt = now;
        else
        {
            db.KnownSignInContexts.Add(new KnownSignInContext { UserId = userId, Fingerprint = fingerprint, FirstSeenAt = now, LastSeenAt = now });
            // Deleted by id in one statement: a twin sign-in pruning the same rows does not make this one fail.
            var oldest = known.OrderByDescending(c => c.LastSeenAt).Skip(Remembered - 1).Select(c => c.Id).ToList();
            if (oldest.Count > 0)
                await db.KnownSignInContexts.Where(c => oldest.Contains(c.Id)).ExecuteDeleteAsync(ct);
        }
        return new Observation(known.Count > 0 && match is null, last is { } seen ? now - seen : null);
    }
}
