using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Investigation.Cooperation;

/// <summary>The requests to foreign law enforcement the viewer works on: the Squad's on its files, the Coordinator's those submitted to them.</summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class IndexModel(CooperationRequests requests) : PageModel
{
    public IReadOnlyList<CooperationRequests.Row> Rows { get; private set; } = [];

    public async Task OnGetAsync() =>
        Rows = await requests.ListAsync(Viewer.Of(User), User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList());
}
