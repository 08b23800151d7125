using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Features.Account;

/// <summary>Shown when the sign-in rate limit for a client address is reached.</summary>
[AllowAnonymous]
public sealed class TooManyAttemptsModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status429TooManyRequests;
}
