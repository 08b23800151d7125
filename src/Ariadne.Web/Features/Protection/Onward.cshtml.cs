using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Protection;

/// <summary>
/// The recipient's inbox of onward referrals (shelters, service providers, repatriation partners):
/// accept (which opens the shared classes of the case), decline, or mark the service completed.
/// </summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class OnwardModel(OnwardService onward) : PageModel
{
    public IReadOnlyList<OnwardService.OnwardRow> Items { get; private set; } = [];

    public async Task OnGetAsync() => Items = await onward.InboxAsync(Viewer.Of(User));

    public Task<IActionResult> OnPostAcceptAsync(Guid onwardId) => AnswerAsync(onwardId, OnwardService.Answer.Accept, "Onward_Accepted");

    public Task<IActionResult> OnPostDeclineAsync(Guid onwardId) => AnswerAsync(onwardId, OnwardService.Answer.Decline, "Onward_Declined");

    public Task<IActionResult> OnPostCompleteAsync(Guid onwardId) => AnswerAsync(onwardId, OnwardService.Answer.Complete, "Onward_Completed");

    private async Task<IActionResult> AnswerAsync(Guid onwardId, OnwardService.Answer answer, string notice)
    {
        if (!await onward.AnswerAsync(Viewer.Of(User), onwardId, answer))
            return NotFound();
        TempData["Notice"] = notice;
        return RedirectToPage();
    }
}
