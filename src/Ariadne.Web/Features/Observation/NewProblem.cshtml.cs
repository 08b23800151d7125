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
/// Report a problem: category, title, description (warned: no personal data), region, institutions concerned, and whether to stay
/// anonymous to the institutions it is routed to. The form carries a key made when the page rendered: sent twice, it records once.
/// </summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class NewProblemModel(Problems problems, BlindIndex index) : PageModel
{
    [BindProperty] public Problems.ReportInput Input { get; set; } = new();
    /// <summary>The key of the form sent (<see cref="Idempotency.NewFormKey"/>).</summary>
    [BindProperty] public string? FormKey { get; set; }

    public IReadOnlyList<(Guid Id, string Name)> Institutions { get; private set; } = [];

    private List<string> Roles => User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    public async Task<IActionResult> OnGetAsync()
    {
        if (!(await problems.StandingAsync(Viewer.Of(User), Roles, HttpContext.RequestAborted)).Participant)
            return NotFound();
        Institutions = await problems.InstitutionChoicesAsync(HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        var viewer = Viewer.Of(User);
        var (id, errors) = await problems.ReportAsync(viewer, Roles, Input,
            IdempotentRequest.ForAddition(index, FormKey, nameof(Problem), viewer.UserId, Input), HttpContext.RequestAborted);
        if (errors is null)
            return NotFound();
        if (errors.Count == 0 && id is { } created)
        {
            TempData["Notice"] = "Observation_Reported";
            return RedirectToPage("/Observation/Problem", new { id = created });
        }
        foreach (var (field, messages) in errors)
            foreach (var message in messages)
                ModelState.AddModelError(field.Length == 0 ? "" : "Input." + field, message);
        Institutions = await problems.InstitutionChoicesAsync(HttpContext.RequestAborted);
        return Page();
    }
}
