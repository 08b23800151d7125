using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Notifications;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Helpline;

/// <summary>
/// Forwarding that never stalls: a tip whose deadline passed without a referral is forwarded by the job (as the operator who
/// took it, through the same flow), and the helpline's supervisors are told — once per tip. A tip the Squad could not get
/// (no Squad receives referrals) stays on the held report and the supervisors are told.
/// </summary>
public sealed class HelplineDeadlines(AriadneDbContext db, AuditedWrites writes, TimeProvider time, ContactService contacts)
{
    public async Task<int> EscalateOverdueAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var overdue = await db.HelplineContacts.AsNoTracking()
            .Where(c => c.ReferralId == null && c.ForwardBy != null && c.EscalatedAt == null && c.HeldReason == null)
            .OrderBy(c => c.ForwardBy).Take(200).ToListAsync(ct);
        var count = 0;
        foreach (var contact in overdue.Where(c => c.ForwardBy <= now))
        {
            // Forwarded on the contact's own operator's behalf (the helpline is the referrer); a contact nobody answered, by the helpline itself.
            var actor = new Viewer(contact.OperatorId ?? Guid.Empty, contact.InstitutionId, [Relation.Referrer]);
            var (outcome, _) = contact.OperatorId is null
                ? (ContactService.ForwardOutcome.NotAllowed, null)
                : await contacts.ForwardAsync(actor, [RoleCatalog.HelplineOperator], contact.Id, ct);
            // Serialized: a second run (another node, a retry) that reaches the same tip sees it escalated and does nothing.
            var escalated = await writes.RunSerializedAsync(null, async ct =>
            {
                var row = await db.HelplineContacts.FirstAsync(c => c.Id == contact.Id, ct);
                await db.Entry(row).ReloadAsync(ct); // tracked by the forwarding above: read what is committed now
                if (row.EscalatedAt is not null)
                    return new Audited<bool>(false, new AuditRecord(HelplineAudit.Escalated, AuditOutcome.Allowed, ActorInstitutionId: row.InstitutionId,
                        TargetType: HelplineAudit.Contact, TargetId: row.Id, Purpose: HelplineAudit.Deadline));
                row.EscalatedAt = time.GetUtcNow();
                db.Notifications.Add(new Notification
                {
                    RecipientInstitutionId = row.InstitutionId,
                    RecipientRole = RoleCatalog.HelplineSupervisor,
                    Kind = HelplineAudit.OverdueNotice,
                    CaseNumber = row.Number,
                    CreatedAt = row.EscalatedAt.Value,
                });
                return new Audited<bool>(true, new AuditRecord(HelplineAudit.Escalated,
                    outcome is ContactService.ForwardOutcome.Forwarded or ContactService.ForwardOutcome.AlreadyForwarded ? AuditOutcome.Allowed : AuditOutcome.Failed,
                    ActorInstitutionId: row.InstitutionId, TargetType: HelplineAudit.Contact, TargetId: row.Id, Purpose: HelplineAudit.Deadline));
            }, ct);
            if (escalated)
                count++;
        }
        return count;
    }
}
