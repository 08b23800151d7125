using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Accommodation;

/// <summary>A shelter's own page: its address, its beds and who is in them, the inventory (managers) and holds.</summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class SheltersModel(ShelterService shelters) : PageModel
{
    [BindProperty] public ShelterService.ShelterInput Shelter { get; set; } = new();
    [BindProperty] public ShelterService.BedInput Bed { get; set; } = new();

    public IReadOnlyList<ShelterService.ShelterView> Own { get; private set; } = [];
    public bool CanManage { get; private set; }

    private IReadOnlyCollection<string> Roles => User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : Forbid();

    public Task<IActionResult> OnPostShelterAsync() => SaveAsync("Shelter", v => shelters.SaveShelterAsync(v, Roles, null, Shelter), "Shelter_Saved");

    public Task<IActionResult> OnPostBedAsync() => SaveAsync("Bed", v => shelters.AddBedAsync(v, Roles, Bed), "Bed_Added");

    public async Task<IActionResult> OnPostChangeAsync(Guid bedId, ShelterService.BedAction action)
    {
        if (!await shelters.ChangeBedAsync(Viewer.Of(User), Roles, bedId, action))
            return NotFound();
        TempData["Notice"] = "Bed_Changed";
        return RedirectToPage();
    }

    private async Task<IActionResult> SaveAsync(string prefix, Func<Viewer, Task<Dictionary<string, string[]>?>> action, string notice)
    {
        ModelState.Clear();
        var errors = await action(Viewer.Of(User));
        if (errors is null)
            return Forbid();
        if (errors.Count == 0)
        {
            TempData["Notice"] = notice;
            return RedirectToPage();
        }
        foreach (var (field, messages) in errors)
            foreach (var message in messages)
                ModelState.AddModelError(field.Length == 0 ? "" : prefix + "." + field, message);
        return await LoadAsync() ? Page() : Forbid();
    }

    private async Task<bool> LoadAsync()
    {
        if (await shelters.OwnAsync(Viewer.Of(User), Roles) is not { } own)
            return false;
        Own = own;
        CanManage = AccommodationRoles.Any(Roles, AccommodationRoles.Managers);
        return true;
    }
}
