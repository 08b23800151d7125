using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.InformationRequests;

/// <summary>The Coordinator's queue: requests waiting for a decision first, then those decided. A 404 for anyone else (analysts too).</summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class QueueModel(InformationRequests requests) : PageModel
{
    public IReadOnlyList<InformationRequests.Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var rows = await requests.QueueAsync(Viewer.Of(User), User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList(), ct: HttpContext.RequestAborted);
        if (rows is null)
            return NotFound();
        Rows = rows;
        return Page();
    }
}
