using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Preferences;

/// <summary>
/// Turns the mode for the visually impaired (larger text, high contrast, underlined links, nothing
/// conveyed by colour alone) on or off from any page, and remembers it.
/// </summary>
[AllowAnonymous]
public sealed class AccessibilityModel : PageModel
{
    public const string CookieName = "ariadne.vi";

    public IActionResult OnGet() => RedirectToPage("/Index");

    public IActionResult OnPost(bool enabled, string? returnUrl)
    {
        if (enabled)
            Response.Cookies.Append(CookieName, "1", new CookieOptions
            {
                Path = "/",
                Expires = DateTimeOffset.UtcNow.AddYears(1),
                IsEssential = true,
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = Request.IsHttps,
            });
        else
            Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/" });
        return LocalRedirect(Platform.Ui.LocalUrls.Safe(returnUrl));
    }
}
