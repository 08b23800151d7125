using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Modules;

namespace Ariadne.Web.Features.Coordination;

/// <summary>
/// The card of an institution's leads for the action plan: its open measures overdue or due within 30 days, through
/// <see cref="ActionPlans.DueAsync"/> (only the measures the institution answers for).
/// </summary>
public sealed class PlanHomePanel(ActionPlans plans) : IHomePanel
{
    public async Task<HomePanelView?> BuildAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (!ActionPlans.ReporterRoles.Any(user.IsInRole))
            return null;
        var rows = await plans.DueAsync(Viewer.Of(user), user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList(), ct);
        if (rows.Count == 0)
            return null;
        var overdue = rows.Count(r => r.Overdue);
        var items = rows.Take(HomePanelView.MaxItems).Select(r => new HomePanelItem(new HomeText("Plan_HomeLine", r.Code, r.Title))
        {
            Page = "/Coordination/Plan/Measure",
            RouteId = r.Id,
            Tag = new HomeText(r.Overdue ? "Plan_Overdue" : "Plan_DueSoon"),
        }).ToList();
        return new HomePanelView("Home_Plan", items, "plan", 60)
        {
            Count = overdue,
            CountKey = "Home_PlanOverdueCount",
            Alert = overdue > 0,
            SeeAll = new HomeLink("/Coordination/Plan/Index", "Home_PlanSeeAll"),
        };
    }
}
