using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Notifications;
using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ariadne.Web.Features.Referrals;

/// <summary>
/// The duty desk's deadlines: how long it has to acknowledge a referral of each urgency
/// (<see cref="ReferralsOptions.AcknowledgeWithin"/>), and the escalation of every referral left unacknowledged past it.
/// </summary>
public sealed class ReferralDeadlines(AriadneDbContext db, AuditTrail audit, TimeProvider time, IOptions<ReferralsOptions> options,
    UserManager<AriadneUser> users, ReferralSignal signal)
{
    /// <summary>How long the duty desk has to acknowledge, by urgency (configurable: Referrals:AcknowledgeWithin:{Urgency}).</summary>
    public TimeSpan DeadlineFor(Urgency urgency) => options.Value.AcknowledgeWithin.For(urgency);

    /// <summary>
    /// Every unacknowledged referral past its deadline is escalated once: each squad chief of the Squad is
    /// notified and the event audited. Run by <see cref="ReferralDeadlineJob"/>; tests call it after moving the clock.
    /// </summary>
    public async Task<int> EscalateOverdueAsync(CancellationToken ct = default)
    {
        await WarnNearDeadlineAsync(ct);
        var now = time.GetUtcNow();
        var overdue = await db.Referrals.AsNoTracking().Where(r => r.AcknowledgedAt == null && r.EscalatedAt == null && r.AcknowledgeBy <= now)
            .OrderBy(r => r.AcknowledgeBy).Take(500).ToListAsync(ct);
        if (overdue.Count == 0)
            return 0;
        var chiefs = (await users.GetUsersInRoleAsync(RoleCatalog.SquadChief)).Where(u => !u.IsDisabled).ToList();
        var escalated = 0;
        foreach (var r in overdue)
        {
            // Not AuditedWrites: a referral acknowledged meanwhile, or escalated by another node (or a test calling in),
            // must change nothing and record no event, and AuditedWrites always records one.
            var strategy = db.Database.CreateExecutionStrategy();
            escalated += await strategy.ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var claimed = await db.Referrals.Where(x => x.Id == r.Id && x.EscalatedAt == null && x.AcknowledgedAt == null)
                    .ExecuteUpdateAsync(u => u.SetProperty(x => x.EscalatedAt, now), ct);
                if (claimed == 0)
                    return 0;
                foreach (var chief in chiefs.Where(c => c.InstitutionId == r.SquadInstitutionId))
                    db.Notifications.Add(new Notification { RecipientUserId = chief.Id, Kind = ReferralsAudit.Overdue, CaseNumber = r.Number, CreatedAt = now });
                await db.SaveChangesAsync(ct);
                await audit.AppendAsync(new AuditRecord(ReferralsAudit.ReferralEscalated, TargetType: ReferralsAudit.Referral, TargetId: r.Id,
                    Purpose: ReferralsAudit.Deadline.For(r.Urgency)), ct);
                await transaction.CommitAsync(ct);
                return 1;
            });
        }
        signal.Pulse();
        return escalated;
    }

    /// <summary>Whether an unacknowledged referral is in the last quarter of its window to acknowledge (and not yet overdue).</summary>
    public static bool IsNear(DateTimeOffset receivedAt, DateTimeOffset acknowledgeBy, DateTimeOffset now) =>
        now < acknowledgeBy && acknowledgeBy - now <= (acknowledgeBy - receivedAt) / 4;

    /// <summary>
    /// Every unacknowledged referral in the last quarter of its window is announced once to each member of its
    /// Squad's duty desk (duty officers and squad chiefs), by a notice whose id is derived from the referral and
    /// the recipient: a second run, or another node, adds nothing. Run before each escalation pass.
    /// </summary>
    public async Task<int> WarnNearDeadlineAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var o = options.Value.AcknowledgeWithin;
        var widest = new[] { o.Immediate, o.High, o.Standard }.Max() / 4;
        var horizon = now + widest;
        var candidates = (await db.Referrals.AsNoTracking()
                .Where(r => r.AcknowledgedAt == null && r.EscalatedAt == null && r.AcknowledgeBy > now && r.AcknowledgeBy <= horizon)
                .Select(r => new { r.Id, r.Number, r.SquadInstitutionId, r.ReceivedAt, r.AcknowledgeBy }).Take(500).ToListAsync(ct))
            .Where(r => IsNear(r.ReceivedAt, r.AcknowledgeBy, now)).ToList();
        if (candidates.Count == 0)
            return 0;
        var desk = new List<AriadneUser>();
        foreach (var role in Platform.Access.Viewer.DutyDeskRoles)
            desk.AddRange((await users.GetUsersInRoleAsync(role)).Where(u => !u.IsDisabled));
        desk = desk.DistinctBy(u => u.Id).ToList();
        var added = 0;
        foreach (var r in candidates)
        {
            var notices = desk.Where(u => u.InstitutionId == r.SquadInstitutionId)
                .Select(u => new Notification { Id = NoticeId(r.Id, u.Id), RecipientUserId = u.Id, Kind = ReferralsAudit.DeadlineNear, CaseNumber = r.Number, CreatedAt = now })
                .ToList();
            var ids = notices.Select(n => n.Id).ToList();
            var known = await db.Notifications.AsNoTracking().Where(n => ids.Contains(n.Id)).Select(n => n.Id).ToListAsync(ct);
            var fresh = notices.Where(n => !known.Contains(n.Id)).ToList();
            if (fresh.Count == 0)
                continue;
            db.Notifications.AddRange(fresh);
            try
            {
                await db.SaveChangesAsync(ct);
                added += fresh.Count;
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear(); // another node warned first: its notices stand
            }
        }
        return added;
    }

    /// <summary>The id of the deadline notice of one referral to one person: the same on every run and every node.</summary>
    private static Guid NoticeId(Guid referralId, Guid userId)
    {
        Span<byte> input = stackalloc byte[48];
        referralId.TryWriteBytes(input[..16]);
        userId.TryWriteBytes(input[16..32]);
        "deadline-near\0\0\0"u8.CopyTo(input[32..]);
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(input, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // version 8 (custom), RFC 9562
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16]);
    }
}
