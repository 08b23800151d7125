using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Observation;

/// <summary>
/// One problem: what was reported (the reporter hidden from routed institutions when anonymous), its routes with their deadlines,
/// responses and extensions. The office routes and closes; the routed institution responds; the Coordinator extends a deadline
/// and closes as resolved. A problem the viewer may not see is a 404.
/// </summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class ProblemModel(Problems problems, BlindIndex index) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    /// <summary>The key of the form sent (<see cref="Idempotency.NewFormKey"/>).</summary>
    [BindProperty] public string? FormKey { get; set; }
    [BindProperty] public Problems.RouteInput Route { get; set; } = new();
    [BindProperty] public Problems.CloseInput Close { get; set; } = new();
    [BindProperty] public Problems.ResponseInput Answer { get; set; } = new();
    [BindProperty] public Problems.ExtendInput Extend { get; set; } = new();

    public Problems.ProblemView View { get; private set; } = null!;
    public IReadOnlyList<(Guid Id, string Name)> Institutions { get; private set; } = [];
    /// <summary>The form that failed (its details stay open).</summary>
    public string? Failed { get; private set; }

    private List<string> Roles => User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public Task<IActionResult> OnPostRouteAsync() =>
        SaveAsync("Route", v => problems.RouteAsync(v, Roles, Id, Route, IdempotentRequest.ForAddition(index, FormKey, nameof(ProblemRoute), Id, Route)), "Observation_RoutedNotice");

    public Task<IActionResult> OnPostCloseAsync() => SaveAsync("Close", v => problems.CloseAsync(v, Roles, Id, Close), "Observation_ClosedNotice");

    public Task<IActionResult> OnPostRespondAsync() =>
        SaveAsync("Answer", v => problems.RespondAsync(v, Roles, Id, Answer, IdempotentRequest.ForAddition(index, FormKey, nameof(ProblemResponse), Id, Answer)), "Observation_RespondedNotice");

    public Task<IActionResult> OnPostExtendAsync() => SaveAsync("Extend", v => problems.ExtendAsync(v, Roles, Id, Extend), "Observation_ExtendedNotice");

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
        Failed = prefix;
        return await LoadAsync() ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync()
    {
        if (await problems.ReadAsync(Viewer.Of(User), Roles, Id, HttpContext.RequestAborted) is not { } view)
            return false;
        View = view;
        if (view.MayTriage)
            Institutions = (await problems.InstitutionChoicesAsync(HttpContext.RequestAborted)).Where(i => view.Routes.All(r => r.InstitutionId != i.Id)).ToList();
        return true;
    }
}
