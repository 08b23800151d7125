using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Modules;

namespace Ariadne.Web.Features.Helpline;

/// <summary>The helpline supervisor's card: how many gaps the roster has in the next 7 days (no names), linking to the roster.</summary>
public sealed class RosterGapsHomePanel(RosterService roster, TimeProvider time) : IHomePanel
{
    public async Task<HomePanelView?> BuildAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (!HelplineRoles.Supervisors.Any(user.IsInRole))
            return null;
        var roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
        if (await roster.GapsAsync(Viewer.Of(user), roles, time.GetUtcNow(), 7, ct) is not { } gaps)
            return null;
        HomePanelItem[] items = gaps.Count == 0 ? [] : [new HomePanelItem(new HomeText("Home_RosterGapsLine", gaps.Count)) { Page = "/Helpline/Roster", Urgency = HomeUrgency.Soon }];
        return new HomePanelView("Home_RosterGaps", items, "roster-gaps", 41)
        {
            Count = gaps.Count,
            CountKey = "Home_RosterGapsCount",
            Alert = gaps.Count > 0,
            SeeAll = new HomeLink("/Helpline/Roster", "Home_RosterGapsSeeAll"),
            EmptyKey = "Home_RosterGapsEmpty",
        };
    }
}
