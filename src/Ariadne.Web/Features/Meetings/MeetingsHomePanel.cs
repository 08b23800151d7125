using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Modules;

namespace Ariadne.Web.Features.Meetings;

/// <summary>
/// The card of the action items the viewer's institution (or the viewer by name) owns from meetings: open ones, overdue first,
/// tagged overdue or due soon, each linking to its meeting (<see cref="CoordinationMeetings.MineAsync"/>).
/// </summary>
public sealed class MeetingsHomePanel(CoordinationMeetings meetings) : IHomePanel
{
    public async Task<HomePanelView?> BuildAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (!MeetingsModule.Participant(user))
            return null;
        var rows = await meetings.MineAsync(Viewer.Of(user), user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList(), ct);
        if (rows.Count == 0)
            return null;
        var overdue = rows.Count(r => r.Overdue);
        var items = rows.Take(HomePanelView.MaxItems).Select(r => new HomePanelItem(new HomeText("Meeting_HomeLine", r.Reference, r.Title))
        {
            Page = "/Meetings/Meeting",
            RouteId = r.MeetingId,
            Tag = r.Overdue ? new HomeText("Meeting_Overdue") : r.DueSoon ? new HomeText("Meeting_DueSoon") : null,
        }).ToList();
        return new HomePanelView("Home_MeetingActions", items, "meeting-actions", 61)
        {
            Count = overdue,
            CountKey = "Home_MeetingActionsOverdue",
            Alert = overdue > 0,
            SeeAll = new HomeLink("/Meetings/Index", "Home_MeetingActionsSeeAll"),
        };
    }
}
