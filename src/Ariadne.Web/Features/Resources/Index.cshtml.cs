using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Resources;

/// <summary>The needs the viewer may see, with their totals, filtered by category, region, status or only its institution's.</summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class IndexModel(ResourceLedger ledger) : PageModel
{
    [BindProperty(SupportsGet = true)] public NeedCategory? Category { get; set; }
    [BindProperty(SupportsGet = true)] public Region? Region { get; set; }
    [BindProperty(SupportsGet = true)] public NeedStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public bool Mine { get; set; }

    public IReadOnlyList<ResourceLedger.NeedRow> Rows { get; private set; } = [];
    public ResourceLedger.Standing Standing { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        var roles = User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        var viewer = Viewer.Of(User);
        if (await ledger.ListAsync(viewer, roles, Category, Region, Status, Mine, HttpContext.RequestAborted) is not { } rows)
            return NotFound();
        Rows = rows;
        Standing = await ledger.StandingAsync(viewer, roles, HttpContext.RequestAborted);
        return Page();
    }
}
