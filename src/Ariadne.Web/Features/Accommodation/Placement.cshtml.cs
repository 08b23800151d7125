using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Accommodation;

/// <summary>The case's accommodation tab: where the person stays (the address only for those who may know it), admission and discharge.</summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class PlacementModel(PlacementService placements, FollowUpService followUps, ResidentService residents, Platform.Ui.UiTime uiTime) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public Guid? BedId { get; set; }
    [BindProperty] public string? Alias { get; set; }
    [BindProperty] public PlacementService.DischargeInput Discharge { get; set; } = new();
    [BindProperty] public FollowUpService.FollowUpInput FollowUp { get; set; } = new();

    [BindProperty] public ResidentService.MovementInput Movement { get; set; } = new();
    [BindProperty] public ResidentService.AcknowledgeInput Acknowledge { get; set; } = new();
    [BindProperty] public ResidentService.ConditionsInput Conditions { get; set; } = new();
    [BindProperty] public ResidentService.ComplaintInput Complaint { get; set; } = new();

    public PlacementService.State State { get; private set; } = null!;
    public ResidentService.Life? Life { get; private set; }
    /// <summary>A complaint code just issued: shown once, on this response only.</summary>
    public string? IssuedCode { get; private set; }

    private IReadOnlyCollection<string> Roles => User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    public async Task<IActionResult> OnGetAsync()
    {
        Discharge.On = uiTime.Today;
        DefaultMovementTime();
        return await LoadAsync() ? Page() : NotFound();
    }

    public Task<IActionResult> OnPostAdmitAsync() => SaveAsync("", v => placements.AdmitAsync(v, Roles, Id, BedId, Alias), "Placement_Admitted");

    public Task<IActionResult> OnPostAliasAsync() => SaveAsync("", v => placements.SetAliasAsync(v, Roles, Id, Alias), "Placement_AliasSaved");

    public Task<IActionResult> OnPostDischargeAsync() => SaveAsync("Discharge", v => placements.DischargeAsync(v, Roles, Id, Discharge), "Placement_Discharged");

    public Task<IActionResult> OnPostFollowUpAsync() => SaveAsync("FollowUp", v => followUps.RecordAsync(v, Id, FollowUp), "FollowUp_Saved");

    public Task<IActionResult> OnPostMovementAsync() => SaveAsync("Movement", v => residents.RecordMovementAsync(v, Roles, Id, Movement), "Movement_Saved");

    public Task<IActionResult> OnPostAcknowledgeAsync() => SaveAsync("Acknowledge", v => residents.AcknowledgeAsync(v, Roles, Id, Acknowledge), "HouseRules_Acknowledged");

    public Task<IActionResult> OnPostConditionsAsync() => SaveAsync("Conditions", v => residents.SetConditionsAsync(v, Roles, Id, Conditions), "Conditions_Saved");

    public Task<IActionResult> OnPostComplainAsync() => SaveAsync("Complaint", v => residents.ComplainAsync(v, Roles, Id, Complaint), "Complaint_Recorded");

    public async Task<IActionResult> OnPostIssueCodeAsync()
    {
        ModelState.Clear();
        if (await residents.IssueCodeAsync(Viewer.Of(User), Roles, Id) is not { } code)
            return NotFound();
        IssuedCode = code;
        DefaultMovementTime();
        return await LoadAsync() ? Page() : NotFound();
    }

    private void DefaultMovementTime()
    {
        var now = uiTime.Now;
        Movement.On = uiTime.DayOf(now);
        var local = uiTime.Local(now);
        Movement.Time = local.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
    }

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
        Life = await residents.ReadAsync(Viewer.Of(User), Roles, Id);
        if (Life is not null && Conditions.Conditions.Count == 0)
            Conditions.Conditions = [.. Life.Conditions.Select(c => (string?)c.ToString())];
        return true;
    }
}
