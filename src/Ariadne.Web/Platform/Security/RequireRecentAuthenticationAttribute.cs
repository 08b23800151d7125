using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ariadne.Web.Platform.Security;

/// <summary>Every handler of the page needs a recent re-authentication (<see cref="Reauthentication"/>).</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequireRecentAuthenticationAttribute : Attribute, IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var time = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
        if (context.HandlerInstance is PageModel page && !Reauthentication.IsRecent(context.HttpContext.User, time))
        {
            context.Result = Reauthentication.Ask(page);
            return;
        }
        await next();
    }
}
