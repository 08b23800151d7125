using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Ariadne.Web.Platform;

/// <summary>
/// Refuses a declared body larger than the limit before anything reads it, on any server (Kestrel
/// enforces the same limit for bodies without a declared length). The 413 is rendered by the
/// status-code page in the user's language. It runs after routing, so an endpoint that accepts files
/// states its own larger limit as metadata (<c>[RequestSizeLimit]</c> on a page, <c>WithRequestSizeLimit</c>
/// on an API route) instead of being listed here.
/// </summary>
public static class RequestLimits
{
    /// <summary>The limit of the endpoints that carry supporting files (the referral form and API).</summary>
    public const long FileUploadBytes = 16 * 1024 * 1024;

    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app, long maxBodyBytes) =>
        app.Use(async (context, next) =>
        {
            var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? maxBodyBytes;
            if (context.Request.ContentLength > limit)
            {
                // The body is never read: the error page that re-executes sees an empty request.
                context.Request.Body = Stream.Null;
                context.Request.ContentLength = 0;
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }
            if (limit != maxBodyBytes && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
                feature.MaxRequestBodySize = limit;
            await next();
        });
}
