using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Notifications;
using Ariadne.Web.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ariadne.Web.Features.Account;

/// <summary>
/// Tells the user of suspicious attempts on their account (ASVS 6.3.5): when a sign-in completes, any attempt on the account
/// since its last completed sign-in that did not complete — a wrong password or code (here or on "Confirm it is you",
/// including those that locked the account), or the right password left without its second step (a partially successful
/// authentication: the password is known to someone) — becomes one notice to the user, in the transaction of the sign-in's
/// own audit event. Read from the audit trail (indexed by actor), so it covers every node and every path that records them.
/// A sign-in from a network and device family the account has not used before (<see cref="SignInContexts"/>; the first
/// one is trusted), or after <c>Security:InactivityNoticeAfter</c> without one, is told too, and the new context is audited.
/// </summary>
public sealed class SignInNotices(AriadneDbContext db, TimeProvider time, SignInContexts contexts, AuditTrail audit, IOptions<SecurityOptions> options)
{
    public static readonly NotificationKind FailedAttempts = new("sign-in-failures");
    public static readonly NotificationKind NewContext = new("sign-in-new-context");
    public static readonly NotificationKind AfterInactivity = new("sign-in-after-inactivity");

    /// <param name="userId">Who has just signed in.</param>
    /// <param name="afterPasswordStep">The sign-in completes a password step (the second factor): that step's own pending event is not suspicious.</param>
    /// <param name="ct">Cancels the reads and the save.</param>
    public async Task AfterSignInAsync(Guid userId, bool afterPasswordStep, CancellationToken ct = default)
    {
        var seen = await contexts.ObserveAsync(userId, ct);
        if (seen.NewContext)
        {
            db.Notifications.Add(new Notification { RecipientUserId = userId, Kind = NewContext, CreatedAt = time.GetUtcNow() });
            await audit.AppendAsync(new AuditRecord(PlatformAudit.SignInNewContext, ActorUserId: userId), ct);
        }
        if (seen.SinceLastSignIn > options.Value.InactivityNoticeAfter)
            db.Notifications.Add(new Notification { RecipientUserId = userId, Kind = AfterInactivity, CreatedAt = time.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        string signIn = PlatformAudit.SignIn.Code, failed = PlatformAudit.SignInFailed.Code, allowed = AuditOutcome.Allowed,
            pending = AuditOutcome.PendingSecondFactor, reauthentication = AccountAudit.Reauthentication.Code;
        // A completed sign-in: allowed (the password step of a two-step sign-in is only pending), and not a re-authentication.
        var last = await db.AuditEvents.Where(e => e.ActorUserId == userId && e.Action == signIn && e.Outcome == allowed
            && (e.Purpose == null || e.Purpose != reauthentication)).MaxAsync(e => (long?)e.Sequence, ct) ?? 0;
        var since = db.AuditEvents.Where(e => e.ActorUserId == userId && e.Sequence > last);
        if (!await since.AnyAsync(e => e.Action == failed, ct)
            && await since.CountAsync(e => e.Action == signIn && e.Outcome == pending, ct) <= (afterPasswordStep ? 1 : 0))
            return;
        db.Notifications.Add(new Notification { RecipientUserId = userId, Kind = FailedAttempts, CreatedAt = time.GetUtcNow() });
        await db.SaveChangesAsync(ct);
    }
}
