using Ariadne.Web.Features.Protection;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Services;

/// <summary>The case's services tab: the plan and its goals, services and their referral, sessions, compensation, interpreters.</summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class ServicesModel(ServicePlanService services, AriadneDbContext db, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public ServicePlanService.GoalInput Goal { get; set; } = new();
    [BindProperty] public ServicePlanService.ReferInput Refer { get; set; } = new();
    [BindProperty] public ServicePlanService.SessionInput Session { get; set; } = new();
    /// <summary>The service a session is recorded for (the form offers the viewer's own services in progress).</summary>
    [BindProperty] public Guid? SessionServiceId { get; set; }
    [BindProperty] public ServicePlanService.ClaimInput Claim { get; set; } = new();
    [BindProperty] public ServicePlanService.ClaimStepInput Step { get; set; } = new();
    [BindProperty] public ServicePlanService.BookingInput Booking { get; set; } = new();

    public ServicePlanService.State State { get; private set; } = null!;
    public IReadOnlyList<(Guid Id, string Name)> Providers { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
            return NotFound();
        // One service the viewer can record for: it comes chosen (the list stays, so the choice is visible and can be changed).
        if (State.Services.Where(x => x.CanRecord).Select(x => x.Id).ToList() is [var only])
            SessionServiceId = only;
        return Page();
    }

    public Task<IActionResult> OnPostGoalAsync() => SaveAsync("Goal", v => services.SaveGoalAsync(v, Id, Goal), "Goal_Saved");

    public Task<IActionResult> OnPostReferAsync() => SaveAsync("Refer", v => services.ReferAsync(v, Id, Refer), "Service_Referred");

    public Task<IActionResult> OnPostSessionAsync() => SaveAsync("Session", async v => SessionServiceId is { } serviceId
        ? await services.RecordSessionAsync(v, serviceId, Session)
        : new() { [nameof(SessionServiceId)] = [text["Session_ServiceRequired"]] }, "Session_Saved");

    public Task<IActionResult> OnPostEndAsync(Guid serviceId) => SaveAsync("", v => services.EndAsync(v, serviceId), "Service_EndedNotice");

    public Task<IActionResult> OnPostClaimAsync() => SaveAsync("Claim", v => services.ClaimAsync(v, Id, Claim), "Claim_Saved");

    public Task<IActionResult> OnPostStepAsync() => SaveAsync("Step", v => services.AdvanceClaimAsync(v, Id, Step), "Claim_Saved");

    public Task<IActionResult> OnPostBookAsync() => SaveAsync("Booking", v => services.BookInterpreterAsync(v, Id, Booking), "Booking_Saved");

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
                ModelState.AddModelError(field.Length == 0 ? "" : prefix.Length == 0 || field == nameof(SessionServiceId) ? field : prefix + "." + field, message);
        return await LoadAsync() ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync()
    {
        if (await services.ReadAsync(Viewer.Of(User), Id) is not { } state)
            return false;
        State = state;
        if (state.CanRefer)
            Providers = (await db.Institutions.AsNoTracking().Where(i => i.IsActive && i.Kind == InstitutionKind.ServiceProvider).OrderBy(i => i.Name)
                .Select(i => new { i.Id, i.Name }).ToListAsync()).Select(i => (i.Id, i.Name)).ToList();
        return true;
    }

}
