using System.Security.Claims;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.Caching.Memory;

namespace Ariadne.Web.Platform.Security;

/// <summary>
/// Function-level denials in the audit trail (ASVS 16.3.2): a signed-in user (or an API client) refused a page or an operation
/// by its policy gets an <c>access.denied</c> event (the user, the institution, and as purpose the endpoint's policy names:
/// code, never a value from the request), in its own transaction, before the usual 403 or redirect. Not recorded: a session
/// that still owes a step of signing in (a new password, a second factor), which every page sends to that step by design; and
/// a repeat of the same refusal (user and page) within a minute on this node, so that a loop cannot flood the trail.
/// Refusals of a record (a case outside the user's need to know) are recorded by their module with the record's id (<c>case.denied</c>).
/// </summary>
public sealed class DenialAuditingResultHandler(IMemoryCache recent) : IAuthorizationMiddlewareResultHandler
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly AuthorizationMiddlewareResultHandler inner = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && context.User.UserId() is { } userId && !OwesStep(context.User))
        {
            var endpoint = context.GetEndpoint();
            var page = (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? endpoint?.DisplayName ?? "";
            if (!recent.TryGetValue((userId, page), out _))
            {
                recent.Set((userId, page), true, Window);
                var institution = context.User.InstitutionOf();
                var names = endpoint?.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy ?? a.Roles ?? "default").Distinct().ToList() ?? [];
                var purpose = $"{PlatformAudit.FunctionPurpose}:{(names.Count == 0 ? "fallback" : string.Join('+', names))}";
                var writes = context.RequestServices.GetRequiredService<AuditedWrites>();
                await writes.RunAsync(null, _ => Task.FromResult(new Audited<bool>(true, new AuditRecord(PlatformAudit.AccessDenied, AuditOutcome.Denied,
                    ActorUserId: userId, ActorInstitutionId: institution, Purpose: new AuditPurpose(purpose.Length > 80 ? purpose[..80] : purpose)))),
                    context.RequestAborted);
            }
        }
        await inner.HandleAsync(next, context, policy, authorizeResult);
    }

    /// <summary>A browser session part way through signing in: a new password to choose, or a second factor to give or set up.</summary>
    private static bool OwesStep(ClaimsPrincipal user) =>
        user.HasClaim(c => c.Type == AriadneClaims.MustChangePassword)
        || (user.Identity?.AuthenticationType != ApiTokenHandler.SchemeName && !user.HasSecondFactor());
}
