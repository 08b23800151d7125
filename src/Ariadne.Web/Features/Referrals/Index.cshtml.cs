using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Referrals;

/// <summary>
/// The duty desk's live queue (for duty officers and squad chiefs of the Squad) and the referrer's view
/// of the referrals its institution made. Lists carry numbers, times, urgency and status — no names.
/// </summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class IndexModel(ReferralDesk referrals, TimeProvider time) : PageModel
{
    public IReadOnlyList<ReferralDesk.Row> Desk { get; private set; } = [];
    public IReadOnlyList<ReferralDesk.Row> Mine { get; private set; } = [];
    public bool OnDesk { get; private set; }
    public bool CanRefer { get; private set; }
    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync()
    {
        var viewer = Viewer.Of(User);
        OnDesk = viewer.OnDutyDesk;
        CanRefer = ReferralIntake.CanRefer(viewer);
        Now = time.GetUtcNow();
        if (OnDesk)
            Desk = await referrals.DeskAsync(viewer);
        if (CanRefer)
            Mine = await referrals.MadeByMyInstitutionAsync(viewer);
    }

    /// <summary>The desk's table body alone, fetched by the live view when the queue changes.</summary>
    public async Task<IActionResult> OnGetRowsAsync()
    {
        var viewer = Viewer.Of(User);
        if (!viewer.OnDutyDesk)
            return Forbid();
        Now = time.GetUtcNow();
        return Partial("_DeskRows", new DeskRowsModel(await referrals.DeskAsync(viewer), Now));
    }
}
