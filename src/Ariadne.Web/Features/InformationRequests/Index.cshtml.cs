using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.InformationRequests;

/// <summary>The viewer's own requests for information (never a colleague's), with where each stands.</summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class IndexModel(InformationRequests requests) : PageModel
{
    public IReadOnlyList<InformationRequests.Row> Rows { get; private set; } = [];

    public async Task OnGetAsync() => Rows = await requests.MineAsync(Viewer.Of(User), HttpContext.RequestAborted);
}
