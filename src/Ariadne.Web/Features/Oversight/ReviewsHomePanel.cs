using System.Security.Claims;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Modules;
using Ariadne.Web.Platform.Participants;

namespace Ariadne.Web.Features.Oversight;

/// <summary>
/// The auditor's home card: break-glass openings not yet reviewed (<see cref="BreakGlassService.QueueAsync"/>, the
/// review page's own queue), oldest first. Case number, reason and time only; the explanation stays on the review page.
/// </summary>
public sealed class ReviewsHomePanel(BreakGlassService breakGlass) : IHomePanel
{
    public async Task<HomePanelView?> BuildAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (!user.IsInRole(RoleCatalog.Auditor))
            return null;
        var queue = await breakGlass.QueueAsync(ct);
        var items = queue.OrderBy(r => r.StartedAt).Take(HomePanelView.MaxItems)
            .Select(r => new HomePanelItem(new HomeText("Home_CaseLine", r.CaseNumber))
            {
                Page = "/Oversight/Reviews",
                Tag = new HomeText("BreakGlassReason_" + r.Reason),
                Urgency = HomeUrgency.Soon,
            }).ToList();
        return new HomePanelView("Home_Reviews", items, "reviews", 50)
        {
            Count = queue.Count,
            CountKey = "Home_ReviewsCount",
            Alert = queue.Count > 0,
            SeeAll = new HomeLink("/Oversight/Reviews", "Home_ReviewsSeeAll"),
            EmptyKey = "Home_ReviewsEmpty",
        };
    }
}
