using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Ariadne.Web.Platform.Logging;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using QRCoder;

namespace Ariadne.Web.Features.Account.Mfa;

/// <summary>
/// Enrols an authenticator app: a fresh secret shown as a QR code and as text, confirmed by one valid
/// code. Then the session is raised to multi-factor and ten recovery codes are shown, once.
/// A user who already has a second factor must have used it in this session to enrol again.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class SetupModel(
    UserManager<AriadneUser> users, AriadneSignInManager signIn, OneTimeTotpProvider totp, IStringLocalizer<SharedResource> text,
    ILogger<SetupModel> logger, Platform.Data.AriadneDbContext db, TimeProvider time) : PageModel
{
    // A replacement key waits here until a code from the new app confirms it; the enrolled one keeps working meanwhile.
    // Sealed by the user store like the enrolled one (FactorSeal).
    private const string PendingProvider = FactorSeal.PendingTokenProvider;
    private const string PendingName = FactorSeal.PendingTokenName;

    public string SharedKey { get; private set; } = "";
    public string QrSvg { get; private set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public CodeInput Input { get; set; } = new();

    public sealed class CodeInput
    {
        [Required(ErrorMessage = "Validation_Required"), StringLength(20, ErrorMessage = "Validation_TooLong")]
        public string? Code { get; set; }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
            return Challenge();
        if (user.TwoFactorEnabled && !User.HasSecondFactor())
            return Forbid();
        // Replacing an enrolled authenticator, or adding one beside a passkey, is a change of factors: the session proves
        // its factors again first. The first enrolment (no factor yet, at first sign-in) is not.
        if (await HasFactorAsync(user) && !Reauthentication.IsRecent(HttpContext))
            return Reauthentication.Ask(this);
        if (User.HasClaim(c => c.Type == AriadneClaims.MustChangePassword))
            return RedirectToPage("/Account/ChangePassword", new { ReturnUrl });
        // The same key until enrolment is confirmed: reloading the page (or a stray request) must not change it.
        if (await KeyBeingEnrolledAsync(user) is null)
        {
            if (user.TwoFactorEnabled)
                await users.SetAuthenticationTokenAsync(user, PendingProvider, PendingName, users.GenerateNewAuthenticatorKey());
            else
            {
                await users.ResetAuthenticatorKeyAsync(user);
                await signIn.RefreshSignInAsync(user);
            }
        }
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
            return Challenge();
        if (user.TwoFactorEnabled && !User.HasSecondFactor())
            return Forbid();
        if (await HasFactorAsync(user) && !Reauthentication.IsRecent(HttpContext))
            return Reauthentication.Ask(this);
        if (!ModelState.IsValid)
        {
            await LoadAsync(user);
            return Page();
        }
        var key = await KeyBeingEnrolledAsync(user);
        if (key is null || !await totp.VerifyAsync(user, key, Input.Code!))
        {
            ModelState.AddModelError("Input.Code", text["MfaSetup_CodeInvalid"]);
            Input.Code = null;
            await LoadAsync(user);
            return Page();
        }
        // The new factor, its recovery codes and the owner's notice in one transaction.
        IEnumerable<string>? codes;
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            if (user.TwoFactorEnabled)
            {
                await users.SetAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey", key);
                await users.RemoveAuthenticationTokenAsync(user, PendingProvider, PendingName);
                await users.UpdateSecurityStampAsync(user); // other sessions end: the second factor changed
            }
            CredentialNotices.Add(db, user.Id, CredentialNotices.AuthenticatorEnrolled, time.GetUtcNow()); // saved with the next line
            await users.SetTwoFactorEnabledAsync(user, true);
            codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10);
            await transaction.CommitAsync();
        }
        await signIn.SignInWithClaimsAsync(user, null, [new Claim(AriadneClaims.AuthenticationMethod, "mfa")]);
        logger.AuthenticatorEnrolled(user.Id);
        TempData[RecoveryCodesModel.TempDataKey] = string.Join(' ', codes ?? []);
        return RedirectToPage("/Account/Mfa/RecoveryCodes", new { ReturnUrl });
    }

    private async Task<bool> HasFactorAsync(AriadneUser user) => user.TwoFactorEnabled || (await users.GetPasskeysAsync(user)).Count > 0;

    private async Task<string?> KeyBeingEnrolledAsync(AriadneUser user) =>
        user.TwoFactorEnabled
            ? await users.GetAuthenticationTokenAsync(user, PendingProvider, PendingName)
            : await users.GetAuthenticatorKeyAsync(user);

    private async Task LoadAsync(AriadneUser user)
    {
        var key = await KeyBeingEnrolledAsync(user) ?? "";
        SharedKey = string.Join(' ', key.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
        var uri = OneTimeTotpProvider.EnrolmentUri("Ariadne", user.UserName!, key);
        using var data = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        QrSvg = new SvgQRCode(data).GetGraphic(new System.Drawing.Size(220, 220), "#000000", "#ffffff", drawQuietZones: true);
    }
}
