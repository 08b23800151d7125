namespace Ariadne.Web.Platform;

/// <summary>
/// Refuses a declared body larger than the limit before anything reads it, on any server (Kestrel
/// enforces the same limit for bodies without a declared length). The 413 is rendered by the
/// status-code page in the user's language.
/// </summary>
public static class RequestLimits
{
    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app, long maxBodyBytes) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.ContentLength > maxBodyBytes)
            {
                // The body is never read: the error page that re-executes sees an empty request.
                context.Request.Body = Stream.Null;
                context.Request.ContentLength = 0;
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }
            await next();
        });
}
