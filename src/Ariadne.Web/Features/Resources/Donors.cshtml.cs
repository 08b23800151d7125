using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Resources;

/// <summary>
/// The donors and the areas they support (categories, regions, period, ceiling and what remains of it), as they stated them
/// through the Coordinator: the Coordinator's office reads, the Coordinator records. Anyone else is answered 404.
/// </summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class DonorsModel(ResourceLedger ledger) : PageModel
{
    [BindProperty] public ResourceLedger.DonorInput Donor { get; set; } = new();
    [BindProperty] public ResourceLedger.AreaInput Area { get; set; } = new();

    public IReadOnlyList<ResourceLedger.DonorView> Rows { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Institutions { get; private set; } = [];
    public bool Coordinator { get; private set; }

    private List<string> Roles => User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public Task<IActionResult> OnPostDonorAsync() =>
        SaveAsync("Donor", async v => (await ledger.AddDonorAsync(v, Roles, Donor, HttpContext.RequestAborted)).Errors, "Resources_DonorRecorded");

    public Task<IActionResult> OnPostAreaAsync() =>
        SaveAsync("Area", v => ledger.AddAreaAsync(v, Roles, Area, HttpContext.RequestAborted), "Resources_AreaRecorded");

    private async Task<IActionResult> SaveAsync(string prefix, Func<Viewer, Task<Dictionary<string, string[]>?>> action, string notice)
    {
        var unreadable = ModelState.Where(k => k.Key.StartsWith(prefix + ".", StringComparison.Ordinal) && k.Value!.Errors.Count > 0).ToList();
        if (unreadable.Count > 0)
        {
            foreach (var key in ModelState.Keys.Where(k => !k.StartsWith(prefix + ".", StringComparison.Ordinal)).ToList())
                ModelState.Remove(key);
            return await LoadAsync() ? Page() : NotFound();
        }
        ModelState.Clear();
        var errors = await action(Viewer.Of(User));
        if (errors is null)
            return NotFound();
        if (errors.Count == 0)
        {
            TempData["Notice"] = notice;
            return RedirectToPage();
        }
        foreach (var (field, messages) in errors)
            foreach (var message in messages)
                ModelState.AddModelError(field.Length == 0 ? "" : prefix + "." + field, message);
        return await LoadAsync() ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync()
    {
        var viewer = Viewer.Of(User);
        if (await ledger.DonorsAsync(viewer, Roles, HttpContext.RequestAborted) is not { } rows)
            return false;
        Rows = rows;
        Coordinator = (await ledger.StandingAsync(viewer, Roles, HttpContext.RequestAborted)).Coordinator;
        if (Coordinator)
            Institutions = await ledger.InstitutionChoicesAsync(HttpContext.RequestAborted);
        return true;
    }
}
