using Ariadne.Web.Platform.Logging;
using Microsoft.AspNetCore.Mvc.Core.Infrastructure;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Ariadne.Web.Platform.Security;

/// <summary>
/// A post refused because its antiforgery token was missing or wrong is logged with the page's route only, never a
/// field's value (ASVS 16.3.3): a burst of them is what a cross-site request forgery attempt looks like.
/// </summary>
public sealed class AntiforgeryRefusalLogging(ILogger<AntiforgeryRefusalLogging> logger) : IAlwaysRunResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        if (context.Result is IAntiforgeryValidationFailedResult)
            logger.AntiforgeryRefused(context.ActionDescriptor.AttributeRouteInfo?.Template ?? context.ActionDescriptor.DisplayName ?? "?",
                context.HttpContext.Request.Method);
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
