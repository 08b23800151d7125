using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Account;

/// <summary>Ends the session. A POST only, so that no link or image can sign a user out.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class SignOutModel(AriadneSignInManager signIn, AuditTrail audit) : PageModel
{
    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync()
    {
        // The end of every session of the user (the stamp changes) and its audit event commit together (ASVS 16.3.1).
        var userId = User.UserId();
        var institutionId = User.InstitutionOf();
        await audit.InTransactionAsync(async () =>
        {
            await signIn.SignOutAsync();
            return (true, new AuditRecord(PlatformAudit.SignOut, ActorUserId: userId, ActorInstitutionId: institutionId));
        });
        await HttpContext.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        // What the session left in the browser (cached pages, storage) goes with it (ASVS 14.3.1). Cookies are ended by the
        // sign-out itself; the language cookie stays.
        Response.Headers["Clear-Site-Data"] = "\"cache\", \"storage\"";
        return RedirectToPage("/Account/SignIn", new { signedOut = true });
    }
}
