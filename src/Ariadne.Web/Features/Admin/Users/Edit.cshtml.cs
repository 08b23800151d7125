using Ariadne.Web.Features.Staff;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Logging;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Security;
using Ariadne.Web.Platform.Ui;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Admin.Users;

/// <summary>
/// One account: its name, roles and liaison designation (checked against the institution's kind and
/// the user's current training), its training records (read-only: training comes from certificates that the
/// training managers issue in the Training module, never from the administrator), and the administrator's
/// actions: disable or enable, reset the password, reset the second factor. Giving roles and a new password
/// wait for the institution's responsible person (<see cref="AccountConfirmations"/>). Every action is audited in its
/// transaction, told to oversight, and ends the user's sessions (security stamp); resets revoke API tokens.
/// </summary>
[Authorize(Policy = Policies.Admin)]
[RequireRecentAuthentication]
public sealed class EditModel(
    AriadneDbContext db, UserManager<AriadneUser> users, IStringLocalizer<SharedResource> text, TimeProvider time, UiTime uiTime, AuditedWrites writes,
    AccountConfirmations confirmations, ILogger<EditModel> logger) : PageModel
{
    public const string TemporaryPasswordKey = "TemporaryPassword";

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public AriadneUser Account { get; private set; } = null!;
    public Institution Institution { get; private set; } = null!;
    public IReadOnlyList<RoleDefinition> FittingRoles { get; private set; } = [];
    public IReadOnlySet<string> CurrentRoles { get; private set; } = new HashSet<string>();
    public string? TemporaryPasswordShown { get; private set; }
    /// <summary>What the administrator asked for and the institution has not confirmed yet.</summary>
    public IReadOnlyList<AccountChange> Pending { get; private set; } = [];

    [BindProperty] public string? DisplayName { get; set; }
    [BindProperty] public List<string> Roles { get; set; } = [];
    [BindProperty] public bool IsLiaison { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
            return NotFound();
        TemporaryPasswordShown = TempData[TemporaryPasswordKey] as string;
        DisplayName = Account.DisplayName;
        Roles = [.. CurrentRoles];
        IsLiaison = Account.IsLiaisonOfficer;
        return Page();
    }

    public async Task<IActionResult> OnPostDetailsAsync()
    {
        if (!await LoadAsync())
            return NotFound();
        ModelState.Clear();
        var name = DisplayName?.Trim();
        if (string.IsNullOrEmpty(name))
            ModelState.AddModelError(nameof(DisplayName), text["Validation_Required"]);
        else if (name.Length > 200)
            ModelState.AddModelError(nameof(DisplayName), text["Validation_TooLong", 200]);
        if (!ModelState.IsValid)
            return KeepForm();
        return await ChangeAsync("details", AdminAudit.Details, async () =>
        {
            Account.DisplayName = name!;
            Check(await users.UpdateAsync(Account));
        });
    }

    public async Task<IActionResult> OnPostRolesAsync()
    {
        if (!await LoadAsync())
            return NotFound();
        ModelState.Clear();
        // Training waiting for confirmation counts here; the confirming person checks again against confirmed training.
        // Expired training does not count (a guard's shelter-security training must be current).
        var today = uiTime.Today;
        var trainings = TrainingRecord.CurrentTopics(Account.Trainings, today).Concat(await confirmations.PendingTrainingAsync(Account.Id, today)).ToHashSet();
        foreach (var problem in RoleCatalog.Check(Institution.Kind, Roles, trainings, IsLiaison))
            ModelState.AddModelError(problem.Role is null ? nameof(IsLiaison) : nameof(Roles),
                text[problem.MessageKey, problem.Role is null ? "" : text["Role_" + problem.Role]]);
        if (IsLiaison && await db.Users.AnyAsync(u => u.InstitutionId == Account.InstitutionId && u.IsLiaisonOfficer && u.Id != Account.Id))
            ModelState.AddModelError(nameof(IsLiaison), text["Error_LiaisonAlreadyDesignated"]);
        if (!ModelState.IsValid)
            return KeepForm();

        var remove = CurrentRoles.Except(Roles).ToList();
        var add = Roles.Distinct().Except(CurrentRoles).ToList();
        // Taking roles away takes effect at once; giving any waits for the institution's confirmation.
        if (AccountConfirmations.NeedsConfirmation(Institution.Kind) && (add.Count > 0 || (IsLiaison && !Account.IsLiaisonOfficer)))
            return await ChangeAsync("roles requested", AdminAudit.RolesRequested, async () =>
            {
                await confirmations.RequestAsync(Platform.Access.Viewer.Of(User), Account,
                    AccountChange.Roles, AccountConfirmations.Serialize(new AccountConfirmations.RolesRequest([.. Roles.Distinct()], IsLiaison)));
                Check(await users.UpdateSecurityStampAsync(Account));
            }, "Users_SentForConfirmation");

        return await ChangeAsync("roles", AdminAudit.Roles, async () =>
        {
            if (remove.Count > 0)
                Check(await users.RemoveFromRolesAsync(Account, remove));
            if (add.Count > 0)
                Check(await users.AddToRolesAsync(Account, add));
            Account.IsLiaisonOfficer = IsLiaison;
            Check(await users.UpdateAsync(Account));
            // Roles travel in the session cookie: end open sessions.
            Check(await users.UpdateSecurityStampAsync(Account));
        });
    }

    /// <summary>Ends every session of the account on every node (a lost phone, a shared computer): the security stamp changes (ASVS 7.4.5).</summary>
    public async Task<IActionResult> OnPostEndSessionsAsync()
    {
        if (!await LoadAsync())
            return NotFound();
        return await ChangeAsync("sessions ended", AdminAudit.SessionsEnded, async () => Check(await users.UpdateSecurityStampAsync(Account)),
            "Users_SessionsEnded");
    }

    public async Task<IActionResult> OnPostDisableAsync(bool disabled)
    {
        if (!await LoadAsync())
            return NotFound();
        if (Account.Id == User.UserId())
        {
            ModelState.AddModelError(string.Empty, text["User_CannotDisableSelf"]);
            return KeepForm();
        }
        return await ChangeAsync(disabled ? "disabled" : "enabled", disabled ? AdminAudit.Disabled : AdminAudit.Enabled, async () =>
        {
            Account.IsDisabled = disabled;
            Check(await users.UpdateAsync(Account));
            Check(await users.UpdateSecurityStampAsync(Account));
        });
    }

    /// <summary>
    /// A new password. In an institution that confirms its staff the administrator never sees it: the old
    /// password stops working now, and the institution's responsible person issues the new one (shown to them
    /// once) to hand to the user. Either way every session ends and every API token is revoked.
    /// </summary>
    public async Task<IActionResult> OnPostResetPasswordAsync()
    {
        if (!await LoadAsync())
            return NotFound();
        var confirmed = AccountConfirmations.NeedsConfirmation(Institution.Kind);
        string? password = null;
        var result = await ChangeAsync("password reset", AdminAudit.PasswordReset, async () =>
        {
            password = await ReplacePasswordAsync(confirmed);
            CredentialNotices.Add(db, Account.Id, CredentialNotices.PasswordReset, time.GetUtcNow());
            Check(await users.UpdateSecurityStampAsync(Account));
            await ApiTokenRevocation.RevokeAllAsync(db, Account.Id, time.GetUtcNow());
        }, confirmed ? "Users_PasswordGoesToInstitution" : "Common_Saved");
        if (password is not null && result is RedirectToPageResult)
            TempData[TemporaryPasswordKey] = password;
        return result;
    }

    /// <summary>
    /// A lost second factor (ASVS 6.4.4): every factor goes at once, and so does the password, which is replaced as by a
    /// password reset (through the institution's responsible person where it confirms its staff). A new factor can then
    /// be enrolled only with the temporary password handed over in person, never with the old password alone, which
    /// whoever asked for the reset might have phished.
    /// </summary>
    public async Task<IActionResult> OnPostResetMfaAsync()
    {
        if (!await LoadAsync())
            return NotFound();
        var confirmed = AccountConfirmations.NeedsConfirmation(Institution.Kind);
        string? password = null;
        var result = await ChangeAsync("second factor reset", AdminAudit.SecondFactorReset, async () =>
        {
            Check(await users.SetTwoFactorEnabledAsync(Account, false));
            Check(await users.RemoveAuthenticationTokenAsync(Account, "[AspNetUserStore]", "AuthenticatorKey"));
            Check(await users.RemoveAuthenticationTokenAsync(Account, "[AspNetUserStore]", "RecoveryCodes"));
            foreach (var passkey in await users.GetPasskeysAsync(Account))
                Check(await users.RemovePasskeyAsync(Account, passkey.CredentialId));
            password = await ReplacePasswordAsync(confirmed);
            CredentialNotices.Add(db, Account.Id, CredentialNotices.FactorsReset, time.GetUtcNow());
            Check(await users.UpdateSecurityStampAsync(Account));
            await ApiTokenRevocation.RevokeAllAsync(db, Account.Id, time.GetUtcNow());
        }, confirmed ? "Users_SecondFactorGoesToInstitution" : "Users_SecondFactorReset");
        if (password is not null && result is RedirectToPageResult)
            TempData[TemporaryPasswordKey] = password;
        return result;
    }

    /// <summary>
    /// The old password stops working. Where the institution confirms its staff, its responsible person issues the new one
    /// (null here); otherwise a temporary password, to be changed at first use, is returned to be shown once.
    /// </summary>
    private async Task<string?> ReplacePasswordAsync(bool confirmed)
    {
        if (await users.HasPasswordAsync(Account))
            Check(await users.RemovePasswordAsync(Account));
        if (confirmed)
        {
            await confirmations.RequestAsync(Platform.Access.Viewer.Of(User), Account, AccountChange.Password, null);
            return null;
        }
        return await TemporaryPassword.IssueAsync(users, Account, time.GetUtcNow());
    }

    private async Task<bool> LoadAsync()
    {
        var account = await db.Users.Include(u => u.Trainings).Include(u => u.Institution).FirstOrDefaultAsync(u => u.Id == Id);
        if (account is null)
            return false;
        Account = account;
        Institution = account.Institution!;
        FittingRoles = RoleCatalog.For(Institution.Kind).ToList();
        CurrentRoles = (await users.GetRolesAsync(account)).ToHashSet();
        Pending = await confirmations.PendingOfAsync(account.Id);
        return true;
    }

    private PageResult KeepForm()
    {
        DisplayName ??= Account.DisplayName;
        return Page();
    }

    /// <summary>
    /// Runs one administrative change and its audit event in one transaction, tells oversight, and ends the
    /// user's sessions where the change says so (each change rotates the security stamp itself).
    /// </summary>
    private async Task<IActionResult> ChangeAsync(string change, AuditPurpose purpose, Func<Task> work, string notice = "Common_Saved")
    {
        var actor = Platform.Access.Viewer.Of(User);
        try
        {
            await writes.RunAsync(actor, async ct =>
            {
                await work();
                confirmations.NotifyOversight(StaffAudit.AccountAdminAction, time.GetUtcNow());
                await db.SaveChangesAsync(ct);
                return new Audited<bool>(true, new AuditRecord(PlatformAudit.AccountChanged, TargetType: AuditTarget.User, TargetId: Account.Id, Purpose: purpose));
            });
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another administrator changed the account between this page's read and this write: nothing of this one stands.
            db.ChangeTracker.Clear();
            ModelState.AddModelError(string.Empty, text["Identity_ConcurrencyFailure"]);
            if (!await LoadAsync())
                return NotFound();
            return KeepForm();
        }
        logger.AccountChanged(actor.UserId, Account.Id, change);
        TempData["Notice"] = notice;
        return RedirectToPage(new { id = Account.Id });
    }

    private static void Check(IdentityResult result)
    {
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
            throw new DbUpdateConcurrencyException("The account changed meanwhile.");
        if (!result.Succeeded)
            throw new InvalidOperationException("Identity refused an administrative change: " + string.Join(", ", result.Errors.Select(e => e.Code)));
    }
}
