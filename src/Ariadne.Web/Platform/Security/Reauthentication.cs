using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Platform.Security;

/// <summary>
/// Re-authentication before changing one's own factors or minting an API token (ASVS 7.5.1, 7.5.3): the session must
/// have proved its factors (at sign-in, on <c>/Account/Reauthenticate</c>, or at break-glass) within the last
/// <see cref="SecurityOptions.ReauthenticationWindow"/>. A hijacked session can then read, but not plant a lasting factor or a token of its own.
/// </summary>
public static class Reauthentication
{
    /// <summary>
    /// Whether the request's session proved its factors within <see cref="SecurityOptions.ReauthenticationWindow"/> (5 minutes
    /// unless configured) by the host's clock.
    /// </summary>
    public static bool IsRecent(HttpContext context)
    {
        var window = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityOptions>>().Value.ReauthenticationWindow;
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeSeconds();
        return long.TryParse(context.User.FindFirstValue(AriadneClaims.AuthenticatedAt), NumberStyles.None, CultureInfo.InvariantCulture, out var at)
            && now - at is var age && age >= 0 && age <= (long)window.TotalSeconds;
    }

    /// <summary>To the re-authentication page, and back to this page (by GET: a post is never replayed) once it is done.</summary>
    public static RedirectToPageResult Ask(PageModel page) =>
        page.RedirectToPage("/Account/Reauthenticate", new
        {
            ReturnUrl = HttpMethods.IsGet(page.Request.Method) ? page.Request.Path + page.Request.QueryString : page.Request.Path.ToString(),
        });
}
