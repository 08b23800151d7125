using System.ComponentModel.DataAnnotations;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Logging;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Account;

/// <summary>
/// The second step of sign-in: a code from the authenticator app (each usable once) or one of the
/// recovery codes. Reached only with the short-lived cookie that the password step leaves.
/// </summary>
[AllowAnonymous]
public sealed class SignInMfaModel(
    AriadneSignInManager signIn, IStringLocalizer<SharedResource> text, AuditTrail audit, SignInNotices notices, ILogger<SignInMfaModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public CodeInput Input { get; set; } = new();

    public bool UseRecoveryCode { get; private set; }

    public sealed class CodeInput
    {
        [Required(ErrorMessage = "Validation_Required"), StringLength(20, ErrorMessage = "Validation_TooLong")]
        public string? Code { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(bool recovery = false)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
            return RedirectToPage("/Account/SignIn", new { ReturnUrl });
        UseRecoveryCode = recovery;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync() => await VerifyAsync(recovery: false);

    public async Task<IActionResult> OnPostRecoveryAsync() => await VerifyAsync(recovery: true);

    private async Task<IActionResult> VerifyAsync(bool recovery)
    {
        UseRecoveryCode = recovery;
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
            return RedirectToPage("/Account/SignIn", new { ReturnUrl });
        if (!ModelState.IsValid)
            return Page();

        // Refused before the code is checked, so that no sign-in is recorded as allowed (ASVS 8.2.4): the password step passed
        // inside the privileged networks and this one comes from outside, or a privileged passkey holder gives a code from an
        // unknown device (step-up to the passkey; a recovery code still opens).
        var refusal = await signIn.OutsidePrivilegedNetworksAsync(user) ? "SignIn_NetworkRefused"
            : !recovery && await signIn.NeedsPasskeyHereAsync(user) ? "SignIn_PasskeyNeededHere" : null;
        if (refusal is not null)
        {
            await audit.RecordAsync(new AuditRecord(PlatformAudit.SignInFailed, AuditOutcome.Denied, user.Id, user.InstitutionId,
                Purpose: recovery ? AccountAudit.RecoveryCode : AccountAudit.Totp));
            if (refusal == "SignIn_NetworkRefused")
                logger.NetworkRefused(user.Id);
            else
                logger.PasskeyNeededHere(user.Id);
            ModelState.AddModelError(string.Empty, text[refusal]);
            Input.Code = null;
            return Page();
        }

        var code = Input.Code!.Replace(" ", "", StringComparison.Ordinal);
        var result = await audit.InTransactionAsync(async () =>
        {
            var outcome = recovery
                ? await signIn.TwoFactorRecoveryCodeSignInAsync(code)
                : await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
            if (outcome.Succeeded)
                await notices.AfterSignInAsync(user.Id, afterPasswordStep: true);
            return (outcome, new AuditRecord(outcome.Succeeded ? PlatformAudit.SignIn : PlatformAudit.SignInFailed,
                outcome.Succeeded ? AuditOutcome.Allowed : AuditOutcome.Failed, user.Id, user.InstitutionId,
                Purpose: recovery ? AccountAudit.RecoveryCode : AccountAudit.Totp));
        });
        if (!result.Succeeded)
        {
            if (result.IsLockedOut)
                logger.LockedOut(user.Id);
            ModelState.AddModelError("Input.Code", text[recovery ? "SignInMfa_RecoveryFailed" : "SignInMfa_Failed"]);
            Input.Code = null;
            return Page();
        }
        logger.SignedIn(user.Id, recovery ? "recovery-code" : "totp");
        if (user.MustChangePassword)
            return RedirectToPage("/Account/ChangePassword", new { ReturnUrl });
        return LocalRedirect(Platform.Ui.LocalUrls.Safe(ReturnUrl));
    }
}
