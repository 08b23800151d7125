using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Security;
using Ariadne.Web.Platform.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Cases;

/// <summary>The age assessments of one case: their history, and a new one by the investigator or the Squad's supervisor.</summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class AgeAssessmentModel(AgeAssessmentService ages, UiTime uiTime) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public AgeAssessmentService.Input Input { get; set; } = new();

    public AgeAssessmentService.State State { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        Input.AssessedOn = uiTime.Today;
        return await LoadAsync() ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        var errors = await ages.RecordAsync(Viewer.Of(User), Id, Input);
        if (errors is null)
            return NotFound();
        if (errors.Count == 0)
        {
            TempData["Notice"] = "Age_Saved";
            return RedirectToPage(new { id = Id });
        }
        foreach (var (field, messages) in errors)
            foreach (var message in messages)
                ModelState.AddModelError(field.Length == 0 ? "" : "Input." + field, message);
        return await LoadAsync() ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync()
    {
        var state = await ages.ReadAsync(Viewer.Of(User), Id);
        if (state is null)
            return false;
        State = state;
        return true;
    }
}
