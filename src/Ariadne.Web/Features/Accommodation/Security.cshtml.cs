using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Accommodation;

/// <summary>
/// A shelter's security: the guard roster (its manager, or the Squad's chief for any shelter) and the transport hand-overs
/// of its staff, with the one-time code shown once, on the answer to the request that issued it, and never again.
/// </summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class SecurityModel(GuardService guards, TransportService transports) : PageModel
{
    [BindProperty] public GuardService.ShiftInput Shift { get; set; } = new();
    [BindProperty] public TransportService.HandoverInput Handover { get; set; } = new();
    [BindProperty] public string? Code { get; set; }

    public GuardService.RosterView? Roster { get; private set; }
    public IReadOnlyList<TransportService.HandoverRow>? Handovers { get; private set; }
    public IReadOnlyList<(Guid Id, string Label, DateTimeOffset HeldUntil)> HeldBeds { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Escorts { get; private set; } = [];
    /// <summary>The code just issued: on this answer only.</summary>
    public string? IssuedCode { get; private set; }

    private IReadOnlyCollection<string> Roles => User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : Forbid();

    public async Task<IActionResult> OnPostShiftAsync()
    {
        ModelState.Clear();
        var errors = await guards.AddShiftAsync(Viewer.Of(User), Roles, Shift);
        if (errors is null)
            return Forbid();
        return await AnswerAsync("Shift", errors, "Shift_Saved");
    }

    public async Task<IActionResult> OnPostCancelShiftAsync(Guid shiftId)
    {
        if (!await guards.CancelShiftAsync(Viewer.Of(User), Roles, shiftId))
            return NotFound();
        TempData["Notice"] = "Shift_Cancelled";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostArrangeAsync()
    {
        ModelState.Clear();
        if (await transports.ArrangeAsync(Viewer.Of(User), Roles, Handover) is not { } arranged)
            return Forbid();
        if (arranged.Errors.Count > 0)
            return await AnswerAsync("Handover", arranged.Errors, "");
        // Shown once, here: no redirect, and the answer is not cached.
        Response.Headers.CacheControl = "no-store";
        IssuedCode = TransportService.Display(arranged.Code!);
        Handover = new();
        return await LoadAsync() ? Page() : Forbid();
    }

    public async Task<IActionResult> OnPostConfirmAsync(Guid handoverId)
    {
        ModelState.Clear();
        var errors = await transports.ConfirmAsync(Viewer.Of(User), Roles, handoverId, Code);
        if (errors is null)
            return NotFound();
        return await AnswerAsync("", errors, "Transport_Confirmed");
    }

    private async Task<IActionResult> AnswerAsync(string prefix, Dictionary<string, string[]> errors, string notice)
    {
        if (errors.Count == 0)
        {
            TempData["Notice"] = notice;
            return RedirectToPage();
        }
        foreach (var (field, messages) in errors)
            foreach (var message in messages)
                ModelState.AddModelError(field.Length == 0 ? "" : prefix.Length == 0 ? field : prefix + "." + field, message);
        return await LoadAsync() ? Page() : Forbid();
    }

    private async Task<bool> LoadAsync()
    {
        var viewer = Viewer.Of(User);
        Roster = await guards.RosterAsync(viewer, Roles);
        Handovers = await transports.ListAsync(viewer, Roles);
        if (Handovers is not null)
        {
            HeldBeds = await transports.HeldBedsAsync(viewer);
            Escorts = await transports.EscortsAsync();
        }
        return Roster is not null || Handovers is not null;
    }
}
