using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Accommodation;

/// <summary>
/// The guard board: for a trained guard on shift, who is expected and who is present at the shelter, by the name they chose,
/// and the hand-over code the escort presents. Off shift, untrained or not a guard: nothing (404).
/// </summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class GuardModel(GuardService guards, TransportService transports) : PageModel
{
    [BindProperty] public string? Code { get; set; }

    public IReadOnlyList<GuardService.ShelterBoard> Boards { get; private set; } = [];

    private IReadOnlyCollection<string> Roles => User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostConfirmAsync(Guid handoverId)
    {
        ModelState.Clear();
        var errors = await transports.ConfirmAsync(Viewer.Of(User), Roles, handoverId, Code);
        if (errors is null)
            return NotFound();
        if (errors.Count == 0)
        {
            TempData["Notice"] = "Transport_Confirmed";
            return RedirectToPage();
        }
        foreach (var (field, messages) in errors)
            foreach (var message in messages)
                ModelState.AddModelError(field, message);
        return await LoadAsync() ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync()
    {
        Response.Headers.CacheControl = "no-store";
        if (await guards.BoardAsync(Viewer.Of(User), Roles) is not { } boards)
            return false;
        Boards = boards;
        return true;
    }
}
