using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Accommodation;

/// <summary>The bed finder: "where is a bed tonight for…", answered with shelters and counts only; a bed can be held for a few hours.</summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class BedsModel(ShelterService shelters) : PageModel
{
    [BindProperty(SupportsGet = true)] public ShelterService.SearchInput Search { get; set; } = new();
    [BindProperty] public int Hours { get; set; } = ShelterService.DefaultHoldHours;

    public IReadOnlyList<ShelterService.Availability>? Results { get; private set; }
    public bool CanHold { get; private set; }

    private IReadOnlyCollection<string> Roles => User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    public async Task<IActionResult> OnGetAsync()
    {
        if (!AccommodationRoles.Any(Roles, AccommodationRoles.Finders))
            return Forbid();
        CanHold = AccommodationRoles.Any(Roles, AccommodationRoles.Holders);
        ModelState.Clear();
        if (Search.Need is null && !Request.Query.ContainsKey("Search.Need"))
            return Page(); // the empty form
        foreach (var (field, messages) in shelters.Validate(Search))
            foreach (var message in messages)
                ModelState.AddModelError("Search." + field, message);
        if (ModelState.IsValid)
            Results = await shelters.FindAsync(Viewer.Of(User), Roles, Search);
        return Page();
    }

    public async Task<IActionResult> OnPostHoldAsync(Guid shelterId)
    {
        ModelState.Clear();
        var errors = await shelters.HoldAsync(Viewer.Of(User), Roles, shelterId, Search, Hours);
        if (errors is null)
            return Forbid();
        if (errors.Count == 0)
        {
            TempData["Notice"] = "Beds_Held";
            return RedirectToPage(new Dictionary<string, string?>
            {
                ["Search.Need"] = Search.Need?.ToString(),
                ["Search.Accessible"] = Search.Accessible ? "true" : null,
                ["Search.Language"] = Search.Language,
            });
        }
        foreach (var (field, messages) in errors)
            foreach (var message in messages)
                ModelState.AddModelError(field.Length == 0 || field == "Hours" ? field : "Search." + field, message);
        CanHold = true;
        if (shelters.Validate(Search).Count == 0)
            Results = await shelters.FindAsync(Viewer.Of(User), Roles, Search);
        return Page();
    }
}
