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
/// Creates an account in one institution with a temporary password, shown once. At first sign-in the
/// user must choose a password and enrol a second factor. Roles and training are set on the account page.
/// </summary>
[Authorize(Policy = Policies.Admin)]
public sealed class CreateModel(
    AriadneDbContext db, UserManager<AriadneUser> users, IStringLocalizer<SharedResource> text, TimeProvider time, AuditTrail audit,
    ILogger<CreateModel> logger) : PageModel
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

        var password = TemporaryPassword.Create();
        var user = new AriadneUser
        {
            UserName = userName,
            DisplayName = displayName!,
            InstitutionId = Input.InstitutionId!.Value,
            MustChangePassword = true,
            CreatedAt = time.GetUtcNow(),
        };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
                ModelState.AddModelError("Input.UserName", error.Description);
            await LoadAsync();
            return Page();
        }
        logger.AccountChanged(User.UserId()!.Value, user.Id, "created");
        var actor = Platform.Access.Viewer.Of(User);
        await audit.RecordAsync(new AuditRecord(AuditAction.AccountChanged, ActorUserId: actor.UserId, ActorInstitutionId: actor.InstitutionId,
            TargetType: "user", TargetId: user.Id, Purpose: "admin.created"));
        TempData[EditModel.TemporaryPasswordKey] = password;
        return RedirectToPage("/Admin/Users/Edit", new { id = user.Id });
    }

    private async Task LoadAsync() =>
        Institutions = await db.Institutions.AsNoTracking().Where(i => i.IsActive).OrderBy(i => i.Name)
            .Select(i => new InstitutionOption(i.Id, i.Name)).ToListAsync();
}
