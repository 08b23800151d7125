using Ariadne.Web.Platform.Logging;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Account;

/// <summary>
/// The user's own sign-in methods (authenticator, recovery codes, passkeys), the account's recent sign-ins and attempts, and
/// "sign out everywhere else" (ASVS 7.5.2). Opened and changed only within minutes of proving one's factors (<see cref="Reauthentication"/>).
/// </summary>
[Authorize(Policy = Policies.Mfa)]
[RequireRecentAuthentication]
public sealed class SecurityModel(
    UserManager<AriadneUser> users, AriadneSignInManager signIn, IStringLocalizer<SharedResource> text, ILogger<SecurityModel> logger,
    Platform.Data.AriadneDbContext db) : PageModel
{
    /// <summary>How many of the account's latest sign-in events the page shows.</summary>
    public const int RecentCount = 20;

    public IReadOnlyList<SignInRow> RecentSignIns { get; private set; } = [];

    /// <summary>One sign-in event of the account, from the audit trail: when, how, and how it ended.</summary>
    public sealed record SignInRow(DateTimeOffset At, string Action, string? Purpose, string Outcome);

    public bool AuthenticatorEnabled { get; private set; }
    public int RecoveryCodesLeft { get; private set; }
    public IReadOnlyList<PasskeyRow> Passkeys { get; private set; } = [];

    public sealed record PasskeyRow(string Id, string Name, DateTimeOffset CreatedAt);

    [BindProperty]
    public string? PasskeyName { get; set; }

    [BindProperty]
    public string? Credential { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
            return Challenge();
        await LoadAsync(user);
        return Page();
    }

    /// <summary>Options for navigator.credentials.create() for this user.</summary>
    public async Task<IActionResult> OnPostPasskeyOptionsAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
            return Challenge();
        var options = await signIn.MakePasskeyCreationOptionsAsync(new PasskeyUserEntity
        {
            Id = await users.GetUserIdAsync(user),
            Name = user.UserName!,
            DisplayName = user.DisplayName,
        });
        return Content(options, "application/json");
    }

    public async Task<IActionResult> OnPostAddPasskeyAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
            return Challenge();
        var name = PasskeyName?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100)
            ModelState.AddModelError(nameof(PasskeyName), text["Validation_Required"]);
        if (string.IsNullOrEmpty(Credential) || Credential.Length > 16_384)
            ModelState.AddModelError(nameof(Credential), text["Passkey_Failed"]);
        if (ModelState.ErrorCount == 0)
        {
            var attestation = await signIn.PerformPasskeyAttestationAsync(Credential!);
            if (!attestation.Succeeded)
                ModelState.AddModelError(nameof(Credential), text["Passkey_Failed"]);
            else
            {
                attestation.Passkey.Name = name;
                if (await signIn.ChangeCredentialAsync(user, CredentialNotices.PasskeyAdded,
                    async () => (await users.AddOrUpdatePasskeyAsync(user, attestation.Passkey)).Succeeded))
                {
                    logger.PasskeyAdded(user.Id);
                    TempData["Notice"] = "Passkey_Added";
                    return RedirectToPage();
                }
                ModelState.AddModelError(nameof(Credential), text["Passkey_Failed"]);
            }
        }
        await LoadAsync(user);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostRemovePasskeyAsync(string id)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
            return Challenge();
        var buffer = new byte[Math.Min(id?.Length ?? 0, 4096)];
        if (string.IsNullOrEmpty(id) || !Convert.TryFromBase64String(id, buffer, out var length))
            return BadRequest();
        var credentialId = buffer[..length];
        // Only one of this user's own passkeys; anything else changes nothing and ends no session.
        if (!(await users.GetPasskeysAsync(user)).Any(p => p.CredentialId.AsSpan().SequenceEqual(credentialId)))
            return NotFound();
        await signIn.ChangeCredentialAsync(user, CredentialNotices.PasskeyRemoved,
            async () => (await users.RemovePasskeyAsync(user, credentialId)).Succeeded);
        TempData["Notice"] = "Passkey_Removed";
        return RedirectToPage();
    }

    /// <summary>Ends every other session of the account, on every node (a copied cookie too); this one goes on.</summary>
    public async Task<IActionResult> OnPostEndOtherSessionsAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
            return Challenge();
        await signIn.EndOtherSessionsAsync(user);
        logger.OtherSessionsEnded(user.Id);
        TempData["Notice"] = "Security_OtherSessionsEnded";
        return RedirectToPage();
    }

    private async Task LoadAsync(AriadneUser user)
    {
        string signedIn = Platform.Audit.PlatformAudit.SignIn.Code, failed = Platform.Audit.PlatformAudit.SignInFailed.Code,
            newContext = Platform.Audit.PlatformAudit.SignInNewContext.Code, refused = Platform.Audit.PlatformAudit.SessionRefusedByContext.Code;
        // The latest by number (the (actor, number) index), shown by time: across nodes numbers follow time only to within a second.
        var latest = await db.AuditEvents.AsNoTracking()
            .Where(e => e.ActorUserId == user.Id && (e.Action == signedIn || e.Action == failed || e.Action == newContext || e.Action == refused))
            .OrderByDescending(e => e.Sequence).Take(RecentCount)
            .Select(e => new SignInRow(e.At, e.Action, e.Purpose, e.Outcome))
            .ToListAsync();
        RecentSignIns = [.. latest.OrderByDescending(r => r.At)];
        AuthenticatorEnabled = user.TwoFactorEnabled && !string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user));
        RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
        Passkeys = (await users.GetPasskeysAsync(user))
            .Select(p => new PasskeyRow(Convert.ToBase64String(p.CredentialId), p.Name ?? "—", p.CreatedAt))
            .ToList();
    }
}
