using System.Security.Claims;
using Ariadne.Web.Platform.Modules;
using Ariadne.Web.Platform.Participants;

namespace Ariadne.Web.Features.Reintegration;

/// <summary>The Coordinator's card: how many people have an open re-trafficking flag. A number, never who.</summary>
public sealed class RetraffickingHomePanel(ReintegrationService reintegration) : IHomePanel
{
    public async Task<HomePanelView?> BuildAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (!user.IsInRole(RoleCatalog.Coordinator) && !user.IsInRole(RoleCatalog.Analyst))
            return null;
        var count = await reintegration.OpenFlagCountAsync(ct);
        return new HomePanelView("Home_Retrafficking", [], "retrafficking", 62)
        {
            Count = count,
            CountKey = "Home_RetraffickingCount",
            Alert = count > 0,
        };
    }
}
