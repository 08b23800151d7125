using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Modules;

namespace Ariadne.Web.Features.InformationRequests;

/// <summary>
/// The home cards of information requests: for the Coordinator, the requests waiting for a decision (those whose holder's opinion
/// is overdue tagged); for a holder, the requests on its cases waiting for its opinion. Numbers and institutions only.
/// </summary>
public sealed class InformationHomePanel(InformationRequests requests) : IHomePanel
{
    public async Task<HomePanelView?> BuildAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var viewer = Viewer.Of(user);
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        if (await requests.CoordinatorHomeAsync(viewer, roles, ct) is { } queue)
        {
            if (queue.Waiting == 0)
                return null;
            var items = queue.Oldest.Take(HomePanelView.MaxItems).Select(r => new HomePanelItem(new HomeText("Info_HomeLine", r.Number, r.Requester))
            {
                Page = "/InformationRequests/Request",
                RouteId = r.Id,
                Tag = r.OpinionOverdue ? new HomeText("Info_OpinionOverdue") : null,
            }).ToList();
            return new HomePanelView("Home_InfoQueue", items, "information-queue", 55)
            {
                Count = queue.Waiting,
                CountKey = "Home_InfoWaitingCount",
                Alert = queue.OpinionsOverdue > 0,
                SeeAll = new HomeLink("/InformationRequests/Queue", "Home_InfoSeeAll"),
            };
        }
        var due = await requests.OpinionsDueAsync(viewer, ct);
        if (due.Count == 0)
            return null;
        var rows = due.Take(HomePanelView.MaxItems).Select(r => new HomePanelItem(new HomeText("Info_HomeLine", r.Number, r.Requester))
        {
            Page = "/InformationRequests/Request",
            RouteId = r.Id,
            Tag = new HomeText(r.OpinionOverdue ? "Info_OpinionOverdue" : "Info_OpinionDueTag", Ariadne.Web.Platform.Ui.UiTime.FormatDay(r.OpinionDue)),
        }).ToList();
        return new HomePanelView("Home_InfoOpinions", rows, "information-opinions", 56)
        {
            Count = due.Count,
            CountKey = "Home_InfoOpinionsCount",
            Alert = due.Any(r => r.OpinionOverdue),
            SeeAll = new HomeLink("/InformationRequests/Opinions", "Home_InfoOpinionsSeeAll"),
        };
    }
}
