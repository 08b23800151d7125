using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Platform.Api;

/// <summary>
/// The API answers with problem details only: never an HTML page, never a redirect to sign-in.
/// <list type="bullet">
/// <item>A path under <c>/api</c> that no route matches (an unknown path, an id that is not a GUID) is a
/// 404 problem, and a known path with the wrong method a 405 problem, before authentication could
/// challenge with the cookie scheme's redirect.</item>
/// <item>A body the route handler cannot read (malformed JSON, a value of the wrong type, an enum given
/// as a number, a wrong content type) is a 400 or 415 problem; when the JSON reader knows where it
/// failed, <c>errors</c> is keyed by that JSON field.</item>
/// </list>
/// </summary>
public static class ApiProblems
{
    public static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    /// <summary>After routing: /api requests that found no endpoint of their own are answered here.</summary>
    public static IApplicationBuilder UseApiProblems(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!IsApi(context))
            {
                await next();
                return;
            }
            var endpoint = context.GetEndpoint();
            if (endpoint is null)
            {
                await WriteAsync(context, StatusCodes.Status404NotFound);
                return;
            }
            // Routing's own "405 Method Not Allowed" endpoint states no policy; everything the API maps does.
            if (endpoint.Metadata.GetMetadata<IAuthorizeData>() is null && endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null)
            {
                if (endpoint.RequestDelegate is { } sets405)
                    await sets405(context); // sets the status and the Allow header
                await WriteAsync(context, context.Response.StatusCode is >= 400 and < 500 ? context.Response.StatusCode : StatusCodes.Status404NotFound);
                return;
            }
            await next();
        });

    public static Task WriteAsync(HttpContext context, int status, IDictionary<string, string[]>? errors = null)
    {
        var text = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var title = text[status switch
        {
            StatusCodes.Status404NotFound => "Status_404",
            StatusCodes.Status405MethodNotAllowed => "Status_405",
            StatusCodes.Status413PayloadTooLarge => "Status_413",
            StatusCodes.Status415UnsupportedMediaType => "Status_415",
            _ => "Status_400",
        }].Value;
        context.Response.Headers.Location = default;
        var result = errors is { Count: > 0 }
            ? Results.ValidationProblem(errors, title: title, statusCode: status)
            : Results.Problem(title: title, statusCode: status);
        return result.ExecuteAsync(context);
    }

    /// <summary>
    /// A 400 (or the given status) validation problem whose <c>errors</c> are keyed by the JSON field, as binding
    /// errors are: the validators' property names (<c>DateOfBirth</c>, <c>Input.GivenName</c>) become the
    /// body's camel-case path, under <paramref name="prefix"/> where the input sits inside the body
    /// (<c>referral.dateOfBirth</c>); a key naming a top-level member of the body keeps no prefix.
    /// </summary>
    public static ProblemHttpResult Invalid(IDictionary<string, string[]> errors, IStringLocalizer text, string? prefix = null,
        IReadOnlySet<string>? topLevel = null, int status = StatusCodes.Status400BadRequest) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors.ToDictionary(
            e => JsonField(e.Key, topLevel?.Contains(e.Key) == true ? null : prefix), e => e.Value, StringComparer.Ordinal))
        {
            Title = text["Validation_Summary"],
            Status = status,
        });

    private static string JsonField(string key, string? prefix)
    {
        var path = string.Join('.', key.Split('.', StringSplitOptions.RemoveEmptyEntries).Select(JsonNamingPolicy.CamelCase.ConvertName));
        return prefix is null || path.Length == 0 ? path : prefix + "." + path;
    }

    /// <summary>The JSON field a reader error points at (<c>$.referral.urgency</c> → <c>referral.urgency</c>), or null for the whole body.</summary>
    public static string? FieldOf(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is JsonException { Path: { } path })
            {
                var field = path.TrimStart('$').TrimStart('.');
                return field.Length == 0 ? null : field;
            }
        return null;
    }

    /// <summary>Unreadable requests to the API become problem details; the exception is the client's, not logged as an error.</summary>
    public sealed class BadRequestHandler(IStringLocalizer<SharedResource> text) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            // The middleware has already pointed the request at the error page: the original path is in the feature.
            var path = httpContext.Features.Get<IExceptionHandlerFeature>()?.Path ?? httpContext.Request.Path;
            if (!path.StartsWith("/api", StringComparison.OrdinalIgnoreCase) || exception is not BadHttpRequestException bad || httpContext.Response.HasStarted)
                return false;
            var field = FieldOf(bad);
            var errors = field is null ? null : new Dictionary<string, string[]> { [field] = [text["Validation_ValueInvalid"]] };
            httpContext.Response.Clear();
            httpContext.Response.StatusCode = bad.StatusCode;
            await WriteAsync(httpContext, bad.StatusCode, errors);
            return true;
        }
    }
}
