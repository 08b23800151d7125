using Ariadne.Web.Features.Staff;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Logging;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Admin.Users;

/// <summary>
/// Creates an account in one institution. In an institution that confirms its own staff the account has no
/// password and its membership waits for the institution's responsible person, who alone receives the
/// temporary password; in the platform administration the password is shown once to the administrator. At
/// first sign-in the user must choose a password and enrol a second factor. Roles and training are asked on
/// the account page.
/// </summary>
[Authorize(Policy = Policies.Admin)]
[RequireRecentAuthentication]
public sealed class CreateModel(
    AriadneDbContext db, UserManager<AriadneUser> users, IStringLocalizer<SharedResource> text, TimeProvider time, AuditedWrites writes,
    AccountConfirmations confirmations, ILogger<CreateModel> logger) : PageModel
{
    public sealed record InstitutionOption(Guid Id, string Name);

    [BindProperty]
    public UserInput Input { get; set; } = new();

    public IReadOnlyList<InstitutionOption> Institutions { get; private set; } = [];

    public sealed class UserInput
    {
        public string? UserName { get; set; }
        public string? DisplayName { get; set; }
        public Guid? InstitutionId { get; set; }
    }

    public async Task OnGetAsync(Guid? institution)
    {
        Input.InstitutionId = institution;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        var userName = Input.UserName?.Trim().ToLowerInvariant();
        var displayName = Input.DisplayName?.Trim();
        if (string.IsNullOrEmpty(userName))
            ModelState.AddModelError("Input.UserName", text["Validation_Required"]);
        if (string.IsNullOrEmpty(displayName))
            ModelState.AddModelError("Input.DisplayName", text["Validation_Required"]);
        else if (displayName.Length > 200)
            ModelState.AddModelError("Input.DisplayName", text["Validation_TooLong", 200]);
        if (Input.InstitutionId is not { } institutionId || !await db.Institutions.AnyAsync(i => i.Id == institutionId && i.IsActive))
            ModelState.AddModelError("Input.InstitutionId", text["Validation_Required"]);
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        // In an institution that confirms its own staff the account has no password until its responsible
        // person confirms the membership and hands the temporary password over; the administrator never sees it.
        var kind = await db.Institutions.Where(i => i.Id == Input.InstitutionId).Select(i => i.Kind).FirstAsync();
        var confirmed = AccountConfirmations.NeedsConfirmation(kind);
        var user = new AriadneUser
        {
            UserName = userName,
            DisplayName = displayName!,
            InstitutionId = Input.InstitutionId!.Value,
            MustChangePassword = true,
            TemporaryPasswordIssuedAt = confirmed ? null : time.GetUtcNow(),
            CreatedAt = time.GetUtcNow(),
        };
        var password = confirmed ? null : await TemporaryPassword.CreateValidAsync(users, user);
        var actor = Platform.Access.Viewer.Of(User);
        IdentityResult? result = null;
        await writes.RunAsync(actor, async ct =>
        {
            result = password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password);
            if (result.Succeeded && confirmed)
                await confirmations.RequestAsync(actor, user, AccountChange.Membership, null, ct);
            else if (result.Succeeded)
                confirmations.NotifyOversight(StaffAudit.AccountAdminAction, time.GetUtcNow());
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(PlatformAudit.AccountChanged, result.Succeeded ? AuditOutcome.Allowed : AuditOutcome.Denied,
                TargetType: AuditTarget.User, TargetId: user.Id, Purpose: AdminAudit.Created));
        });
        if (!result!.Succeeded)
        {
            foreach (var error in result.Errors)
                ModelState.AddModelError("Input.UserName", error.Description);
            await LoadAsync();
            return Page();
        }
        logger.AccountChanged(actor.UserId, user.Id, "created");
        if (password is not null)
            TempData[EditModel.TemporaryPasswordKey] = password;
        else
            TempData["Notice"] = "Users_MembershipPending";
        return RedirectToPage("/Admin/Users/Edit", new { id = user.Id });
    }

    private async Task LoadAsync() =>
        Institutions = await db.Institutions.AsNoTracking().Where(i => i.IsActive).OrderBy(i => i.Name)
            .Select(i => new InstitutionOption(i.Id, i.Name)).ToListAsync();
}
