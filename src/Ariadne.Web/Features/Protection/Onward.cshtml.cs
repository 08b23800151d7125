using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Protection;

/// <summary>
/// The recipient's inbox of onward referrals (shelters, service providers, repatriation partners): before
/// answering, what it needs to decide (age band, sex, languages, the sender's note) and no identity; accept
/// (which opens the shared classes of the case), decline with a reason, or mark the service completed.
/// </summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class OnwardModel(OnwardService onward, IStringLocalizer<SharedResource> text) : PageModel
{
    public IReadOnlyList<OnwardService.OnwardRow> Items { get; private set; } = [];

    /// <summary>The onward referral whose decline was refused for want of a reason (its field shows the error).</summary>
    public Guid? DeclineRefused { get; private set; }

    public async Task OnGetAsync() => Items = await onward.InboxAsync(Viewer.Of(User));

    public Task<IActionResult> OnPostAcceptAsync(Guid onwardId) => AnswerAsync(onwardId, OnwardService.Answer.Accept, null, "Onward_Accepted");

    public async Task<IActionResult> OnPostDeclineAsync(Guid onwardId, DeclineReason? reason)
    {
        if (reason is not { } given || !Enum.IsDefined(given))
        {
            ModelState.Clear();
            DeclineRefused = onwardId;
            ModelState.AddModelError(ReasonField(onwardId), text["Onward_DeclineReasonRequired"]);
            Items = await onward.InboxAsync(Viewer.Of(User));
            return Page();
        }
        return await AnswerAsync(onwardId, OnwardService.Answer.Decline, given, "Onward_Declined");
    }

    public Task<IActionResult> OnPostCompleteAsync(Guid onwardId) => AnswerAsync(onwardId, OnwardService.Answer.Complete, null, "Onward_Completed");

    /// <summary>The id of one row's reason field ("Reason_{id}"), so that each row's label, error and summary link point at its own select.</summary>
    public static string ReasonField(Guid onwardId) => "Reason_" + onwardId.ToString("N");

    private async Task<IActionResult> AnswerAsync(Guid onwardId, OnwardService.Answer answer, DeclineReason? reason, string notice)
    {
        if (!await onward.AnswerAsync(Viewer.Of(User), onwardId, answer, reason))
            return NotFound();
        TempData["Notice"] = notice;
        return RedirectToPage();
    }
}
