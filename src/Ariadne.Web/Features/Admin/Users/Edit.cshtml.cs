using Ariadne.Web.Features.Participants;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Logging;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Admin.Users;

/// <summary>
/// One account: its name, roles and liaison designation (checked against the institution's kind and
/// the user's training), training records, and the administrator's actions: disable or enable,
/// issue a temporary password, reset the second factor. Each action ends the user's open sessions
/// where it must (security stamp).
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class EditModel(
    AriadneDbContext db, UserManager<AriadneUser> users, IStringLocalizer<SharedResource> text, TimeProvider time, AuditTrail audit,
    ILogger<EditModel> logger) : PageModel
{
    public const string TemporaryPasswordKey = "TemporaryPassword";

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public AriadneUser Account { get; private set; } = null!;
    public Institution Institution { get; private set; } = null!;
    public IReadOnlyList<RoleDefinition> FittingRoles { get; private set; } = [];
    public IReadOnlySet<string> CurrentRoles { get; private set; } = new HashSet<string>();
    public string? TemporaryPasswordShown { get; private set; }

    [BindProperty] public string? DisplayName { get; set; }
    [BindProperty] public List<string> Roles { get; set; } = [];
    [BindProperty] public bool IsLiaison { get; set; }
    [BindProperty] public TrainingInput Training { get; set; } = new();

    public sealed class TrainingInput
    {
        public TrainingTopic? Topic { get; set; }
        public string? Course { get; set; }
        public string? Provider { get; set; }
        public DateOnly? CompletedOn { get; set; }
    }

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
        Account.DisplayName = name!;
        await users.UpdateAsync(Account);
        return await DoneAsync("details");
    }

    public async Task<IActionResult> OnPostRolesAsync()
    {
        if (!await LoadAsync())
            return NotFound();
        ModelState.Clear();
        var trainings = Account.Trainings.Select(t => t.Topic).ToHashSet();
        foreach (var problem in RoleCatalog.Check(Institution.Kind, Roles, trainings, IsLiaison))
            ModelState.AddModelError(problem.Role is null ? nameof(IsLiaison) : nameof(Roles),
                text[problem.MessageKey, problem.Role is null ? "" : text["Role_" + problem.Role]]);
        if (IsLiaison && await db.Users.AnyAsync(u => u.InstitutionId == Account.InstitutionId && u.IsLiaisonOfficer && u.Id != Account.Id))
            ModelState.AddModelError(nameof(IsLiaison), text["Error_LiaisonAlreadyDesignated"]);
        if (!ModelState.IsValid)
            return KeepForm();

        await using var transaction = await db.Database.BeginTransactionAsync();
        var remove = CurrentRoles.Except(Roles).ToList();
        var add = Roles.Distinct().Except(CurrentRoles).ToList();
        if (remove.Count > 0)
            await users.RemoveFromRolesAsync(Account, remove);
        if (add.Count > 0)
            await users.AddToRolesAsync(Account, add);
        Account.IsLiaisonOfficer = IsLiaison;
        await users.UpdateAsync(Account);
        // Roles travel in the session cookie: make open sessions pick up the change.
        await users.UpdateSecurityStampAsync(Account);
        await transaction.CommitAsync();
        return await DoneAsync("roles");
    }

    public async Task<IActionResult> OnPostAddTrainingAsync()
    {
        if (!await LoadAsync())
            return NotFound();
        ModelState.Clear();
        var course = Training.Course?.Trim();
        var provider = Training.Provider?.Trim();
        if (Training.Topic is not { } topic || !Enum.IsDefined(topic))
            ModelState.AddModelError("Training.Topic", text["Validation_Required"]);
        if (string.IsNullOrEmpty(course))
            ModelState.AddModelError("Training.Course", text["Validation_Required"]);
        else if (course.Length > 200)
            ModelState.AddModelError("Training.Course", text["Validation_TooLong", 200]);
        if (string.IsNullOrEmpty(provider))
            ModelState.AddModelError("Training.Provider", text["Validation_Required"]);
        else if (provider.Length > 200)
            ModelState.AddModelError("Training.Provider", text["Validation_TooLong", 200]);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (Training.CompletedOn is not { } completed)
            ModelState.AddModelError("Training.CompletedOn", text["Validation_DateRequired"]);
        else if (completed > today || completed < today.AddYears(-50))
            ModelState.AddModelError("Training.CompletedOn", text["Training_DateRange"]);
        if (!ModelState.IsValid)
            return KeepForm();

        db.Trainings.Add(new TrainingRecord
        {
            UserId = Account.Id,
            Topic = Training.Topic!.Value,
            Course = course!,
            Provider = provider!,
            CompletedOn = Training.CompletedOn!.Value,
            RecordedAt = time.GetUtcNow(),
            RecordedBy = User.UserId()!.Value,
        });
        await db.SaveChangesAsync();
        return await DoneAsync("training added");
    }

    public async Task<IActionResult> OnPostRemoveTrainingAsync(Guid trainingId)
    {
        if (!await LoadAsync())
            return NotFound();
        var record = Account.Trainings.FirstOrDefault(t => t.Id == trainingId);
        if (record is null)
            return NotFound();
        // A role that needs this training cannot stay without it.
        var remaining = Account.Trainings.Where(t => t.Id != trainingId).Select(t => t.Topic).ToHashSet();
        if (RoleCatalog.Check(Institution.Kind, CurrentRoles, remaining, Account.IsLiaisonOfficer).Count > 0)
        {
            ModelState.AddModelError(string.Empty, text["Training_StillNeeded"]);
            return KeepForm();
        }
        db.Trainings.Remove(record);
        await db.SaveChangesAsync();
        return await DoneAsync("training removed");
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
        Account.IsDisabled = disabled;
        await users.UpdateAsync(Account);
        await users.UpdateSecurityStampAsync(Account);
        return await DoneAsync(disabled ? "disabled" : "enabled");
    }

    public async Task<IActionResult> OnPostResetPasswordAsync()
    {
        if (!await LoadAsync())
            return NotFound();
        var password = TemporaryPassword.Create();
        await users.RemovePasswordAsync(Account);
        var result = await users.AddPasswordAsync(Account, password);
        if (!result.Succeeded)
            return StatusCode(StatusCodes.Status500InternalServerError);
        Account.MustChangePassword = true;
        await users.UpdateAsync(Account);
        await users.SetLockoutEndDateAsync(Account, null);
        await users.ResetAccessFailedCountAsync(Account);
        TempData[TemporaryPasswordKey] = password;
        return await DoneAsync("password reset");
    }

    public async Task<IActionResult> OnPostResetMfaAsync()
    {
        if (!await LoadAsync())
            return NotFound();
        await users.SetTwoFactorEnabledAsync(Account, false);
        await users.RemoveAuthenticationTokenAsync(Account, "[AspNetUserStore]", "AuthenticatorKey");
        await users.RemoveAuthenticationTokenAsync(Account, "[AspNetUserStore]", "RecoveryCodes");
        foreach (var passkey in await users.GetPasskeysAsync(Account))
            await users.RemovePasskeyAsync(Account, passkey.CredentialId);
        await users.UpdateSecurityStampAsync(Account);
        return await DoneAsync("second factor reset");
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
        return true;
    }

    private PageResult KeepForm()
    {
        DisplayName ??= Account.DisplayName;
        return Page();
    }

    private async Task<RedirectToPageResult> DoneAsync(string change)
    {
        logger.AccountChanged(User.UserId()!.Value, Account.Id, change);
        var actor = Platform.Access.Viewer.Of(User);
        await audit.RecordAsync(new AuditRecord(AuditAction.AccountChanged, ActorUserId: actor.UserId, ActorInstitutionId: actor.InstitutionId,
            TargetType: "user", TargetId: Account.Id, Purpose: "admin." + change.Replace(' ', '-')));
        TempData["Notice"] = "Common_Saved";
        return RedirectToPage(new { id = Account.Id });
    }
}
