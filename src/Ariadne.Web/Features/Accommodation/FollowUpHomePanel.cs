using System.Security.Claims;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Modules;
using Ariadne.Web.Platform.Ui;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Accommodation;

/// <summary>
/// The worker's follow-ups after discharge: due within two weeks or overdue, most overdue first, for cases the worker
/// can still see. Case numbers and days only.
/// </summary>
public sealed class FollowUpHomePanel(AriadneDbContext db, CaseAccess access, UiTime uiTime) : IHomePanel
{
    public async Task<HomePanelView?> BuildAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var viewer = Viewer.Of(user);
        var today = uiTime.Today;
        var horizon = today.AddDays(14);
        var visible = access.VisibleCases(viewer).Select(c => c.Id);
        var rows = await (from f in db.FollowUps.AsNoTracking()
                          where f.ResponsibleUserId == viewer.UserId && f.DoneAt == null && f.DueOn <= horizon && visible.Contains(f.CaseId)
                          join c in db.Cases on f.CaseId equals c.Id
                          orderby f.DueOn
                          select new { f.CaseId, f.DueOn, f.Month, c.Number }).Take(200).ToListAsync(ct);
        if (rows.Count == 0)
            return null;
        var overdue = rows.Count(r => r.DueOn < today);
        var items = rows.Take(HomePanelView.MaxItems).Select(r => new HomePanelItem(new HomeText("Home_FollowUpLine", r.Number, r.Month))
        {
            Page = "/Accommodation/Placement",
            RouteId = r.CaseId,
            Deadline = new DateTimeOffset(r.DueOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            Urgency = r.DueOn < today ? HomeUrgency.Overdue : r.DueOn <= today.AddDays(3) ? HomeUrgency.Soon : HomeUrgency.Ok,
        }).ToList();
        return new HomePanelView("Home_FollowUps", items, "follow-ups", 26)
        {
            Count = rows.Count,
            CountKey = "Home_FollowUpCount",
            Alert = overdue > 0,
        };
    }
}
