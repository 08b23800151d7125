using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Account;

/// <summary>
/// Where an authorization failure lands. A session that still owes a step (new password, second
/// factor) is sent to that step; anyone else gets a plain 403.
/// </summary>
[AllowAnonymous]
public sealed class AccessDeniedModel : PageModel
{
    public IActionResult OnGet(string? returnUrl)
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            if (User.HasClaim(c => c.Type == AriadneClaims.MustChangePassword))
                return RedirectToPage("/Account/ChangePassword", new { returnUrl });
            if (!User.HasSecondFactor())
                return RedirectToPage("/Account/Mfa/Setup", new { returnUrl });
        }
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }
}
