using System.Security.Claims;
using System.Text.Json;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Accommodation;

/// <summary>
/// <c>/api/v1/placements</c>: a shelter's staff list its current stays (the alias, the admission, the bed: never an address)
/// and admit and discharge, once per <c>Idempotency-Key</c>; whoever reads a case's status reads, for that case, when a
/// placement was confirmed and ended — no shelter, no address. The same rules as the accommodation tab (<see cref="PlacementService"/>).
/// </summary>
public static class PlacementsApi
{
    /// <summary>One stay. <c>bedId</c> and <c>alias</c> only for the shelter's own staff.</summary>
    public sealed record PlacementDocument(Guid Id, Guid CaseId, Guid? BedId, string? Alias, DateTimeOffset AdmittedAt, DateTimeOffset? DischargedAt);

    public sealed record AdmissionRequest(Guid? CaseId, Guid? BedId, string? Alias);

    public static void MapPlacementsApi(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("/placements").ProducesTokenProblems();
        group.MapGet("/", ListAsync).RequireAuthorization(AccommodationModule.PlacementsReadPolicy).WithName("ListPlacements")
            .WithSummary("With caseId: the case's stays as its status shows them (confirmed, ended; no shelter, no address). Without: the current stays at the caller's shelters (staff only).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", AdmitAsync).RequireAuthorization(AccommodationModule.PlacementsWritePolicy).WithName("AdmitToShelter")
            .WithSummary("Admits the person of a case whose onward referral the caller's shelter accepted into one of its beds, once per Idempotency-Key.")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{id:guid}/discharge", DischargeAsync).RequireAuthorization(AccommodationModule.PlacementsWritePolicy).WithName("DischargeFromShelter")
            .WithSummary("Ends a stay at the caller's shelter with the mandatory discharge record, once per Idempotency-Key.")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static List<string> Roles(ClaimsPrincipal user) => user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    private static async Task<Results<Ok<List<PlacementDocument>>, ProblemHttpResult>> ListAsync(
        Guid? caseId, ClaimsPrincipal user, PlacementService placements, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var viewer = Viewer.Of(user);
        if (caseId is { } id)
        {
            if (await placements.ReadAsync(viewer, Roles(user), id, ct) is not { } state)
                return NotFound(text);
            return TypedResults.Ok(state.Stays.Select(s => new PlacementDocument(s.Id, id, null, s.Ours ? s.Alias : null, s.AdmittedAt, s.DischargedAt)).ToList());
        }
        if (await placements.ResidentsAsync(viewer, Roles(user), ct) is not { } residents)
            return TypedResults.Problem(title: text["Api_Forbidden"], statusCode: StatusCodes.Status403Forbidden);
        return TypedResults.Ok(residents.Select(r => new PlacementDocument(r.PlacementId, r.CaseId, r.BedId, r.Alias, r.AdmittedAt, null)).ToList());
    }

    private static async Task<Results<Created<PlacementDocument>, ProblemHttpResult>> AdmitAsync(
        AdmissionRequest input, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ClaimsPrincipal user,
        PlacementService placements, BlindIndex index, AriadneDbContext db, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (!Idempotency.IsValidKey(idempotencyKey))
            return TypedResults.Problem(title: text["Api_IdempotencyKeyRequired"], statusCode: StatusCodes.Status400BadRequest);
        if (input.CaseId is not { } caseId)
            return ApiProblems.Invalid(new Dictionary<string, string[]> { [nameof(AdmissionRequest.CaseId)] = [text["Placements_CaseIdRequired"]] }, text);
        // The alias is personal: the body is fingerprinted with a keyed hash.
        var request = new IdempotentRequest(idempotencyKey!, index.Fingerprint(JsonSerializer.Serialize(input)), nameof(Placement));
        var (errors, outcome, placementId) = await placements.AdmitOnceAsync(Viewer.Of(user), Roles(user), caseId, input.BedId, input.Alias, request, ct);
        if (errors is null)
            return NotFound(text);
        if (errors.TryGetValue(string.Empty, out var refusal))
            return TypedResults.Problem(title: refusal[0], statusCode: StatusCodes.Status403Forbidden);
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors, text);
        if (outcome == OnceOutcome.KeyConflict)
            return TypedResults.Problem(title: text["Api_IdempotencyKeyReused"], statusCode: StatusCodes.Status422UnprocessableEntity);
        var p = await db.Placements.AsNoTracking().FirstOrDefaultAsync(x => x.Id == placementId, ct);
        if (p is null)
            return NotFound(text);
        return TypedResults.Created($"/api/v1/placements/{p.Id}", new PlacementDocument(p.Id, p.CaseId, p.BedId, input.Alias?.Trim() is { Length: > 0 } a ? a : null, p.AdmittedAt, p.DischargedAt));
    }

    private static async Task<Results<Ok<PlacementDocument>, ProblemHttpResult>> DischargeAsync(
        Guid id, PlacementService.DischargeInput input, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ClaimsPrincipal user,
        PlacementService placements, BlindIndex index, AriadneDbContext db, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (!Idempotency.IsValidKey(idempotencyKey))
            return TypedResults.Problem(title: text["Api_IdempotencyKeyRequired"], statusCode: StatusCodes.Status400BadRequest);
        // The stay names its case; whether the caller may see that case is the service's one predicate (404 otherwise, like a stay that does not exist).
        if (await db.Placements.AsNoTracking().Where(p => p.Id == id).Select(p => (Guid?)p.CaseId).FirstOrDefaultAsync(ct) is not { } caseId)
            return NotFound(text);
        var request = new IdempotentRequest(idempotencyKey!, index.Fingerprint(JsonSerializer.Serialize(new { id, input })), "PlacementDischarge");
        var (errors, outcome, placementId) = await placements.DischargeOnceAsync(Viewer.Of(user), Roles(user), caseId, input, request, id, ct);
        if (errors is null)
            return NotFound(text);
        if (errors.TryGetValue(string.Empty, out var refusal))
            return TypedResults.Problem(title: refusal[0], statusCode: refusal[0] == text["Placement_StayEnded"] ? StatusCodes.Status409Conflict : StatusCodes.Status403Forbidden);
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors, text);
        if (outcome == OnceOutcome.KeyConflict)
            return TypedResults.Problem(title: text["Api_IdempotencyKeyReused"], statusCode: StatusCodes.Status422UnprocessableEntity);
        var p = await db.Placements.AsNoTracking().FirstAsync(x => x.Id == (placementId ?? id), ct);
        return TypedResults.Ok(new PlacementDocument(p.Id, p.CaseId, p.BedId, null, p.AdmittedAt, p.DischargedAt));
    }

    private static ProblemHttpResult NotFound(IStringLocalizer text) => TypedResults.Problem(title: text["Status_404"], statusCode: StatusCodes.Status404NotFound);
}
