using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Coordination.Plan;

/// <summary>
/// One measure of the plan: its assignment, indicator and actuals, status timeline and the recommendations it answers.
/// The responsible institution's leads (and the Coordinator) report status with evidence and typed actuals; the
/// Coordinator assigns. A measure the viewer may not see is a 404.
/// </summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class MeasureModel(ActionPlans plans) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public ActionPlans.StatusInput Change { get; set; } = new();
    [BindProperty] public ActionPlans.ActualInput Actual { get; set; } = new();
    [BindProperty] public ActionPlans.EditInput Edit { get; set; } = new();

    public ActionPlans.MeasureView View { get; private set; } = null!;
    public IReadOnlyList<(Guid Id, string Name)> Institutions { get; private set; } = [];

    private List<string> Roles => User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
            return NotFound();
        Change.Version = View.Version;
        Edit = new ActionPlans.EditInput
        {
            ResponsibleInstitutionId = View.ResponsibleInstitutionId,
            Partners = [.. View.Partners.Select(p => p.Id)],
            Deadline = View.Deadline,
            BudgetLine = View.BudgetLine,
            Baseline = View.Baseline,
            Target = View.Target,
            Computed = View.Computed,
        };
        return Page();
    }

    public Task<IActionResult> OnPostStatusAsync() => SaveAsync("Change", v => plans.ChangeStatusAsync(v, Roles, Id, Change), "Plan_StatusChanged");

    public Task<IActionResult> OnPostActualAsync() => SaveAsync("Actual", v => plans.RecordActualAsync(v, Roles, Id, Actual), "Plan_ActualRecorded");

    public Task<IActionResult> OnPostEditAsync() => SaveAsync("Edit", v => plans.EditAsync(v, Roles, Id, Edit), "Plan_MeasureSaved");

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
        if (!await LoadAsync())
            return NotFound();
        if (prefix != "Change")
            Change.Version = View.Version;
        else if (errors.ContainsKey(""))
            Change.Version = View.Version; // read again: the form now carries the version the person sees
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        if (await plans.ReadAsync(Viewer.Of(User), Roles, Id, HttpContext.RequestAborted) is not { } view)
            return false;
        View = view;
        if (view.MayEdit)
            Institutions = await plans.InstitutionChoicesAsync(HttpContext.RequestAborted);
        return true;
    }
}
