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
}
