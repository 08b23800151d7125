using System.Security.Claims;
using Ariadne.Web.Platform.Access;
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
        ClaimsPrincipal user, AriadneDbContext db, IStringLocalizer<SharedResource> text, TimeProvider time, AuditedWrites writes,
        ILogger<InstitutionInput> logger, CancellationToken ct)
    {
        if (!Idempotency.IsValidKey(idempotencyKey))
            return TypedResults.Problem(title: text["Api_IdempotencyKeyRequired"], statusCode: StatusCodes.Status400BadRequest);

        var viewer = Viewer.Of(user);
        var request = new IdempotentRequest(idempotencyKey!, Idempotency.RequestHash(input), nameof(Institution));
        // A twin of this request may commit between the key's lookup and the validation ("code taken"):
        // then the second attempt's lookup answers as the twin did.
        for (var attempt = 0; ; attempt++)
        {
            Once<InstitutionDto> once;
            try
            {
                once = await writes.RunOnceAsync(viewer, request, async ct =>
                {
                    var errors = await input.ValidateAsync(db, text, null, ct);
                    if (errors.Count > 0)
                        throw new InvalidInput(errors);
                    var institution = new Institution
                    {
                        Name = input.Name!,
                        Code = input.Code!,
                        Kind = input.Kind!.Value,
                        IsActive = input.IsActive,
                        CreatedAt = time.GetUtcNow(),
                    };
                    db.Institutions.Add(institution);
                    return new Audited<InstitutionDto>(Dto(institution),
                        new AuditRecord(PlatformAudit.InstitutionChanged, ActorUserId: viewer.UserId, TargetType: AuditTarget.Institution, TargetId: institution.Id,
                            Purpose: AdminAudit.ApiCreated), ResourceId: institution.Id);
                }, replay: async (id, ct) => Dto(await db.Institutions.AsNoTracking().FirstAsync(i => i.Id == id, ct)), ct);
            }
            catch (DbUpdateException)
            {
                // A unique code taken by another writer between validation and commit.
                db.ChangeTracker.Clear();
                return TypedResults.Problem(title: text["Institution_CodeTaken"], statusCode: StatusCodes.Status409Conflict);
            }
            catch (InvalidInput invalid)
            {
                db.ChangeTracker.Clear();
                if (attempt == 0)
                    continue;
                return ApiProblems.Invalid(invalid.Errors, text);
            }
            if (once.Outcome == OnceOutcome.KeyConflict)
                return TypedResults.Problem(title: text["Api_IdempotencyKeyReused"], statusCode: StatusCodes.Status422UnprocessableEntity);
            if (once.Outcome == OnceOutcome.Done)
                logger.InstitutionChanged(viewer.UserId, once.Result!.Id, "created via API");
            return TypedResults.Created($"/api/v1/institutions/{once.Result!.Id}", once.Result);
        }
    }

    private static InstitutionDto Dto(Institution i) => new(i.Id, i.Name, i.Code, i.Kind, i.IsActive);

    /// <summary>The body did not validate: nothing is saved and the key is not remembered.</summary>
    private sealed class InvalidInput(Dictionary<string, string[]> errors) : Exception
    {
        public Dictionary<string, string[]> Errors { get; } = errors;
    }
}
