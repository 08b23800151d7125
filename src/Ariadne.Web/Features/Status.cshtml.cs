using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features;

/// <summary>
/// Every error a person or a client can meet, in their language: a page for people, problem details
/// for the API. Never a stack trace; the exception itself is only logged by the framework.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class StatusModel(IStringLocalizer<SharedResource> text) : PageModel
{
    public int Code { get; private set; }
    public string Message { get; private set; } = "";

    public IActionResult OnGet(int? code) => Render(code);
    public IActionResult OnPost(int? code) => Render(code);
    public IActionResult OnPut(int? code) => Render(code);
    public IActionResult OnDelete(int? code) => Render(code);
    public IActionResult OnPatch(int? code) => Render(code);

    private IActionResult Render(int? code)
    {
        var exception = HttpContext.Features.Get<IExceptionHandlerFeature>();
        var reexecute = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        Code = code ?? (exception is not null ? Response.StatusCode : StatusCodes.Status404NotFound);
        if (Code < 400 || Code > 599)
            Code = StatusCodes.Status404NotFound;
        Message = text[KeyFor(Code)];
        Response.StatusCode = Code;

        var originalPath = reexecute?.OriginalPath ?? exception?.Path ?? Request.Path;
        if (originalPath.StartsWith("/api", StringComparison.OrdinalIgnoreCase))
            return new ObjectResult(new ProblemDetails { Status = Code, Title = Message })
            {
                StatusCode = Code,
                ContentTypes = { "application/problem+json" },
            };
        return Page();
    }

    private static string KeyFor(int code) => code switch
    {
        400 => "Status_400",
        401 => "Status_401",
        403 => "Status_403",
        404 => "Status_404",
        405 => "Status_405",
        413 => "Status_413",
        415 => "Status_415",
        429 => "Status_429",
        >= 500 => "Status_500",
        _ => "Status_400",
    };
}
