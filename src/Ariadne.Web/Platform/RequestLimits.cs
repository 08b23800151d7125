using Microsoft.AspNetCore.Http.Features;

namespace Ariadne.Web.Platform;

/// <summary>
/// Refuses a declared body larger than the limit before anything reads it, on any server (Kestrel
/// enforces the same limit for bodies without a declared length). The 413 is rendered by the
/// status-code page in the user's language. Only the endpoints that accept supporting files get a
/// larger limit.
/// </summary>
public static class RequestLimits
{
    /// <summary>Endpoints that carry files (the referral form and API), and their limit.</summary>
    public static readonly IReadOnlyDictionary<string, long> Larger = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase)
    {
        ["/Referrals/New"] = 16 * 1024 * 1024,
        ["/api/v1/referrals"] = 16 * 1024 * 1024,
    };

    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app, long maxBodyBytes) =>
        app.Use(async (context, next) =>
        {
            var limit = Larger.TryGetValue(context.Request.Path.Value?.TrimEnd('/') ?? "", out var larger) ? larger : maxBodyBytes;
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
