using System.Security.Claims;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Services;

/// <summary>
/// /api/v1/services: a case's services the caller may see (with the sessions of those whose class it reads), and a
/// provider's session, recorded once per <c>Idempotency-Key</c>. The same rules as the case's services tab.
/// </summary>
public static class ServicesApi
{
    public sealed record ServiceDocument(Guid Id, ServiceType Type, ServicePlanService.ServiceState State, string Provider, DateTimeOffset ReferredAt,
        DateTimeOffset? EndedAt, bool CanRecordSessions, IReadOnlyList<SessionDocument>? Sessions);

    public sealed record SessionDocument(Guid Id, Guid ServiceId, DateOnly HeldOn, int Minutes, string Outcome, DateTimeOffset RecordedAt);

    public static void MapServicesApi(this RouteGroupBuilder api)
    {
        // The handlers' problems carry their status in the body, not in their type: each endpoint names them.
        var group = api.MapGroup("/services").ProducesTokenProblems();
        group.MapGet("/", ListAsync).RequireAuthorization(CasesModule.ReadPolicy).WithName("ListServices")
            .ProducesProblem(StatusCodes.Status400BadRequest) // no caseId
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/sessions", RecordSessionAsync).RequireAuthorization(CasesModule.WritePolicy).WithName("RecordServiceSession")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity); // an Idempotency-Key reused for another body
    }

    private static async Task<Results<Ok<List<ServiceDocument>>, ProblemHttpResult>> ListAsync(
        Guid? caseId, ClaimsPrincipal user, ServicePlanService services, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (caseId is not { } id)
            return TypedResults.Problem(title: text["Services_CaseIdRequired"], statusCode: StatusCodes.Status400BadRequest);
        if (await services.ReadAsync(Viewer.Of(user), id, ServicesAudit.ApiView, ct) is not { } state)
            return NotFound(text);
        return TypedResults.Ok(state.Services.Select(s => new ServiceDocument(s.Id, s.Type, s.State, s.Provider, s.ReferredAt, s.EndedAt, s.CanRecord,
            s.SessionsVisible ? s.Sessions.Select(Document).ToList() : null)).ToList());
    }

    private static async Task<Results<Created<SessionDocument>, ProblemHttpResult>> RecordSessionAsync(
        Guid id, ServicePlanService.SessionInput input, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ClaimsPrincipal user,
        ServicePlanService services, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (!Idempotency.IsValidKey(idempotencyKey))
            return TypedResults.Problem(title: text["Api_IdempotencyKeyRequired"], statusCode: StatusCodes.Status400BadRequest);
        var request = new IdempotentRequest(idempotencyKey!, Idempotency.RequestHash(new { id, input }), nameof(ServiceSession));
        var (errors, outcome, session) = await services.RecordSessionOnceAsync(Viewer.Of(user), id, input, request, ct);
        if (errors is null)
            return NotFound(text);
        if (errors.TryGetValue(string.Empty, out var refusal))
            return TypedResults.Problem(title: refusal[0], statusCode: StatusCodes.Status403Forbidden);
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors, text);
        return outcome switch
        {
            OnceOutcome.KeyConflict => TypedResults.Problem(title: text["Api_IdempotencyKeyReused"], statusCode: StatusCodes.Status422UnprocessableEntity),
            _ when session is null => NotFound(text),
            _ => TypedResults.Created($"/api/v1/services/{id}/sessions/{session.Id}", Document(session)),
        };
    }

    private static SessionDocument Document(ServicePlanService.SessionRow s) => new(s.Id, s.ServiceId, s.HeldOn, s.Minutes, s.Outcome, s.RecordedAt);

    private static ProblemHttpResult NotFound(IStringLocalizer text) => TypedResults.Problem(title: text["Status_404"], statusCode: StatusCodes.Status404NotFound);
}
