using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Modules;

namespace Ariadne.Web.Features.Referrals;

/// <summary>
/// The duty officer's home card: the referrals waiting for acknowledgement, overdue ones first, then the
/// nearest deadline. The count is the desk's own (<see cref="ReferralDesk.DeskAsync"/>), so it equals what
/// /Referrals shows as waiting. Numbers, urgency and deadlines only — no names.
/// </summary>
public sealed class DeskHomePanel(ReferralDesk desk, TimeProvider time) : IHomePanel
{
    public async Task<HomePanelView?> BuildAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var viewer = Viewer.Of(user);
        if (!viewer.OnDutyDesk)
            return null;
        var now = time.GetUtcNow();
        var waiting = (await desk.DeskAsync(viewer, ct)).Where(r => r.Status == ReferralStatus.Received).ToList();
        var items = waiting.OrderBy(r => r.AcknowledgeBy).ThenByDescending(r => r.ReceivedAt).Take(HomePanelView.MaxItems)
            .Select(r => new HomePanelItem(HomeText.Plain(r.Number))
            {
                Page = "/Referrals/Detail",
                RouteId = r.Id,
                Deadline = r.AcknowledgeBy,
                Urgency = UrgencyOf(r.ReceivedAt, r.AcknowledgeBy, now),
                Tag = new HomeText("Urgency_" + r.Urgency),
            }).ToList();
        return new HomePanelView("Home_Desk", items, "desk", 10)
        {
            Count = waiting.Count,
            CountKey = "Home_DeskCount",
            Alert = waiting.Any(r => r.Overdue(now)),
            SeeAll = new HomeLink("/Referrals/Index", "Home_DeskSeeAll"),
            EmptyKey = "Home_DeskEmpty",
        };
    }

    /// <summary>Overdue past the deadline; soon within the last quarter of the window (when the desk is warned); otherwise in time.</summary>
    public static HomeUrgency UrgencyOf(DateTimeOffset receivedAt, DateTimeOffset acknowledgeBy, DateTimeOffset now) =>
        acknowledgeBy <= now ? HomeUrgency.Overdue
        : ReferralDeadlines.IsNear(receivedAt, acknowledgeBy, now) ? HomeUrgency.Soon
        : HomeUrgency.Ok;
}
