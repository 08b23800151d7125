using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Coordination.Plan;

/// <summary>
/// External recommendations (GRETA, US TIP, UN treaty bodies) and the measures that answer them, with their progress: the
/// Coordinator's office reads, the Coordinator records and links. Anyone else is answered 404.
/// </summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class RecommendationsModel(ActionPlans plans) : PageModel
{
    [BindProperty] public ActionPlans.RecommendationInput Add { get; set; } = new();
    [BindProperty] public Guid RecommendationId { get; set; }
    [BindProperty] public Guid? MeasureId { get; set; }

    public IReadOnlyList<ActionPlans.RecommendationRow> Rows { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Code, string Title)> Measures { get; private set; } = [];
    public bool Coordinator { get; private set; }

    private List<string> Roles => User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public Task<IActionResult> OnPostAddAsync() => SaveAsync("Add", v => plans.AddRecommendationAsync(v, Roles, Add), "Plan_RecommendationAdded");

    public Task<IActionResult> OnPostLinkAsync() => SaveAsync("Link", v => plans.LinkAsync(v, Roles, RecommendationId, MeasureId, true), "Plan_RecommendationLinked");

    public Task<IActionResult> OnPostUnlinkAsync() => SaveAsync("Link", v => plans.LinkAsync(v, Roles, RecommendationId, MeasureId, false), "Plan_RecommendationUnlinked");

    private async Task<IActionResult> SaveAsync(string prefix, Func<Viewer, Task<Dictionary<string, string[]>?>> action, string notice)
    {
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
                ModelState.AddModelError(prefix == "Link" ? "MeasureId" : prefix + "." + field, message);
        return await LoadAsync() ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync()
    {
        var viewer = Viewer.Of(User);
        if (await plans.RecommendationsAsync(viewer, Roles, HttpContext.RequestAborted) is not { } rows)
            return false;
        Rows = rows;
        Coordinator = (await plans.StandingAsync(viewer, Roles, HttpContext.RequestAborted)).Coordinator;
        if (Coordinator)
            Measures = await plans.MeasureChoicesAsync(HttpContext.RequestAborted);
        return true;
    }
}
