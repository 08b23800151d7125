using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Logging;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Account;

/// <summary>
/// Password sign-in, or a passkey. Every failure reads the same, takes about the same time and is
/// counted against the account's lockout, so the page never tells whether an account exists.
/// </summary>
[AllowAnonymous]
public sealed class SignInModel(
    AriadneSignInManager signIn, UserManager<AriadneUser> users, DemoMode demo, IStringLocalizer<SharedResource> text, AuditTrail audit,
    SignInNotices notices, ILogger<SignInModel> logger) : PageModel
{
    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool SignedOut { get; private set; }

    public sealed class SignInInput
    {
        [Required(ErrorMessage = "Validation_Required"), StringLength(100, ErrorMessage = "Validation_TooLong")]
        public string? UserName { get; set; }

        [Required(ErrorMessage = "Validation_Required"), StringLength(200, ErrorMessage = "Validation_TooLong")]
        public string? Password { get; set; }

        /// <summary>The JSON of navigator.credentials.get(), when signing in with a passkey.</summary>
        public string? Credential { get; set; }
    }

    public async Task OnGetAsync(bool signedOut = false)
    {
        SignedOut = signedOut;
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
            return Page();

        var user = await users.FindByNameAsync(Input.UserName!.Trim().ToLowerInvariant());
        if (user is null)
        {
            // Spend the time a real check would, so that timing does not reveal unknown names.
            SignInTiming.Spend(users.PasswordHasher, Input.Password!);
            await audit.RecordAsync(new AuditRecord(PlatformAudit.SignInFailed, AuditOutcome.Failed, Purpose: AccountAudit.Password));
            return Fail();
        }

        // The attempt, its lockout counting and its audit event commit together.
        var result = await audit.InTransactionAsync(async () =>
        {
            var outcome = await signIn.PasswordSignInAsync(user, Input.Password!, isPersistent: false, lockoutOnFailure: true);
            if (outcome.Succeeded)
                await notices.AfterSignInAsync(user.Id, afterPasswordStep: false);
            return (outcome, new AuditRecord(outcome.Succeeded || outcome.RequiresTwoFactor ? PlatformAudit.SignIn : PlatformAudit.SignInFailed,
                outcome.Succeeded ? AuditOutcome.Allowed : outcome.RequiresTwoFactor ? AuditOutcome.PendingSecondFactor
                    : outcome is NetworkRefused ? AuditOutcome.Denied : AuditOutcome.Failed,
                user.Id, user.InstitutionId, Purpose: AccountAudit.Password));
        });
        if (result.RequiresTwoFactor)
            return RedirectToPage("/Account/SignInMfa", new { ReturnUrl });
        if (result.IsLockedOut)
            logger.LockedOut(user.Id);
        if (result is TemporaryPasswordExpired)
            return Fail(message: "SignIn_TemporaryPasswordExpired");
        if (result is NetworkRefused)
        {
            logger.NetworkRefused(user.Id);
            return Fail(message: "SignIn_NetworkRefused");
        }
        if (result is SecondFactorUnusable)
        {
            logger.SecondFactorUnusable(user.Id);
            return Fail(message: "SignIn_SecondFactorUnusable");
        }
        if (!result.Succeeded)
            return Fail();

        logger.SignedIn(user.Id, "password");
        return NextStep(user, passedSecondFactor: false);
    }

    /// <summary>Options for navigator.credentials.get(); no user is named, so nothing is revealed.</summary>
    public async Task<IActionResult> OnPostPasskeyOptionsAsync() =>
        Content(await signIn.MakePasskeyRequestOptionsAsync(user: null), "application/json");

    /// <summary>A passkey proves possession and user verification at once: it counts as multi-factor.</summary>
    public async Task<IActionResult> OnPostPasskeyAsync()
    {
        ModelState.Clear();
        // No ceremony, or an unreadable response: a 400 with the page's own error, never an exception.
        if (string.IsNullOrEmpty(Input.Credential) || Input.Credential.Length > 16_384)
            return Fail(StatusCodes.Status400BadRequest, "Passkey_Failed");
        var assertion = await signIn.PerformPasskeyAssertionAsync(Input.Credential);
        if (!assertion.Succeeded || assertion.User is not { } user)
            return Fail(StatusCodes.Status400BadRequest, "Passkey_Failed");
        // A lockout guards the password against guessing; a passkey cannot be guessed or phished, so it signs in despite one
        // (ASVS 6.1.1): a stranger who locks the password path by wrong tries cannot keep a passkey's holder out. A disabled
        // account stays out.
        if (!await signIn.CanSignInAsync(user))
            return Fail();
        if (await signIn.OutsidePrivilegedNetworksAsync(user))
        {
            await audit.RecordAsync(new AuditRecord(PlatformAudit.SignInFailed, AuditOutcome.Denied, user.Id, user.InstitutionId, Purpose: AccountAudit.Passkey));
            logger.NetworkRefused(user.Id);
            return Fail(message: "SignIn_NetworkRefused");
        }
        await audit.InTransactionAsync(async () =>
        {
            await users.AddOrUpdatePasskeyAsync(user, assertion.Passkey);
            await users.ResetAccessFailedCountAsync(user);
            await signIn.SignInWithClaimsAsync(user, null, [new Claim(AriadneClaims.AuthenticationMethod, "pk")]);
            await notices.AfterSignInAsync(user.Id, afterPasswordStep: false);
            return (true, new AuditRecord(PlatformAudit.SignIn, ActorUserId: user.Id, ActorInstitutionId: user.InstitutionId, Purpose: AccountAudit.Passkey));
        });
        logger.SignedIn(user.Id, "passkey");
        return NextStep(user, passedSecondFactor: true);
    }

    private IActionResult NextStep(AriadneUser user, bool passedSecondFactor)
    {
        if (user.MustChangePassword)
            return RedirectToPage("/Account/ChangePassword", new { ReturnUrl });
        if (!user.TwoFactorEnabled && !(demo.Enabled && user.IsDemo) && !passedSecondFactor)
            return RedirectToPage("/Account/Mfa/Setup", new { ReturnUrl });
        return LocalRedirect(Platform.Ui.LocalUrls.Safe(ReturnUrl));
    }

    private PageResult Fail(int status = StatusCodes.Status200OK, string message = "SignIn_Failed")
    {
        Response.StatusCode = status;
        logger.SignInFailed(Input.UserName ?? "");
        ModelState.AddModelError(string.Empty, text[message]);
        Input.Password = null;
        return Page();
    }
}
