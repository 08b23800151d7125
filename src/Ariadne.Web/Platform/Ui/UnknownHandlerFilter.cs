using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Ariadne.Web.Platform.Ui;

/// <summary>
/// A request to a page that names a handler the page does not have (<c>?handler=Nope</c>), or names
/// none where the page has no default handler for the method, is a 404 before any page code runs.
/// Otherwise Razor Pages would render the page without running a handler, on state it never loaded.
/// </summary>
public sealed class UnknownHandlerFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HandlerMethod is null && context.ActionDescriptor.HandlerMethods.Count > 0)
        {
            context.Result = new NotFoundResult();
            return;
        }
        await next();
    }
}
