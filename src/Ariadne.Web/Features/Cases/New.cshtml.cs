using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Cases;

/// <summary>Opens a case for a person: Squad members only. The creator becomes its investigator.</summary>
[Authorize(Policy = Platform.Security.Policies.Mfa,
    Roles = RoleCatalog.Investigator + "," + RoleCatalog.IdentificationOfficer + "," + RoleCatalog.DutyOfficer + "," + RoleCatalog.SquadChief)]
public sealed class NewModel(CaseService cases, IStringLocalizer<SharedResource> text, UiTime uiTime) : PageModel
{
    [BindProperty]
    public CaseInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        foreach (var (field, messages) in Input.Validate(text, uiTime.Today))
            foreach (var message in messages)
                ModelState.AddModelError("Input." + field, message);
        if (string.IsNullOrWhiteSpace(Input.GivenName) && string.IsNullOrWhiteSpace(Input.FamilyName) && string.IsNullOrWhiteSpace(Input.DocumentNumber))
            ModelState.AddModelError("Input.GivenName", text["Case_IdentityRequired"]);
        if (!ModelState.IsValid)
            return Page();
        var view = await cases.CreateAsync(Viewer.Of(User), Input);
        TempData["Notice"] = "Case_Created";
        return RedirectToPage("/Cases/Detail", new { id = view.Id });
    }
}
