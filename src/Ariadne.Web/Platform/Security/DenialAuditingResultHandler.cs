using System.Security.Claims;
using Ariadne.Web.Platform.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Ariadne.Web.Platform.Security;

/// <summary>
/// Function-level denials in the audit trail (ASVS 16.3.2): a signed-in user refused a page or an operation by its policy gets
/// an <c>access.denied</c> event (the user, the institution, and as purpose the endpoint's policy names: code, never a value
/// from the request), in its own transaction, before the usual 403 or redirect. Refusals of a record (a case outside the
/// user's need to know) are recorded by their module with the record's id (<c>case.denied</c>).
/// </summary>
public sealed class DenialAuditingResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler inner = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && context.User.UserId() is { } userId)
        {
            var institution = Guid.TryParse(context.User.FindFirstValue(AriadneClaims.InstitutionId), out var id) ? id : (Guid?)null;
            var names = context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy ?? a.Roles ?? "default").Distinct()
                ?? [];
            var purpose = $"{PlatformAudit.FunctionPurpose}:{string.Join('+', names)}";
            var writes = context.RequestServices.GetRequiredService<AuditedWrites>();
            await writes.RunAsync(null, _ => Task.FromResult(new Audited<bool>(true, new AuditRecord(PlatformAudit.AccessDenied, AuditOutcome.Denied,
                ActorUserId: userId, ActorInstitutionId: institution, Purpose: new AuditPurpose(purpose.Length > 80 ? purpose[..80] : purpose)))),
                context.RequestAborted);
        }
        await inner.HandleAsync(next, context, policy, authorizeResult);
    }
}
