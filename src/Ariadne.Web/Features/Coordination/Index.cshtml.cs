using Ariadne.Web.Features.Participants;
using Ariadne.Web.Features.Referrals;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Coordination;

/// <summary>
/// The National Coordinator's dashboard: how the referral mechanism is keeping its deadlines. Counts
/// only — no names, no case or referral numbers, no institutions' individual cases.
/// </summary>
[Authorize(Policy = Policies.Mfa, Roles = RoleCatalog.Coordinator + "," + RoleCatalog.Analyst)]
public sealed class IndexModel(ReferralService referrals) : PageModel
{
    public ReferralService.Figures Figures { get; private set; } = null!;

    public async Task OnGetAsync() => Figures = await referrals.FiguresAsync();
}
