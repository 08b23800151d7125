using System.Security.Claims;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Logging;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Admin;

/// <summary>
/// /api/v1/institutions for the platform administrator's scripts. Creation requires an
/// <c>Idempotency-Key</c>: a retry with the same key and body returns the institution created the
/// first time, never a second one.
/// </summary>
public static class InstitutionsApi
{
    public static void MapInstitutionsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/institutions").ProducesTokenProblems();
        group.MapGet("/", ListAsync).RequireAuthorization(AdminModule.ReadPolicy).WithName("ListInstitutions");
        // The bare 404 goes out as problem details, written by the status-code page.
        group.MapGet("/{id:guid}", GetAsync).RequireAuthorization(AdminModule.ReadPolicy).WithName("GetInstitution")
            .ProducesProblem(StatusCodes.Status404NotFound);
        // The handler's problems carry their status in the body, not in their type.
        group.MapPost("/", CreateAsync).RequireAuthorization(AdminModule.WritePolicy).WithName("CreateInstitution")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity); // an Idempotency-Key reused for another body
    }

    private static async Task<Ok<List<InstitutionDto>>> ListAsync(AriadneDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.Institutions.OrderBy(i => i.Name)
            .Select(i => new InstitutionDto(i.Id, i.Name, i.Code, i.Kind, i.IsActive)).ToListAsync(ct));

    private static async Task<Results<Ok<InstitutionDto>, NotFound>> GetAsync(Guid id, AriadneDbContext db, CancellationToken ct) =>
        await db.Institutions.Where(i => i.Id == id)
            .Select(i => new InstitutionDto(i.Id, i.Name, i.Code, i.Kind, i.IsActive)).FirstOrDefaultAsync(ct) is { } found
            ? TypedResults.Ok(found)
            : TypedResults.NotFound();

    private static async Task<Results<Created<InstitutionDto>, ProblemHttpResult>> CreateAsync(
        InstitutionInput input,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        ClaimsPrincipal user, AriadneDbContext db, IStringLocalizer<SharedResource> text, TimeProvider time, AuditTrail audit,
        ILogger<InstitutionInput> logger, CancellationToken ct)
    {
        if (!Idempotency.IsValidKey(idempotencyKey))
            return TypedResults.Problem(title: text["Api_IdempotencyKeyRequired"], statusCode: StatusCodes.Status400BadRequest);

        var userId = user.UserId()!.Value;
        var requestHash = Idempotency.RequestHash(input);
        if (await ReplayAsync(db, userId, idempotencyKey!, requestHash, text, ct) is { } replay)
            return replay;

        var errors = await input.ValidateAsync(db, text, null, ct);
        if (errors.Count > 0)
            // A concurrent twin of this request may have just created it ("code taken"): answer as it did.
            return await ReplayAsync(db, userId, idempotencyKey!, requestHash, text, ct)
                ?? ApiProblems.Invalid(errors, text);

        var institution = new Institution
        {
            Name = input.Name!,
            Code = input.Code!,
            Kind = input.Kind!.Value,
            IsActive = input.IsActive,
            CreatedAt = time.GetUtcNow(),
        };
        db.Institutions.Add(institution);
        Idempotency.Remember(db, userId, idempotencyKey!, requestHash, nameof(Institution), institution.Id, time.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent retry with the same key won the race (primary key on user + key): answer as it did.
            db.ChangeTracker.Clear();
            if (await ReplayAsync(db, userId, idempotencyKey!, requestHash, text, ct) is { } raced)
                return raced;
            return TypedResults.Problem(title: text["Institution_CodeTaken"], statusCode: StatusCodes.Status409Conflict);
        }
        logger.InstitutionChanged(userId, institution.Id, "created via API");
        await audit.RecordAsync(new AuditRecord(PlatformAudit.InstitutionChanged, ActorUserId: userId, TargetType: "institution", TargetId: institution.Id,
            Purpose: "api.created"), ct);
        return TypedResults.Created($"/api/v1/institutions/{institution.Id}",
            new InstitutionDto(institution.Id, institution.Name, institution.Code, institution.Kind, institution.IsActive));
    }

    private static async Task<Results<Created<InstitutionDto>, ProblemHttpResult>?> ReplayAsync(
        AriadneDbContext db, Guid userId, string key, string requestHash, IStringLocalizer text, CancellationToken ct)
    {
        var (outcome, resourceId) = await Idempotency.LookupAsync(db, userId, key, requestHash, nameof(Institution), ct);
        if (outcome == Idempotency.Outcome.New)
            return null;
        if (outcome == Idempotency.Outcome.Conflict)
            return TypedResults.Problem(title: text["Api_IdempotencyKeyReused"], statusCode: StatusCodes.Status422UnprocessableEntity);
        var existing = await db.Institutions.AsNoTracking().FirstAsync(i => i.Id == resourceId, ct);
        return TypedResults.Created($"/api/v1/institutions/{existing.Id}",
            new InstitutionDto(existing.Id, existing.Name, existing.Code, existing.Kind, existing.IsActive));
    }
}
