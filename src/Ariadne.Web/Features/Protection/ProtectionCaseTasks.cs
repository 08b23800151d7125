using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Protection;

/// <summary>
/// Consent, the risk assessment and onward referral, as tasks on the case: for the case's managers (its investigators),
/// who are the ones to do them; the risk task only where the rights open the Investigation class.
/// </summary>
public sealed class ProtectionCaseTasks(AriadneDbContext db, CaseAccess access) : ICaseTaskSource
{
    public async Task<IReadOnlyList<CaseTask>> TasksAsync(Viewer viewer, Guid caseId, CaseRights rights, CancellationToken ct)
    {
        if (rights.IsBreakGlass || !rights.CanRead(DataClass.Status) || !await access.ManagesAsync(viewer, caseId, ct))
            return [];
        var consented = await db.Consents.AnyAsync(x => x.CaseId == caseId && x.WithdrawnAt == null, ct);
        var onward = await db.OnwardReferrals.Where(o => o.CaseId == caseId).Select(o => o.Status).ToListAsync(ct);
        var tasks = new List<CaseTask>
        {
            new(30, "CaseTask_Consent", "/Protection/Protection",
                consented ? CaseTaskState.Completed : CaseTaskState.NotStarted, Fragment: "consent-heading"),
            // Onward referral shares the person's data: it needs their consent first.
            new(50, "CaseTask_Onward", "/Protection/Protection",
                onward.Contains(OnwardStatus.Pending) ? CaseTaskState.Waiting
                : onward.Contains(OnwardStatus.Accepted) || onward.Contains(OnwardStatus.Completed) ? CaseTaskState.Completed
                : consented ? CaseTaskState.NotStarted : CaseTaskState.CannotStartYet,
                Fragment: "onward-heading"),
        };
        if (rights.CanRead(DataClass.Investigation))
        {
            var assessed = await db.RiskAssessments.AnyAsync(r => r.CaseId == caseId, ct);
            tasks.Add(new(40, "CaseTask_Risk", "/Protection/Protection", assessed ? CaseTaskState.Completed : CaseTaskState.NotStarted, Fragment: "risk-heading"));
        }
        return tasks;
    }
}
