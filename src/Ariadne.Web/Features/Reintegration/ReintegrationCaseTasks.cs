using Ariadne.Web.Features.Cases;
using Ariadne.Web.Features.Protection;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Reintegration;

/// <summary>
/// The repatriation, as a task of the case's investigator once one is planned with a partner in the system: share the
/// travel view with the partner (which needs the person's consent first), then see the person received.
/// </summary>
public sealed class ReintegrationCaseTasks(AriadneDbContext db, CaseAccess access) : ICaseTaskSource
{
    public async Task<IReadOnlyList<CaseTask>> TasksAsync(Viewer viewer, Guid caseId, CaseRights rights, CancellationToken ct)
    {
        if (rights.IsBreakGlass || !rights.CanRead(DataClass.Care) || !await access.ManagesAsync(viewer, caseId, ct))
            return [];
        var r = await db.Repatriations.AsNoTracking().Where(x => x.CaseId == caseId).Select(x => new { x.Status, x.PartnerInstitutionId, x.SharedAt }).FirstOrDefaultAsync(ct);
        if (r is null || r.Status == RepatriationStatus.Cancelled)
            return [];
        var consented = r.PartnerInstitutionId is { } partner && await db.Consents.AnyAsync(x => x.CaseId == caseId && x.RecipientInstitutionId == partner
            && x.Purpose == ConsentPurpose.Repatriation && x.WithdrawnAt == null, ct);
        var state = r.Status == RepatriationStatus.Received ? CaseTaskState.Completed
            : r.PartnerInstitutionId is null ? CaseTaskState.Waiting
            : r.SharedAt is not null && consented ? CaseTaskState.Waiting
            : consented ? CaseTaskState.NotStarted : CaseTaskState.CannotStartYet;
        return [new(70, "CaseTask_Repatriation", "/Reintegration/Reintegration", state, Fragment: "repatriation-heading")];
    }
}
