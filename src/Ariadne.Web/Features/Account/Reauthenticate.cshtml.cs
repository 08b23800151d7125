using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Logging;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Account;

/// <summary>
/// "Confirm it is you": the signed-in user proves their factors again (the password and a fresh authenticator code, or
/// one of their passkeys) before changing how they sign in or creating an API token (<see cref="Reauthentication"/>).
/// A wrong password counts toward the account's lockout like a sign-in; every attempt is audited.
/// </summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class ReauthenticateModel(
    UserManager<AriadneUser> users, AriadneSignInManager signIn, FactorProof proof, AuditTrail audit, IStringLocalizer<SharedResource> text)
    : PageModel
{
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? Code { get; set; }
    /// <summary>A passkey assertion (navigator.credentials.get), instead of password and code.</summary>
    [BindProperty] public string? Credential { get; set; }

    /// <summary>Whether the account has an authenticator: without one, only a passkey can confirm.</summary>
    public bool HasAuthenticator { get; private set; }

    /// <summary>A demo account in demo mode, which may skip the second factor: its password alone confirms.</summary>
    public bool PasswordAlone => !HasAuthenticator && User.HasClaim(c => c.Type == AriadneClaims.MfaWaived);

    public async Task<IActionResult> OnGetAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
            return Challenge();
        HasAuthenticator = await HasAuthenticatorAsync(user);
        return Page();
    }

    /// <summary>Options for confirming with one of this user's passkeys.</summary>
    public async Task<IActionResult> OnPostPasskeyOptionsAsync() =>
        await users.GetUserAsync(User) is { } user ? Content(await signIn.MakePasskeyRequestOptionsAsync(user), "application/json") : Challenge();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
            return Challenge();
        HasAuthenticator = await HasAuthenticatorAsync(user);
        ModelState.Clear();
        var withPasskey = !string.IsNullOrEmpty(Credential);
        if (!withPasskey)
        {
            if (string.IsNullOrEmpty(Password))
                ModelState.AddModelError(nameof(Password), text["Validation_Required"]);
            else if (Password.Length > 200)
                ModelState.AddModelError(nameof(Password), text["Validation_TooLong", 200]);
            if (string.IsNullOrWhiteSpace(Code) && !PasswordAlone)
                ModelState.AddModelError(nameof(Code), text["Validation_Required"]);
            else if (Code?.Length > 20)
                ModelState.AddModelError(nameof(Code), text["Validation_TooLong", 20]);
            if (!ModelState.IsValid)
                return Page();
        }

        // The step-up of the sign-in holds here too: a privileged passkey holder on an unknown device proves it with the passkey.
        if (!withPasskey && await signIn.NeedsPasskeyHereAsync(user))
        {
            await audit.RecordAsync(new AuditRecord(PlatformAudit.SignInFailed, AuditOutcome.Denied, user.Id, user.InstitutionId,
                Purpose: AccountAudit.Reauthentication));
            ModelState.AddModelError(nameof(Password), text["SignIn_PasskeyNeededHere"]);
            Password = Code = null;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var proved = await audit.InTransactionAsync(async () =>
        {
            // As at sign-in: a locked account proves nothing, a wrong password or code counts toward the lockout.
            var ok = withPasskey
                ? await proof.WithPasskeyAsync(user, Credential!)
                : await proof.WithPasswordAsync(user, Password!, Code, PasswordAlone);
            return (ok, new AuditRecord(ok ? PlatformAudit.SignIn : PlatformAudit.SignInFailed, ok ? AuditOutcome.Allowed : AuditOutcome.Failed,
                user.Id, user.InstitutionId, Purpose: AccountAudit.Reauthentication));
        });
        if (!proved)
        {
            ModelState.AddModelError(withPasskey ? "passkey-button" : nameof(Password), text[withPasskey ? "Passkey_Failed" : "Reauth_Failed"]);
            Password = Code = Credential = null;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await signIn.ReauthenticatedAsync(user);
        return LocalRedirect(Platform.Ui.LocalUrls.Safe(ReturnUrl ?? "/Account/Security"));
    }

    private async Task<bool> HasAuthenticatorAsync(AriadneUser user) =>
        user.TwoFactorEnabled && !string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user));
}
