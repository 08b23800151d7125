using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Modules;
using Ariadne.Web.Platform.Participants;

namespace Ariadne.Web.Features.Referrals;

/// <summary>
/// The referrer's home card: "make a referral", and the status of the referrals their institution made
/// (through <see cref="ReferralDesk.MadeByMyInstitutionAsync"/>, so a child's referral shows only to its maker), newest first.
/// </summary>
public sealed class MyReferralsHomePanel(ReferralDesk desk) : IHomePanel
{
    public async Task<HomePanelView?> BuildAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var viewer = Viewer.Of(user);
        if (!ReferralIntake.CanRefer(viewer) || user.IsInRole(RoleCatalog.Administrator))
            return null;
        var mine = (await desk.MadeByMyInstitutionAsync(viewer, ct)).OrderByDescending(r => r.ReceivedAt).ToList();
        var items = mine.Take(HomePanelView.MaxItems).Select(r => new HomePanelItem(HomeText.Plain(r.Number))
        {
            Page = "/Referrals/Detail",
            RouteId = r.Id,
            Tag = new HomeText("ReferralStatus_" + r.Status),
        }).ToList();
        return new HomePanelView("Home_MyReferrals", items, "my-referrals", 20)
        {
            Action = new HomeLink("/Referrals/New", "Home_MakeReferral"),
            SeeAll = mine.Count > 0 ? new HomeLink("/Referrals/Index", "Home_MyReferralsSeeAll") : null,
            EmptyKey = "Home_MyReferralsEmpty",
        };
    }
}
