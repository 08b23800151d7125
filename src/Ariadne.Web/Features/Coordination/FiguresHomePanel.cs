using System.Security.Claims;
using Ariadne.Web.Platform.Modules;
using Ariadne.Web.Platform.Participants;

namespace Ariadne.Web.Features.Coordination;

/// <summary>The Coordinator's and analyst's home card: the deadline figures of <see cref="CoordinatorFigures"/>, counts only.</summary>
public sealed class FiguresHomePanel(CoordinatorFigures figures) : IHomePanel
{
    public async Task<HomePanelView?> BuildAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (!user.IsInRole(RoleCatalog.Coordinator) && !user.IsInRole(RoleCatalog.Analyst))
            return null;
        var f = await figures.ReadAsync(ct);
        HomePanelItem[] items =
        [
            new(new HomeText("Home_FigureOverdue", f.OverdueNow)) { Urgency = f.OverdueNow > 0 ? HomeUrgency.Overdue : HomeUrgency.Ok },
            new(new HomeText("Home_FigureReceived30", f.ReceivedLast30Days)),
            new(new HomeText("Home_FigureLate30", f.AcknowledgedLateLast30Days)),
            new(new HomeText("Home_FigureEscalated30", f.EscalatedLast30Days)),
        ];
        return new HomePanelView("Home_Figures", items, "figures", 40)
        {
            Count = f.WaitingNow,
            CountKey = "Home_FiguresCount",
            Alert = f.OverdueNow > 0,
            SeeAll = new HomeLink("/Coordination/Figures", "Home_FiguresSeeAll"),
        };
    }
}
