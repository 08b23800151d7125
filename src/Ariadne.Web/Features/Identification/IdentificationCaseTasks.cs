using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Identification;

/// <summary>Screening against the indicators and the identification decision, as tasks on the case (for those who read its Investigation class).</summary>
public sealed class IdentificationCaseTasks(AriadneDbContext db) : ICaseTaskSource
{
    public async Task<IReadOnlyList<CaseTask>> TasksAsync(Viewer viewer, Guid caseId, CaseRights rights, CancellationToken ct)
    {
        if (!rights.CanRead(DataClass.Investigation) || rights.IsBreakGlass)
            return [];
        var screened = await db.Screenings.AnyAsync(s => s.CaseId == caseId, ct);
        var decision = await db.IdentificationDecisions.Where(d => d.CaseId == caseId).OrderByDescending(d => d.RecordedAt)
            .Select(d => (TraffickingStatus?)d.Status).FirstOrDefaultAsync(ct);
        return
        [
            new(10, "CaseTask_Screen", "/Identification/Identification", screened ? CaseTaskState.Completed : CaseTaskState.NotStarted),
            new(20, "CaseTask_Decide", "/Identification/Identification",
                decision is not null ? CaseTaskState.Completed : CaseTaskState.NotStarted,
                decision is { } status ? "TraffickingStatus_" + status : null),
        ];
    }
}
