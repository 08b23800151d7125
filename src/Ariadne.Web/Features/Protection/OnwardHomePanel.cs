using System.Security.Claims;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Modules;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Protection;

/// <summary>
/// The shelter's, provider's or partner's home card: onward referrals waiting for their answer (oldest first,
/// they wait longest), then the people they took on (accepted), from <see cref="OnwardVisibility.OnwardInbox"/>.
/// Case numbers and statuses only; the notes stay on the inbox page, where reading them is audited.
/// </summary>
public sealed class OnwardHomePanel(AriadneDbContext db, CaseAccess access) : IHomePanel
{
    public async Task<HomePanelView?> BuildAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var viewer = Viewer.Of(user);
        if (!viewer.InstitutionRelations.Any(OnwardService.OnwardRelations.Contains))
            return null;
        var rows = await (from o in access.OnwardInbox(viewer).AsNoTracking()
                          where o.Status == OnwardStatus.Pending || o.Status == OnwardStatus.Accepted
                          join c in db.Cases on o.CaseId equals c.Id
                          select new { o.Status, o.SentAt, c.Number }).Take(500).ToListAsync(ct);
        var pending = rows.Count(r => r.Status == OnwardStatus.Pending);
        var items = rows.OrderBy(r => r.Status == OnwardStatus.Pending ? 0 : 1)
            .ThenBy(r => r.Status == OnwardStatus.Pending ? r.SentAt : DateTimeOffset.MaxValue)
            .ThenByDescending(r => r.SentAt).Take(HomePanelView.MaxItems)
            .Select(r => new HomePanelItem(new HomeText("Home_CaseLine", r.Number))
            {
                Page = "/Protection/Onward",
                Tag = new HomeText("OnwardStatus_" + r.Status),
            }).ToList();
        return new HomePanelView("Home_Onward", items, "onward", 25)
        {
            Count = pending,
            CountKey = "Home_OnwardCount",
            Alert = pending > 0,
            SeeAll = new HomeLink("/Protection/Onward", "Home_OnwardSeeAll"),
            EmptyKey = "Home_OnwardEmpty",
        };
    }
}
