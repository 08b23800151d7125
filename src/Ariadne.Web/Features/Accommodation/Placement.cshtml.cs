using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Accommodation;

/// <summary>The case's accommodation tab: where the person stays (the address only for those who may know it), admission and discharge.</summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class PlacementModel(PlacementService placements, FollowUpService followUps, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public Guid? BedId { get; set; }
    [BindProperty] public string? Alias { get; set; }
    [BindProperty] public PlacementService.DischargeInput Discharge { get; set; } = new();
    [BindProperty] public FollowUpService.FollowUpInput FollowUp { get; set; } = new();

    public PlacementService.State State { get; private set; } = null!;

    private IReadOnlyCollection<string> Roles => User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    public async Task<IActionResult> OnGetAsync()
    {
        Discharge.On = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return await LoadAsync() ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostAdmitAsync() => SaveAsync("", v => placements.AdmitAsync(v, Roles, Id, BedId, Alias), "Placement_Admitted");

    public Task<IActionResult> OnPostAliasAsync() => SaveAsync("", v => placements.SetAliasAsync(v, Roles, Id, Alias), "Placement_AliasSaved");

    public Task<IActionResult> OnPostDischargeAsync() => SaveAsync("Discharge", v => placements.DischargeAsync(v, Roles, Id, Discharge), "Placement_Discharged");

    public Task<IActionResult> OnPostFollowUpAsync() => SaveAsync("FollowUp", v => followUps.RecordAsync(v, Id, FollowUp), "FollowUp_Saved");

    private async Task<IActionResult> SaveAsync(string prefix, Func<Viewer, Task<Dictionary<string, string[]>?>> action, string notice)
    {
        ModelState.Clear();
        var errors = await action(Viewer.Of(User));
        if (errors is null)
            return NotFound();
        if (errors.Count == 0)
        {
            TempData["Notice"] = notice;
            return RedirectToPage(new { id = Id });
        }
        foreach (var (field, messages) in errors)
            foreach (var message in messages)
                ModelState.AddModelError(field.Length == 0 ? "" : prefix.Length == 0 ? field : prefix + "." + field, message);
        return await LoadAsync() ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync()
    {
        if (await placements.ReadAsync(Viewer.Of(User), Roles, Id) is not { } state)
            return false;
        State = state;
        Alias ??= state.Current?.Alias;
        return true;
    }
}
