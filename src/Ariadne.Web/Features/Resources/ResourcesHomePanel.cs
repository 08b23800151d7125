using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Modules;
using Ariadne.Web.Platform.Participants;

namespace Ariadne.Web.Features.Resources;

/// <summary>
/// The Coordinator's office's card for resources: open needs no donor has pledged anything to (most pressing first), and how
/// many needs have commitments older than 90 days not yet disbursed in full (<see cref="ResourceLedger.OfficeWatchAsync"/>).
/// </summary>
public sealed class ResourcesHomePanel(ResourceLedger ledger) : IHomePanel
{
    public async Task<HomePanelView?> BuildAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (!user.IsInRole(RoleCatalog.Coordinator) && !user.IsInRole(RoleCatalog.Analyst))
            return null;
        if (await ledger.OfficeWatchAsync(Viewer.Of(user), user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList(), ct) is not { } watch)
            return null;
        if (watch.Unanswered.Count == 0 && watch.OverdueCommitments == 0)
            return null;
        var items = watch.Unanswered.Take(HomePanelView.MaxItems).Select(r => new HomePanelItem(new HomeText("Resources_HomeLine", r.Institution, r.Title))
        {
            Page = "/Resources/Need",
            RouteId = r.Id,
            Tag = new HomeText("NeedPriority_" + r.Priority),
        }).ToList();
        if (watch.OverdueCommitments > 0)
            items.Add(new HomePanelItem(new HomeText("Resources_HomeOverdue", watch.OverdueCommitments)) { Page = "/Resources/Index" });
        return new HomePanelView("Home_Resources", items, "resources", 62)
        {
            Count = watch.Unanswered.Count,
            CountKey = "Home_ResourcesCount",
            SeeAll = new HomeLink("/Resources/Index", "Home_ResourcesSeeAll"),
        };
    }
}
