using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Security;
using Ariadne.Web.Platform.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Cases;

/// <summary>
/// Changing one data class of a case (<c>/Cases/{id}/Edit?section=Identity</c>): only that class's fields,
/// and only when the viewer may write it — otherwise 403 (404 when they may not see the case at all). The
/// change goes through <see cref="CaseService.UpdateAsync"/>, which checks the rights again and audits.
/// </summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class EditModel(CaseService cases, CaseHeaders headers, CaseAccess access, IStringLocalizer<SharedResource> text, UiTime uiTime) : PageModel
{
    public static readonly string[] Sexes = ["female", "male", "other", "unknown"];

    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty(SupportsGet = true)] public DataClass Section { get; set; } = DataClass.Status;
    [BindProperty] public CaseInput Input { get; set; } = new();

    public CaseService.CaseView View { get; private set; } = null!;
    public CaseHeader Header { get; private set; } = null!;
    public IReadOnlyList<CaseFields.Field> Editable { get; private set; } = [];

    public Task<IActionResult> OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostUpdateAsync()
    {
        ModelState.Clear();
        if (!CaseFields.Classes.Contains(Section) || (Input.Touches() & ~Section) != 0)
            // A case the viewer cannot see is not there (404), whatever was posted; a visible one refuses fields outside the section.
            return await access.RightsAsync(Viewer.Of(User), Id) is null ? NotFound() : StatusCode(StatusCodes.Status403Forbidden);
        foreach (var (field, messages) in Input.Validate(text, uiTime.Today))
            foreach (var message in messages)
                ModelState.AddModelError("Input." + field, message);
        if (ModelState.IsValid)
        {
            switch (await cases.UpdateAsync(Viewer.Of(User), Id, Input))
            {
                case CaseService.UpdateOutcome.NotFound:
                    return NotFound();
                case CaseService.UpdateOutcome.Forbidden:
                    ModelState.AddModelError(string.Empty, text["Case_NotWritable"]);
                    break;
                case CaseService.UpdateOutcome.ClosureNeedsOutcome:
                    ModelState.AddModelError("Input." + nameof(CaseInput.ClosureOutcome), text["Closure_OutcomeRequired"]);
                    break;
                case CaseService.UpdateOutcome.MinorNeedsAssessment:
                    ModelState.AddModelError("Input." + nameof(CaseInput.IsMinor), text["Age_ClearNeedsAssessment"]);
                    break;
                default:
                    TempData["Notice"] = "Common_Saved";
                    return RedirectToPage("/Cases/Detail", new { id = Id, tab = DetailModel.PersonClasses.Contains(Section) ? "person" : null });
            }
        }
        return await LoadAsync();
    }

    private async Task<IActionResult> LoadAsync()
    {
        if (!CaseFields.Classes.Contains(Section))
            return NotFound();
        var read = await cases.ReadWithAsync(Viewer.Of(User), Id, CasesAudit.View, (view, ct) => headers.BuildAsync(view, ct));
        if (read is not { } found)
            return NotFound();
        View = found.View;
        Header = found.More with { Tab = DetailModel.PersonClasses.Contains(Section) ? CaseTab.Person : CaseTab.Overview };
        Editable = CaseFields.All.Where(f => f.Class == Section && f.Input != FieldInput.ReadOnly && View.Fields.ContainsKey(f.Name)).ToList();
        if (View.Erased || !View.Rights.CanWrite(Section) || Editable.Count == 0)
            return StatusCode(StatusCodes.Status403Forbidden);
        return Page();
    }
}
