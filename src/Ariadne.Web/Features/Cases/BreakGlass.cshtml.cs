using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Cases;

/// <summary>
/// Emergency access to one case without a grant: a structured reason and an explanation, then
/// re-authentication with password and authenticator code. Read-only, location hidden, four hours.
/// </summary>
[Authorize(Policy = Policies.Mfa)]
public sealed class BreakGlassModel(
    BreakGlassService breakGlass, UserManager<AriadneUser> users, AriadneSignInManager signIn, FactorProof proof, AuditTrail audit,
    IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty] public string? CaseNumber { get; set; }
    [BindProperty] public BreakGlassReason? Reason { get; set; }
    [BindProperty] public string? Explanation { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? Code { get; set; }
    /// <summary>A passkey assertion (navigator.credentials.get), instead of password and code.</summary>
    [BindProperty] public string? Credential { get; set; }

    public bool Allowed => !BreakGlassService.Excluded.Any(User.IsInRole);

    public IActionResult OnGet() => Allowed ? Page() : Forbid();

    /// <summary>Options for re-authenticating with one of this user's passkeys.</summary>
    public async Task<IActionResult> OnPostPasskeyOptionsAsync() =>
        Allowed && await users.GetUserAsync(User) is { } user
            ? Content(await signIn.MakePasskeyRequestOptionsAsync(user), "application/json")
            : Forbid();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!Allowed)
            return Forbid();
        ModelState.Clear();
        if (string.IsNullOrWhiteSpace(CaseNumber))
            ModelState.AddModelError(nameof(CaseNumber), text["Validation_Required"]);
        if (Reason is not { } reason || !Enum.IsDefined(reason))
            ModelState.AddModelError(nameof(Reason), text["Validation_Required"]);
        if (string.IsNullOrWhiteSpace(Explanation) || Explanation.Trim().Length < 20)
            ModelState.AddModelError(nameof(Explanation), text["BreakGlass_ExplainMore"]);
        else if (Explanation.Length > 1000)
            ModelState.AddModelError(nameof(Explanation), text["Validation_TooLong", 1000]);
        var user = await users.GetUserAsync(User);
        if (user is null)
            return Challenge();
        if (ModelState.IsValid)
        {
            // Re-authentication now: a passkey of this user, or the password and a fresh authenticator code.
            // As at sign-in: a locked account proves nothing, a wrong password or code counts toward the lockout.
            var reauthenticated = !string.IsNullOrEmpty(Credential)
                ? await proof.WithPasskeyAsync(user, Credential)
                : !string.IsNullOrEmpty(Password) && await proof.WithPasswordAsync(user, Password, Code);
            if (!reauthenticated)
            {
                await audit.RecordAsync(new AuditRecord(PlatformAudit.BreakGlassOpened, AuditOutcome.Failed, user.Id, user.InstitutionId, Purpose: CasesAudit.Reauthentication));
                ModelState.AddModelError(nameof(Password), text["BreakGlass_ReauthFailed"]);
            }
        }
        if (!ModelState.IsValid)
            return Page();
        var caseId = await breakGlass.OpenAsync(Viewer.Of(User), CaseNumber!, Reason!.Value, Explanation!);
        if (caseId is null)
        {
            // Probing for case numbers leaves a trace too.
            await audit.RecordAsync(new AuditRecord(PlatformAudit.BreakGlassOpened, AuditOutcome.Failed, user.Id, user.InstitutionId, Purpose: CasesAudit.NoSuchCase));
            ModelState.AddModelError(nameof(CaseNumber), text["BreakGlass_NoSuchCase"]);
            return Page();
        }
        // The session's ticket is issued anew once access is opened, recording that its factors were just proved (ASVS 7.2.4).
        await signIn.ReauthenticatedAsync(user);
        return RedirectToPage("/Cases/Detail", new { id = caseId });
    }
}
