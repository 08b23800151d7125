using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Security;
using Ariadne.Web.Platform.Ui;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Cases;

/// <summary>
/// /api/v1/cases: the same predicate and projection as the pages. A case the token's owner cannot see
/// is a 404 problem, exactly like a case that does not exist. Fields outside the owner's data classes
/// are absent from the JSON, not empty.
/// </summary>
public static class CasesApi
{
    public static void MapCasesApi(this RouteGroupBuilder api)
    {
        // The handlers' problems carry their status in the body, not in their type: each endpoint names them.
        var group = api.MapGroup("/cases").ProducesTokenProblems();
        group.MapGet("/", ListAsync).RequireAuthorization(CasesModule.ReadPolicy).WithName("ListCases")
            .ProducesProblem(StatusCodes.Status400BadRequest); // a "before" that is not a number
        group.MapGet("/search", SearchAsync).RequireAuthorization(CasesModule.ReadPolicy).WithName("SearchCases")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group.MapGet("/{id:guid}", GetAsync).RequireAuthorization(CasesModule.ReadPolicy).WithName("GetCase")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", CreateAsync).RequireAuthorization(CasesModule.WritePolicy).WithName("CreateCase")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity); // an Idempotency-Key reused for another body
        group.MapPatch("/{id:guid}", UpdateAsync).RequireAuthorization(CasesModule.WritePolicy).WithName("UpdateCase")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/{id:guid}/age-assessments", ListAgeAssessmentsAsync).RequireAuthorization(CasesModule.ReadPolicy).WithName("ListAgeAssessments")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/age-assessments", AssessAgeAsync).RequireAuthorization(CasesModule.WritePolicy).WithName("AssessAge")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
    }

    private static async Task<Ok<CasePage>> ListAsync(long? before, ClaimsPrincipal user, CaseAccess access, AriadneDbContext db, CancellationToken ct)
    {
        const int size = 50;
        var page = await access.PageAsync(Viewer.Of(user), before, size + 1, ct);
        var ids = page.Take(size).Select(r => r.Id).ToList();
        var items = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new { Summary = new CaseSummary(c.Id, c.Number, c.Status, c.IsMinor, c.CreatedAt), c.Recency }).ToListAsync(ct);
        return TypedResults.Ok(new CasePage(items.OrderByDescending(i => i.Recency).Select(i => i.Summary).ToList(),
            page.Count > size ? page[size - 1].Recency : null));
    }

    private static async Task<Results<Ok<CasePage>, ProblemHttpResult>> SearchAsync(
        string? document, string? phone, ClaimsPrincipal user, CaseService cases, AriadneDbContext db,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(document) && string.IsNullOrWhiteSpace(phone))
            return TypedResults.Problem(title: text["Cases_SearchNeedsValue"], statusCode: StatusCodes.Status400BadRequest);
        var ids = await cases.SearchAsync(Viewer.Of(user), document, phone, ct);
        var items = await db.Cases.AsNoTracking().Where(c => ids.Contains(c.Id)).OrderByDescending(c => c.Recency)
            .Select(c => new CaseSummary(c.Id, c.Number, c.Status, c.IsMinor, c.CreatedAt)).ToListAsync(ct);
        return TypedResults.Ok(new CasePage(items, null));
    }

    private static async Task<Results<Ok<CaseDocument>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal user, CaseService cases, IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        await cases.ReadAsync(Viewer.Of(user), id, CasesAudit.ApiView, ct) is { } view
            ? TypedResults.Ok(Document(view))
            : NotFound(text);

    private static async Task<Results<Created<CaseDocument>, ProblemHttpResult>> CreateAsync(
        CaseInput input, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ClaimsPrincipal user,
        CaseService cases, IStringLocalizer<SharedResource> text, UiTime uiTime, CancellationToken ct)
    {
        if (!CaseService.CreatorRoles.Any(user.IsInRole))
            return TypedResults.Problem(title: text["Api_Forbidden"], statusCode: StatusCodes.Status403Forbidden);
        if (!Idempotency.IsValidKey(idempotencyKey))
            return TypedResults.Problem(title: text["Api_IdempotencyKeyRequired"], statusCode: StatusCodes.Status400BadRequest);
        var errors = input.Validate(text, uiTime.Today);
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors, text);

        var request = new IdempotentRequest(idempotencyKey!, Idempotency.RequestHash(input), nameof(ProtectionCase));
        var (outcome, view) = await cases.CreateOnceAsync(Viewer.Of(user), input, request, ct);
        return outcome switch
        {
            OnceOutcome.KeyConflict => TypedResults.Problem(title: text["Api_IdempotencyKeyReused"], statusCode: StatusCodes.Status422UnprocessableEntity),
            _ when view is null => NotFound(text),
            _ => TypedResults.Created($"/api/v1/cases/{view.Id}", Document(view)),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> UpdateAsync(
        Guid id, CaseInput input, ClaimsPrincipal user, CaseService cases, IStringLocalizer<SharedResource> text,
        UiTime uiTime, CancellationToken ct)
    {
        var errors = input.Validate(text, uiTime.Today);
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors, text);
        return await cases.UpdateAsync(Viewer.Of(user), id, input, ct) switch
        {
            CaseService.UpdateOutcome.Updated => TypedResults.NoContent(),
            CaseService.UpdateOutcome.NotFound => NotFound(text),
            CaseService.UpdateOutcome.ClosureNeedsOutcome => Unprocessable(new Dictionary<string, string[]> { ["closureOutcome"] = [text["Closure_OutcomeRequired"]] }, text),
            CaseService.UpdateOutcome.MinorNeedsAssessment => Unprocessable(new Dictionary<string, string[]> { ["isMinor"] = [text["Age_ClearNeedsAssessment"]] }, text),
            _ => TypedResults.Problem(title: text["Case_NotWritable"], statusCode: StatusCodes.Status403Forbidden),
        };
    }

    private static async Task<Results<Ok<IReadOnlyList<AgeAssessmentService.Row>>, ProblemHttpResult>> ListAgeAssessmentsAsync(
        Guid id, ClaimsPrincipal user, AgeAssessmentService ages, IStringLocalizer<SharedResource> text,
        CancellationToken ct) =>
        await ages.ReadAsync(Viewer.Of(user), id, ct) is { } state ? TypedResults.Ok(state.History) : NotFound(text);

    private static async Task<Results<NoContent, ProblemHttpResult>> AssessAgeAsync(
        Guid id, AgeAssessmentService.Input input, ClaimsPrincipal user, AgeAssessmentService ages,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var errors = await ages.RecordAsync(Viewer.Of(user), id, input, ct);
        if (errors is null)
            return NotFound(text);
        if (errors.TryGetValue(string.Empty, out var general))
            return TypedResults.Problem(title: general[0], statusCode: StatusCodes.Status403Forbidden);
        if (errors.Count > 0)
            return Unprocessable(errors, text);
        return TypedResults.NoContent();
    }

    /// <summary>422 problem details naming each field refused.</summary>
    private static ProblemHttpResult Unprocessable(IDictionary<string, string[]> errors, IStringLocalizer text) =>
        ApiProblems.Invalid(errors, text, status: StatusCodes.Status422UnprocessableEntity);

    private static ProblemHttpResult NotFound(IStringLocalizer text) => TypedResults.Problem(title: text["Status_404"], statusCode: StatusCodes.Status404NotFound);

    private static CaseDocument Document(CaseService.CaseView view) => new(view.Id, view.Number,
        CaseFields.Classes.Where(view.Rights.CanRead).Select(c => c.ToString()).ToList(),
        CaseFields.Classes.Where(view.Rights.CanWrite).Select(c => c.ToString()).ToList(),
        view.Erased, view.Fields);
}
