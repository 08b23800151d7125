using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Platform.Security;

/// <summary>
/// The page's handlers need a recent re-authentication (<see cref="Reauthentication"/>, ASVS 7.5.3): every handler, or only
/// those named (<c>[RequireRecentAuthentication("Export")]</c> for <c>OnPostExportAsync</c>), or with <see cref="PostsOnly"/> only
/// the handlers that are not GETs. Otherwise the request goes to "Confirm it is you" and back to the page afterwards; the
/// handler does not run, so nothing changes and nothing is served.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequireRecentAuthenticationAttribute(params string[] handlers) : Attribute, IAsyncPageFilter
{
    /// <summary>The handler names that need it (<see cref="Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure.HandlerMethodDescriptor.Name"/>); none: every handler.</summary>
    public IReadOnlyList<string> Handlers { get; } = handlers;

    /// <summary>Only handlers for another method than GET (a page that shows freely but acts only after re-authentication).</summary>
    public bool PostsOnly { get; init; }

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HandlerInstance is PageModel page && Applies(context) && !Reauthentication.IsRecent(context.HttpContext))
        {
            context.Result = Reauthentication.Ask(page);
            return;
        }
        await next();
    }

    private bool Applies(PageHandlerExecutingContext context) =>
        (Handlers.Count == 0 || Handlers.Contains(context.HandlerMethod?.Name ?? "", StringComparer.Ordinal))
        && !(PostsOnly && HttpMethods.IsGet(context.HttpContext.Request.Method));
}
