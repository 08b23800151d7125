using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Modules;

namespace Ariadne.Web.Features.Investigation;

/// <summary>
/// The Squad's and the National Coordinator's card for requests to foreign law enforcement: those waiting for the
/// Coordinator's decision (the Coordinator), those returned (the Squad) and those overdue (both). Request numbers and
/// countries only, through <see cref="CooperationRequests.DueAsync"/>, so each sees only the requests they work on.
/// </summary>
public sealed class CooperationHomePanel(CooperationRequests requests) : IHomePanel
{
    public async Task<HomePanelView?> BuildAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (!InvestigationModule.CooperationRoles.Any(user.IsInRole))
            return null;
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        var (pending, overdue, returned) = await requests.DueAsync(Viewer.Of(user), roles, ct);
        var rows = overdue.Select(r => (Row: r, Tag: "Cooperation_Overdue"))
            .Concat(pending.Select(r => (Row: r, Tag: "CooperationStatus_" + r.Status)))
            .Concat(returned.Select(r => (Row: r, Tag: "CooperationStatus_" + r.Status)))
            .DistinctBy(x => x.Row.Id).ToList();
        if (rows.Count == 0)
            return null;
        var items = rows.Take(HomePanelView.MaxItems).Select(x => new HomePanelItem(new HomeText("Cooperation_HomeLine", x.Row.Number, x.Row.Country))
        {
            Page = "/Investigation/Cooperation/Request",
            RouteId = x.Row.Id,
            Tag = new HomeText(x.Tag),
        }).ToList();
        return new HomePanelView("Home_Cooperation", items, "cooperation", 25)
        {
            Count = overdue.Count,
            CountKey = "Home_CooperationOverdueCount",
            Alert = overdue.Count > 0,
            SeeAll = new HomeLink("/Investigation/Cooperation/Index", "Home_CooperationSeeAll"),
        };
    }
}
