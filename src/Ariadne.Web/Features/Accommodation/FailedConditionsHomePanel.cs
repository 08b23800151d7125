using System.Security.Claims;
using Ariadne.Web.Platform.Modules;
using Ariadne.Web.Platform.Participants;

namespace Ariadne.Web.Features.Accommodation;

/// <summary>The Coordinator's card: conditions found not met and not yet followed up, by shelter (names and counts; never an address or a person).</summary>
public sealed class FailedConditionsHomePanel(InspectionService inspections) : IHomePanel
{
    public async Task<HomePanelView?> BuildAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (!user.IsInRole(RoleCatalog.Coordinator))
            return null;
        var rows = await inspections.OpenFailedByShelterAsync(ct);
        var items = rows.Take(HomePanelView.MaxItems)
            .Select(r => new HomePanelItem(new HomeText("Home_FailedConditionsLine", r.Shelter, r.Count)) { Urgency = HomeUrgency.Soon }).ToList();
        return new HomePanelView("Home_FailedConditions", items, "failed-conditions", 62)
        {
            Count = rows.Sum(r => r.Count),
            CountKey = "Home_FailedConditionsCount",
            Alert = rows.Count > 0,
            SeeAll = new HomeLink("/Accommodation/Conditions", "Home_FailedConditionsSeeAll"),
            EmptyKey = "Home_FailedConditionsEmpty",
        };
    }
}
