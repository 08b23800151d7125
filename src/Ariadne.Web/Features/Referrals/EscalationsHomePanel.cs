using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Modules;
using Ariadne.Web.Platform.Participants;

namespace Ariadne.Web.Features.Referrals;

/// <summary>The squad chief's home card: referrals of the Squad escalated past their deadline and still open (from the desk's own rows).</summary>
public sealed class EscalationsHomePanel(ReferralDesk desk) : IHomePanel
{
    public async Task<HomePanelView?> BuildAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (!user.IsInRole(RoleCatalog.SquadChief))
            return null;
        var viewer = Viewer.Of(user);
        var escalated = (await desk.DeskAsync(viewer, ct))
            .Where(r => r.EscalatedAt is not null && r.Status is ReferralStatus.Received or ReferralStatus.Acknowledged)
            .OrderByDescending(r => r.EscalatedAt).ToList();
        var items = escalated.Take(HomePanelView.MaxItems).Select(r => new HomePanelItem(HomeText.Plain(r.Number))
        {
            Page = "/Referrals/Detail",
            RouteId = r.Id,
            Deadline = r.AcknowledgeBy,
            Urgency = r.AcknowledgedAt is null ? HomeUrgency.Overdue : null,
            Tag = new HomeText("ReferralStatus_" + r.Status),
        }).ToList();
        return new HomePanelView("Home_Escalations", items, "escalations", 15)
        {
            Count = escalated.Count,
            CountKey = "Home_EscalationsCount",
            Alert = escalated.Any(r => r.AcknowledgedAt is null),
            SeeAll = new HomeLink("/Referrals/Index", "Home_DeskSeeAll"),
            EmptyKey = "Home_EscalationsEmpty",
        };
    }
}
