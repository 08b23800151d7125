using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.InformationRequests;

/// <summary>The requests on cases the viewer's institution is responsible for and the viewer works on: the holder's opinions.</summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class OpinionsModel(InformationRequests requests) : PageModel
{
    public IReadOnlyList<InformationRequests.Row> Rows { get; private set; } = [];

    public async Task OnGetAsync() => Rows = await requests.ForHolderAsync(Viewer.Of(User), HttpContext.RequestAborted);
}
