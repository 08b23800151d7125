using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Account.Mfa;

/// <summary>Shows newly made recovery codes once, and makes a new set on request (the old set stops working, and so do the user's other sessions).</summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class RecoveryCodesModel(UserManager<AriadneUser> users, AriadneSignInManager signIn) : PageModel
{
    public const string TempDataKey = "RecoveryCodes";

    public IReadOnlyList<string> Codes { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet()
    {
        if (TempData[TempDataKey] is not string codes)
            return RedirectToPage("/Account/Security");
        Codes = codes.Split(' ');
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null || !user.TwoFactorEnabled)
            return RedirectToPage("/Account/Security");
        if (!Reauthentication.IsRecent(HttpContext))
            return Reauthentication.Ask(this);
        IEnumerable<string>? codes = null;
        // A new set of second factors: the owner is told, and other sessions end.
        await signIn.ChangeCredentialAsync(user, CredentialNotices.RecoveryCodesReplaced,
            async () => (codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10)) is not null);
        TempData[TempDataKey] = string.Join(' ', codes ?? []);
        return RedirectToPage();
    }
}
