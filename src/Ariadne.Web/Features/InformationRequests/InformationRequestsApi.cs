using System.Security.Claims;
using System.Text.Json;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Crypto;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.InformationRequests;

/// <summary>
/// <c>/api/v1/information-requests</c>: the caller's own requests, and filing one (once per <c>Idempotency-Key</c>). The answer to a
/// filing is the same whether or not the reference names a case: a number and "submitted". Deciding is done on the pages only.
/// </summary>
public static class InformationRequestsApi
{
    public sealed record RequestSummary(Guid Id, string Number, DateTimeOffset SubmittedAt, LegalBasis LegalBasis, IReadOnlyList<DataClass> Classes, int Days,
        RequestStatus Status, bool Lapsed, DateTimeOffset? ExpiresAt);

    public sealed record Received(Guid Id, string Number, RequestStatus Status);

    public static void MapInformationRequestsApi(this RouteGroupBuilder v1)
    {
        var requests = v1.MapGroup("/information-requests").ProducesTokenProblems();
        requests.MapGet("/", ListAsync).RequireAuthorization(InformationRequestsModule.ReadPolicy).WithName("ListInformationRequests")
            .WithSummary("The caller's own requests for information, newest first: status, classes asked, and the expiry of a release. Never whether a holder was asked.");
        requests.MapPost("/", SubmitAsync).RequireAuthorization(InformationRequestsModule.WritePolicy).WithName("SubmitInformationRequest")
            .WithSummary("Files a request for information another institution holds on a case, to the National Coordinator (once per Idempotency-Key). The answer never says whether the case exists or who holds it.")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static List<string> Roles(ClaimsPrincipal user) => user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    private static async Task<Ok<List<RequestSummary>>> ListAsync(ClaimsPrincipal user, InformationRequests requests, CancellationToken ct) =>
        TypedResults.Ok((await requests.MineAsync(Viewer.Of(user), ct))
            .Select(r => new RequestSummary(r.Id, r.Number, r.SubmittedAt, r.LegalBasis, InformationRequests.Split(r.Classes), r.Days, r.Status, r.Lapsed, r.ExpiresAt))
            .ToList());

    private static async Task<Results<Accepted<Received>, ProblemHttpResult>> SubmitAsync(InformationRequests.NewInput input,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ClaimsPrincipal user, InformationRequests requests, BlindIndex index,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (!Idempotency.IsValidKey(idempotencyKey))
            return TypedResults.Problem(title: text["Api_IdempotencyKeyRequired"], statusCode: StatusCodes.Status400BadRequest);
        var request = new IdempotentRequest(idempotencyKey!, index.Fingerprint(nameof(InformationRequest) + JsonSerializer.Serialize(input)), nameof(InformationRequest));
        var (id, errors) = await requests.SubmitAsync(Viewer.Of(user), Roles(user), input, request, ct);
        if (errors is null)
            return TypedResults.Problem(title: text["Status_404"], statusCode: StatusCodes.Status404NotFound);
        if (errors.TryGetValue("", out var refusal))
            return TypedResults.Problem(title: refusal[0], statusCode: StatusCodes.Status422UnprocessableEntity);
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors, text);
        var number = (await requests.MineAsync(Viewer.Of(user), ct)).First(r => r.Id == id).Number;
        return TypedResults.Accepted("/api/v1/information-requests", new Received(id!.Value, number, RequestStatus.Submitted));
    }
}
