using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Awareness;

/// <summary>Every awareness campaign (they hold nothing personal): period, status, lead, regions, activities and reach.</summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class CampaignsModel(Campaigns campaigns) : PageModel
{
    public IReadOnlyList<Campaigns.Row> Rows { get; private set; } = [];
    public Campaigns.Standing Standing { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        var roles = User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        Standing = await campaigns.StandingAsync(Viewer.Of(User), roles, HttpContext.RequestAborted);
        if (await campaigns.ListAsync(Viewer.Of(User), roles, HttpContext.RequestAborted) is not { } rows)
            return NotFound();
        Rows = rows;
        return Page();
    }
}
