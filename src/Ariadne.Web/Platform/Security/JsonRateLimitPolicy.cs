using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ariadne.Web.Platform.Security;

/// <summary>
/// A fixed-window limit per client address for anonymous JSON endpoints (the web chat): a refusal is a 429 with
/// <c>{"error": "…"}</c> in the request's language and a Retry-After, not the sign-in page's redirect.
/// </summary>
public sealed class JsonRateLimitPolicy(string name, Func<SecurityOptions, int> permits, TimeSpan window) : IRateLimiterPolicy<string>
{
    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var limit = Math.Max(1, permits(httpContext.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value));
        return RateLimitPartition.GetFixedWindowLimiter($"{name}:{limit}:{httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown"}",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = window, QueueLimit = 0 });
    }

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (context, ct) =>
    {
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
            response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var text = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        await response.WriteAsJsonAsync(new { error = text["Chat_TooManyRequests"].Value }, ct);
    };
}
