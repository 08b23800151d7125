using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Staff;

/// <summary>
/// The institution's responsible person confirms or refuses what the platform administrator asked for on
/// an account of the institution (membership, roles, training, a new password). An approved membership or
/// password shows the temporary password here, once, for them to hand to the user.
/// </summary>
[Authorize(Policy = Policies.Mfa)]
[RequireRecentAuthentication(PostsOnly = true)]
public sealed class ConfirmationsModel(AccountConfirmations confirmations, IStringLocalizer<SharedResource> text) : PageModel
{
    public const string PasswordKey = "ConfirmedPassword";
    public const string PasswordUserKey = "ConfirmedPasswordUser";

    public IReadOnlyList<AccountConfirmations.PendingRow> Rows { get; private set; } = [];
    public string? TemporaryPasswordShown { get; private set; }
    public string? TemporaryPasswordUser { get; private set; }

    public async Task OnGetAsync()
    {
        TemporaryPasswordShown = TempData[PasswordKey] as string;
        TemporaryPasswordUser = TempData[PasswordUserKey] as string;
        Rows = await confirmations.PendingForAsync(User.UserId()!.Value, HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostAsync(Guid id, bool approve)
    {
        var viewer = Viewer.Of(User);
        var row = (await confirmations.PendingForAsync(viewer.UserId, HttpContext.RequestAborted)).FirstOrDefault(r => r.Id == id);
        var decision = row is null ? new AccountConfirmations.Decision("Confirm_NotFound")
            : await confirmations.DecideAsync(viewer, id, approve, HttpContext.RequestAborted);
        if (decision.ErrorKey is { } error)
        {
            ModelState.AddModelError(row is null ? string.Empty : "change-" + id, text[error]);
            Rows = await confirmations.PendingForAsync(viewer.UserId, HttpContext.RequestAborted);
            return Page();
        }
        if (decision.TemporaryPassword is { } password)
        {
            TempData[PasswordKey] = password;
            TempData[PasswordUserKey] = row!.UserName;
        }
        TempData["Notice"] = approve ? "Confirm_Approved" : "Confirm_Refused";
        return RedirectToPage();
    }
}
