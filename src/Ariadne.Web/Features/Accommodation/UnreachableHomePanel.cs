using System.Security.Claims;
using Ariadne.Web.Platform.Modules;
using Ariadne.Web.Platform.Participants;

namespace Ariadne.Web.Features.Accommodation;

/// <summary>The Coordinator's card: how many people cannot be reached after leaving a shelter. A number, never who.</summary>
public sealed class UnreachableHomePanel(FollowUpService followUps) : IHomePanel
{
    public async Task<HomePanelView?> BuildAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (!user.IsInRole(RoleCatalog.Coordinator) && !user.IsInRole(RoleCatalog.Analyst))
            return null;
        var count = await followUps.UnreachableCountAsync(ct);
        return new HomePanelView("Home_Unreachable", [], "unreachable", 61)
        {
            Count = count,
            CountKey = "Home_UnreachableCount",
            Alert = count > 0,
        };
    }
}
