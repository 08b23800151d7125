using Ariadne.Web.Features.Identification;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Security;
using Ariadne.Web.Platform.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Identification;

/// <summary>Screening against the ILO and ILO–EC indicators, the suggestion they give, and the identification decision with its history.</summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class IdentificationModel(IdentificationService identification, UiTime uiTime) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public IdentificationService.ScreeningInput Screening { get; set; } = new();
    [BindProperty] public IdentificationService.DecisionInput Decision { get; set; } = new();

    public IdentificationService.State State { get; private set; } = null!;
    public DateOnly Today { get; private set; }

    /// <summary>A negative decision passed every check and waits for the officer to confirm it: nothing is decided yet.</summary>
    public bool ConfirmNegative { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
            return NotFound();
        if (State.Screening is { } s)
        {
            Screening.ForcedLabour = [.. s.ForcedLabour];
            Screening.Operational = [.. s.Operational];
            Screening.Notes = s.Notes;
        }
        Decision.DecidedOn = Today;
        return Page();
    }

    public async Task<IActionResult> OnPostScreenAsync()
    {
        ModelState.Clear();
        var errors = await identification.ScreenAsync(Viewer.Of(User), Id, Screening);
        if (errors is null)
            return NotFound();
        if (errors.Count == 0)
        {
            TempData["Notice"] = "Screening_Saved";
            return RedirectToPage(new { id = Id });
        }
        Add("Screening", errors);
        return await LoadAsync() ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostDecideAsync()
    {
        ModelState.Clear();
        var errors = await identification.DecideAsync(Viewer.Of(User), Id, Decision);
        if (errors is null)
            return NotFound();
        if (errors.Count == 0)
        {
            TempData["Notice"] = "Decision_Saved";
            return RedirectToPage(new { id = Id });
        }
        if (errors.Count == 1 && errors.ContainsKey(IdentificationService.NeedsConfirmation))
            ConfirmNegative = true;
        else
            Add("Decision", errors);
        return await LoadAsync() ? Page() : NotFound();
    }

    private void Add(string prefix, Dictionary<string, string[]> errors)
    {
        foreach (var (field, messages) in errors)
            foreach (var message in messages)
                ModelState.AddModelError(field.Length == 0 ? "" : prefix + "." + field, message);
    }

    private async Task<bool> LoadAsync()
    {
        Today = uiTime.Today;
        var state = await identification.ReadAsync(Viewer.Of(User), Id);
        if (state is null)
            return false;
        State = state;
        return true;
    }
}
