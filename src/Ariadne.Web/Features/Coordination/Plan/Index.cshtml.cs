using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Coordination.Plan;

/// <summary>
/// The action plan as the viewer may see it: the whole plan for the Coordinator's office, their institution's measures (as
/// responsible or partner) for anyone else; filters by status, "ours" and "overdue". The Coordinator imports the plan here.
/// </summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class IndexModel(ActionPlans plans, PlanImport import, BlindIndex index, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty(SupportsGet = true)] public MeasureStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public bool Mine { get; set; }
    [BindProperty(SupportsGet = true)] public bool Overdue { get; set; }
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public ActionPlans.NewMeasureInput NewMeasure { get; set; } = new();
    /// <summary>The key of the form sent (<see cref="Platform.Api.Idempotency.NewFormKey"/>): sent twice, it makes one measure.</summary>
    [BindProperty] public string? FormKey { get; set; }

    /// <summary>The objectives a measure may be added to (the Coordinator's form).</summary>
    public IReadOnlyList<(Guid Id, string Code, string Title)> Objectives { get; private set; } = [];

    public ActionPlans.PlanView Plan { get; private set; } = null!;
    public IReadOnlyList<string> ImportErrors { get; private set; } = [];

    private List<string> Roles => User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    public async Task OnGetAsync()
    {
        Plan = await plans.ListAsync(Viewer.Of(User), Roles, Status, Mine, Overdue, HttpContext.RequestAborted);
        if (Plan.Standing.Coordinator)
            Objectives = await plans.ObjectiveChoicesAsync(HttpContext.RequestAborted);
    }

    /// <summary>The Coordinator adds a measure; on success its page opens, to assign it.</summary>
    public async Task<IActionResult> OnPostAddMeasureAsync()
    {
        ModelState.Clear();
        var request = IdempotentRequest.ForAddition(index, FormKey, nameof(PlanMeasure), Guid.Empty, NewMeasure);
        var (id, errors) = await plans.AddMeasureAsync(Viewer.Of(User), Roles, NewMeasure, request, HttpContext.RequestAborted);
        if (errors is null)
            return NotFound();
        if (id is { } measure)
        {
            TempData["Notice"] = "Plan_MeasureAdded";
            return RedirectToPage("/Coordination/Plan/Measure", new { id = measure });
        }
        foreach (var (field, messages) in errors)
            foreach (var message in messages)
                ModelState.AddModelError(field.Length == 0 ? "" : "NewMeasure." + field, message);
        await OnGetAsync();
        return Page();
    }

    /// <summary>Imports (or updates) the 2004 plan as it ships with the system.</summary>
    public Task<IActionResult> OnPostSeedAsync() => ImportAsync(PlanImport.Seed());

    /// <summary>Imports a plan file in the same form.</summary>
    public async Task<IActionResult> OnPostImportAsync()
    {
        if (Upload is null || Upload.Length == 0)
            return await ImportAsync(null);
        if (Upload.Length > PlanImport.MaxBytes)
            return await ImportAsync(new string(' ', PlanImport.MaxBytes + 1));
        using var reader = new StreamReader(Upload.OpenReadStream());
        return await ImportAsync(await reader.ReadToEndAsync(HttpContext.RequestAborted));
    }

    private async Task<IActionResult> ImportAsync(string? json)
    {
        ModelState.Clear();
        var viewer = Viewer.Of(User);
        var standing = await plans.StandingAsync(viewer, Roles, HttpContext.RequestAborted);
        if (!standing.Coordinator)
            return NotFound();
        if (json is null)
        {
            ModelState.AddModelError("Upload", text["PlanImport_ChooseFile"]);
            await OnGetAsync();
            return Page();
        }
        var (result, errors) = await import.ImportAsync(viewer, standing, json, HttpContext.RequestAborted);
        if (result is not null)
        {
            TempData["Notice"] = "PlanImport_Done";
            return RedirectToPage();
        }
        ImportErrors = errors ?? [];
        foreach (var error in ImportErrors.Take(20))
            ModelState.AddModelError("Upload", error);
        await OnGetAsync();
        return Page();
    }
}
