using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Observation;

/// <summary>The problems the viewer may see, with filters (status, category, institution routed to, overdue).</summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class ProblemsModel(Problems problems) : PageModel
{
    [BindProperty(SupportsGet = true)] public ProblemStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public ProblemCategory? Category { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Institution { get; set; }
    [BindProperty(SupportsGet = true)] public bool Overdue { get; set; }

    public IReadOnlyList<Problems.Row> Rows { get; private set; } = [];
    public Problems.Standing Standing { get; private set; } = null!;
    public IReadOnlyList<(Guid Id, string Name)> Institutions { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var roles = User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        var viewer = Viewer.Of(User);
        Standing = await problems.StandingAsync(viewer, roles, HttpContext.RequestAborted);
        Rows = await problems.ListAsync(viewer, roles, new(Status, Category, Institution, Overdue), HttpContext.RequestAborted);
        if (Standing.SeesAll)
            Institutions = await problems.InstitutionChoicesAsync(HttpContext.RequestAborted);
    }
}
