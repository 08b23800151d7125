using Ariadne.Web.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Preferences;

/// <summary>Switches the language on any page and remembers it for a year. Anyone may choose.</summary>
[AllowAnonymous]
public sealed class CultureModel : PageModel
{
    public int ErrorCode { get; private set; }

    public IActionResult OnGet() => RedirectToPage("/Index");

    public IActionResult OnPost(string? culture, string? returnUrl)
    {
        if (!LocalizationServices.IsSupported(culture))
        {
            ErrorCode = StatusCodes.Status400BadRequest;
            Response.StatusCode = ErrorCode;
            return Page();
        }
        Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture!)),
            new CookieOptions { Path = "/", Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = Request.IsHttps });
        return LocalRedirect(Platform.Ui.LocalUrls.Safe(returnUrl));
    }
}
