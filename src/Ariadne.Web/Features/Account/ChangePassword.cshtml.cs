using System.ComponentModel.DataAnnotations;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Account;

/// <summary>Replaces the password; required after an administrator issued a temporary one.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class ChangePasswordModel(
    UserManager<AriadneUser> users, AriadneSignInManager signIn, IStringLocalizer<SharedResource> text) : PageModel
{
    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Required { get; private set; }

    public sealed class PasswordInput
    {
        [Required(ErrorMessage = "Validation_Required"), StringLength(200, ErrorMessage = "Validation_TooLong")]
        public string? CurrentPassword { get; set; }

        [Required(ErrorMessage = "Validation_Required"), StringLength(200, ErrorMessage = "Validation_TooLong")]
        public string? NewPassword { get; set; }

        [Required(ErrorMessage = "Validation_Required"), Compare(nameof(NewPassword), ErrorMessage = "ChangePassword_Mismatch")]
        public string? ConfirmPassword { get; set; }
    }

    public void OnGet() => Required = User.HasClaim(c => c.Type == AriadneClaims.MustChangePassword);

    public async Task<IActionResult> OnPostAsync()
    {
        Required = User.HasClaim(c => c.Type == AriadneClaims.MustChangePassword);
        if (!ModelState.IsValid)
            return Page();
        var user = await users.GetUserAsync(User);
        if (user is null)
            return Challenge();
        if (Input.NewPassword == Input.CurrentPassword)
        {
            ModelState.AddModelError("Input.NewPassword", text["ChangePassword_SameAsOld"]);
            return Page();
        }
        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword!, Input.NewPassword!);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
                ModelState.AddModelError(error.Code == "PasswordMismatch" ? "Input.CurrentPassword" : "Input.NewPassword", error.Description);
            return Page();
        }
        user.MustChangePassword = false;
        user.TemporaryPasswordIssuedAt = null;
        await users.UpdateAsync(user);
        await signIn.EndOtherSessionsAsync(user);
        TempData["Notice"] = "ChangePassword_Done";
        if (!user.TwoFactorEnabled && !User.HasSecondFactor())
            return RedirectToPage("/Account/Mfa/Setup", new { ReturnUrl });
        return LocalRedirect(Platform.Ui.LocalUrls.Safe(ReturnUrl));
    }
}
