using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Modules;
using Ariadne.Web.Platform.Ui;

namespace Ariadne.Web.Features.Observation;

/// <summary>
/// The problems card: for the Coordinator's office, problems waiting for triage and responses overdue; for an institution problems
/// are routed to, its open asks, overdue first. Read through <see cref="Problems"/>, so only what the viewer may see.
/// </summary>
public sealed class ObservationHomePanel(Problems problems) : IHomePanel
{
    public async Task<HomePanelView?> BuildAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var viewer = Viewer.Of(user);
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        if (await problems.OfficeHomeAsync(viewer, roles, ct) is { } office)
        {
            if (office.Rows.Count == 0)
                return null;
            return new HomePanelView("Home_ProblemsOffice", Items(office.Rows), "problems", 61)
            {
                Count = office.OverdueRoutes,
                CountKey = "Home_ProblemsOverdueCount",
                Alert = office.OverdueRoutes > 0,
                SeeAll = new HomeLink("/Observation/Problems", "Home_ProblemsSeeAll"),
            };
        }
        var rows = await problems.OpenAsksAsync(viewer, roles, ct);
        if (rows.Count == 0)
            return null;
        var overdue = rows.Count(r => r.Overdue);
        return new HomePanelView("Home_ProblemsAsked", Items(rows), "problems", 61)
        {
            Count = overdue,
            CountKey = "Home_ProblemsOverdueCount",
            Alert = overdue > 0,
            SeeAll = new HomeLink("/Observation/Problems", "Home_ProblemsSeeAll"),
        };
    }

    private static List<HomePanelItem> Items(IEnumerable<Problems.HomeRow> rows) =>
        rows.Take(HomePanelView.MaxItems).Select(r => new HomePanelItem(new HomeText("Observation_HomeLine", r.Number, r.Title))
        {
            Page = "/Observation/Problem",
            RouteId = r.Id,
            Tag = new HomeText(r.Overdue ? "Observation_Overdue" : r.Deadline is null ? "Observation_Untriaged" : "Observation_DueOn", r.Deadline is { } d ? UiTime.FormatDay(d) : ""),
        }).ToList();
}
