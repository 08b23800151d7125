using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Helpline;

/// <summary>
/// The helpline's roster for its supervisors: the week ahead, the gaps with the operators who could take them, a shift
/// added or removed under the rest rules, and each operator's languages and skills.
/// </summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class RosterModel(RosterService roster) : PageModel
{
    [BindProperty] public RosterService.ShiftInput Shift { get; set; } = new();
    [BindProperty] public RosterService.ProfileInput Profile { get; set; } = new();

    public RosterService.RosterView View { get; private set; } = null!;
    public string OutOfHoursMessage { get; private set; } = "";

    private IReadOnlyCollection<string> Roles => User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : Forbid();

    public async Task<IActionResult> OnPostShiftAsync()
    {
        ModelState.Clear();
        var errors = await roster.SaveShiftAsync(Viewer.Of(User), Roles, Shift);
        return errors is null ? Forbid() : await AnswerAsync("Shift", errors, "Roster_ShiftSaved");
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid shiftId)
    {
        if (!await roster.RemoveShiftAsync(Viewer.Of(User), Roles, shiftId))
            return NotFound();
        TempData["Notice"] = "Roster_ShiftRemoved";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostProfileAsync()
    {
        ModelState.Clear();
        var errors = await roster.SaveProfileAsync(Viewer.Of(User), Roles, Profile);
        return errors is null ? Forbid() : await AnswerAsync("Profile", errors, "Roster_ProfileSaved");
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
                ModelState.AddModelError(field.Length == 0 ? "" : prefix + "." + field, message);
        return await LoadAsync() ? Page() : Forbid();
    }

    private async Task<bool> LoadAsync()
    {
        if (await roster.RosterAsync(Viewer.Of(User), Roles) is not { } view)
            return false;
        View = view;
        OutOfHoursMessage = roster.OutOfHoursMessage();
        return true;
    }
}
