using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Security;
using Ariadne.Web.Platform.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Accommodation;

/// <summary>
/// The conditions of secure accommodation: without an id, the shelters the viewer may look at with their open failed
/// conditions; with one, that shelter's house rules and inspections, the inspection form and the follow-ups to close.
/// </summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class ConditionsModel(InspectionService inspections, UiTime uiTime) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Id { get; set; }
    [BindProperty] public InspectionService.InspectionInput Inspection { get; set; } = new();
    [BindProperty] public InspectionService.RulesInput Rules { get; set; } = new();

    public IReadOnlyList<InspectionService.ShelterRow> Shelters { get; private set; } = [];
    public InspectionService.ShelterConditions? Shelter { get; private set; }

    private IReadOnlyCollection<string> Roles => User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    public async Task<IActionResult> OnGetAsync()
    {
        Inspection.On = uiTime.Today;
        return await LoadAsync(fillRules: true);
    }

    public async Task<IActionResult> OnPostInspectionAsync()
    {
        // One radio group per condition, named "Inspection.<condition>".
        foreach (var condition in InspectionService.PlanConditions.Concat(InspectionService.ConventionConditions))
            Inspection.Results[condition.ToString()] = Request.Form["Inspection." + condition].FirstOrDefault();
        return await SaveAsync("Inspection", v => inspections.RecordAsync(v, Roles, Id ?? Guid.Empty, Inspection), "Inspection_Saved");
    }

    public Task<IActionResult> OnPostRulesAsync() => SaveAsync("Rules", v => inspections.SaveRulesAsync(v, Roles, Id ?? Guid.Empty, Rules), "HouseRules_Saved");

    public async Task<IActionResult> OnPostCloseAsync(Guid inspectionId)
    {
        if (!await inspections.CloseAsync(Viewer.Of(User), Roles, inspectionId))
            return NotFound();
        TempData["Notice"] = "Inspection_Closed";
        return RedirectToPage(new { id = Id });
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
                ModelState.AddModelError(field.Length == 0 ? "" : prefix + "." + field, message);
        return await LoadAsync(fillRules: prefix != "Rules");
    }

    private async Task<IActionResult> LoadAsync(bool fillRules)
    {
        var viewer = Viewer.Of(User);
        if (Id is not { } id)
        {
            if (await inspections.ListAsync(viewer, Roles) is not { } list)
                return Forbid();
            Shelters = list;
            return Page();
        }
        if (await inspections.ReadAsync(viewer, Roles, id) is not { } shelter)
            return NotFound();
        Shelter = shelter;
        if (fillRules)
            Rules = new() { Az = shelter.RulesAz, Ru = shelter.RulesRu, En = shelter.RulesEn };
        return Page();
    }
}
