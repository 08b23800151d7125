using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Cases;

/// <summary>
/// One case as the viewer may see it: only the fields their grants open are rendered, editable only
/// where they may write. A case they cannot see is a 404, like one that does not exist, and audited.
/// </summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class DetailModel(
    CaseService cases, GrantService grants, CaseAccess access, AriadneDbContext db, IStringLocalizer<SharedResource> text, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public CaseInput Input { get; set; } = new();
    [BindProperty] public GrantService.GrantInput Grant { get; set; } = new();

    public CaseService.CaseView View { get; private set; } = null!;
    public string ResponsibleInstitution { get; private set; } = "";
    public IReadOnlyList<Relation> Grantable { get; private set; } = [];
    public IReadOnlyList<GrantService.GrantRow> Grants { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Institutions { get; private set; } = [];
    public DateTimeOffset? EmergencyUntil { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync(CasesAudit.View) ? Page() : NotFound();

    public async Task<IActionResult> OnPostUpdateAsync()
    {
        ModelState.Clear();
        var viewer = Viewer.Of(User);
        foreach (var (field, messages) in Input.Validate(text, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)))
            foreach (var message in messages)
                ModelState.AddModelError("Input." + field, message);
        if (ModelState.IsValid)
        {
            switch (await cases.UpdateAsync(viewer, Id, Input))
            {
                case CaseService.UpdateOutcome.NotFound:
                    return NotFound();
                case CaseService.UpdateOutcome.Forbidden:
                    ModelState.AddModelError(string.Empty, text["Case_NotWritable"]);
                    break;
                case CaseService.UpdateOutcome.MinorNeedsAssessment:
                    ModelState.AddModelError("Input." + nameof(CaseInput.IsMinor), text["Age_ClearNeedsAssessment"]);
                    break;
                default:
                    TempData["Notice"] = "Common_Saved";
                    return RedirectToPage(new { id = Id });
            }
        }
        return await LoadAsync(CasesAudit.View) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAddGrantAsync()
    {
        ModelState.Clear();
        if (await access.RightsAsync(Viewer.Of(User), Id) is null)
            return NotFound();
        var errors = await grants.AddAsync(Viewer.Of(User), Id, Grant);
        foreach (var (field, messages) in errors)
            foreach (var message in messages)
                ModelState.AddModelError("Grant." + field, message);
        if (errors.Count == 0)
        {
            TempData["Notice"] = "Grant_Added";
            return RedirectToPage(new { id = Id });
        }
        return await LoadAsync(CasesAudit.View) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostRevokeGrantAsync(Guid grantId)
    {
        if (!await grants.RevokeAsync(Viewer.Of(User), Id, grantId))
            return NotFound();
        TempData["Notice"] = "Grant_Revoked";
        return RedirectToPage(new { id = Id });
    }

    /// <summary>What the page shows beside the case's fields, read in the same audited read as the case.</summary>
    private sealed record Around(string ResponsibleInstitution, DateTimeOffset? EmergencyUntil, IReadOnlyList<Relation> Grantable,
        IReadOnlyList<GrantService.GrantRow> Grants, IReadOnlyList<(Guid Id, string Name)> Institutions);

    private async Task<bool> LoadAsync(AuditPurpose purpose)
    {
        var viewer = Viewer.Of(User);
        var read = await cases.ReadWithAsync(viewer, Id, purpose, async (view, ct) =>
        {
            var responsible = view.Fields.TryGetValue("responsibleInstitutionId", out var institutionId) && institutionId is Guid iid
                ? await db.Institutions.Where(i => i.Id == iid).Select(i => i.Name).FirstAsync(ct)
                : "";
            var emergencyUntil = view.Rights.IsBreakGlass
                ? await access.ActiveBreakGlass(viewer).Where(b => b.CaseId == Id).MaxAsync(b => (DateTimeOffset?)b.ExpiresAt, ct)
                : null;
            var grantable = await grants.GrantableAsync(viewer, Id, ct);
            if (grantable.Count == 0)
                return new Around(responsible, emergencyUntil, grantable, [], []);
            var list = await grants.ListAsync(viewer, Id, ct) ?? [];
            var institutions = (await db.Institutions.AsNoTracking().Where(i => i.IsActive).OrderBy(i => i.Name).Select(i => new { i.Id, i.Name }).ToListAsync(ct))
                .Select(i => (i.Id, i.Name)).ToList();
            return new Around(responsible, emergencyUntil, grantable, list, institutions);
        });
        if (read is not { } found)
            return false;
        var (view, around) = found;
        View = view;
        (ResponsibleInstitution, EmergencyUntil, Grantable, Grants, Institutions) = around;
        return true;
    }

    public string Display(CaseFields.Field field) => View.Fields.GetValueOrDefault(field.Name) switch
    {
        null => "—",
        CaseStatus status => text["CaseStatus_" + status],
        TraffickingStatus trafficking => text["TraffickingStatus_" + trafficking],
        DateOnly day => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        bool flag => flag ? text["Common_Yes"] : text["Common_No"],
        DateTimeOffset at => at.ToString("yyyy-MM-dd HH:mm"),
        Guid => ResponsibleInstitution,
        var value => value.ToString() ?? "—",
    };
}
