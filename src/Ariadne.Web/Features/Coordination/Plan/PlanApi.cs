using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Coordination;

/// <summary>
/// <c>/api/v1/plan/measures</c>: the action plan's measures with the same rules as the pages (<see cref="ActionPlans"/>). The
/// Coordinator's office sees every measure; any other institution the measures it answers for or partners in. A measure the
/// caller may not see is a 404, whether it exists or not.
/// </summary>
public static class PlanApi
{
    public sealed record MeasureSummary(Guid Id, string Code, string Title, string? Responsible, DateOnly? Deadline, MeasureStatus Status, bool Overdue,
        bool Mine, string Indicator, decimal? Target);

    public sealed record ActualDocument(int Year, decimal? Value, bool Computed, bool Suppressed, string? Note);

    public sealed record ChangeDocument(int Version, MeasureStatus From, MeasureStatus To, DateOnly On, string Evidence, string? Reference, string By,
        string Institution, DateTimeOffset RecordedAt);

    public sealed record RecommendationDocument(Guid Id, RecommendationBody Body, string Reference, int Year, string Text, int Measures, int Completed, int Percent);

    public sealed record MeasureDocument(Guid Id, string Code, string Title, string ObjectiveCode, string ObjectiveTitle, Guid? ResponsibleInstitutionId,
        string? Responsible, IReadOnlyList<Guid> Partners, DateOnly? Deadline, string? BudgetLine, MeasureStatus Status, int Version, bool Overdue,
        string Indicator, decimal? Baseline, decimal? Target, ComputedIndicator Computed, IReadOnlyList<ActualDocument> Actuals,
        IReadOnlyList<ChangeDocument> Timeline, IReadOnlyList<RecommendationDocument> Recommendations, DateTimeOffset UpdatedAt);

    public static void MapPlanApi(this RouteGroupBuilder v1)
    {
        var measures = v1.MapGroup("/plan/measures").ProducesTokenProblems();
        measures.MapGet("/", ListAsync).RequireAuthorization(CoordinationModule.PlanReadPolicy).WithName("ListPlanMeasures")
            .WithSummary("The action plan's measures the caller may see (the Coordinator's office: all; any other institution: those it answers for or partners in), optionally by status or only its own.")
            .ProducesProblem(StatusCodes.Status400BadRequest); // a status that is not one
        measures.MapGet("/{id:guid}", ReadAsync).RequireAuthorization(CoordinationModule.PlanReadPolicy).WithName("GetPlanMeasure")
            .WithSummary("One measure with its indicator (typed or computed actuals per year; a computed count of one or two is suppressed), its status timeline and the recommendations it answers.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        measures.MapPost("/{id:guid}/status", ChangeStatusAsync).RequireAuthorization(CoordinationModule.PlanWritePolicy).WithName("ChangePlanMeasureStatus")
            .WithSummary("A status change with its evidence, against the version read (a change made meanwhile, or the same request sent again, is a 409 and changes nothing). The Coordinator, or a lead of the responsible institution.")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        measures.MapPut("/{id:guid}/actuals", RecordActualAsync).RequireAuthorization(CoordinationModule.PlanWritePolicy).WithName("RecordPlanActual")
            .WithSummary("The actual of the measure's indicator for a year (replacing that year's figure; the same request again changes nothing). Refused for an indicator the system computes.")
            .ProducesBodyProblems()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static List<string> Roles(ClaimsPrincipal user) => user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    private static ProblemHttpResult NotFound(IStringLocalizer text) => TypedResults.Problem(title: text["Status_404"], statusCode: StatusCodes.Status404NotFound);

    private static async Task<Ok<List<MeasureSummary>>> ListAsync(ClaimsPrincipal user, ActionPlans plans, MeasureStatus? status, bool? mine, CancellationToken ct)
    {
        var view = await plans.ListAsync(Viewer.Of(user), Roles(user), status, mine ?? false, false, ct);
        return TypedResults.Ok(view.Objectives.SelectMany(o => o.Measures)
            .Select(m => new MeasureSummary(m.Id, m.Code, m.Title, m.Responsible, m.Deadline, m.Status, m.Overdue, m.Mine, m.Indicator, m.Target)).ToList());
    }

    private static async Task<Results<Ok<MeasureDocument>, ProblemHttpResult>> ReadAsync(Guid id, ClaimsPrincipal user, ActionPlans plans,
        IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        await plans.ReadAsync(Viewer.Of(user), Roles(user), id, ct) is { } v ? TypedResults.Ok(Document(v)) : NotFound(text);

    private static async Task<Results<Ok<MeasureDocument>, ProblemHttpResult>> ChangeStatusAsync(Guid id, ActionPlans.StatusInput input, ClaimsPrincipal user,
        ActionPlans plans, IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        await WriteAsync(id, plans.ChangeStatusAsync(Viewer.Of(user), Roles(user), id, input, ct), user, plans, text, ct);

    private static async Task<Results<Ok<MeasureDocument>, ProblemHttpResult>> RecordActualAsync(Guid id, ActionPlans.ActualInput input, ClaimsPrincipal user,
        ActionPlans plans, IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        await WriteAsync(id, plans.RecordActualAsync(Viewer.Of(user), Roles(user), id, input, ct), user, plans, text, ct);

    private static async Task<Results<Ok<MeasureDocument>, ProblemHttpResult>> WriteAsync(Guid id, Task<Dictionary<string, string[]>?> write, ClaimsPrincipal user,
        ActionPlans plans, IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        var errors = await write;
        if (errors is null)
            return NotFound(text);
        if (errors.TryGetValue("", out var refusal))
            return TypedResults.Problem(title: refusal[0], statusCode: StatusCodes.Status409Conflict);
        if (errors.Count > 0)
            return ApiProblems.Invalid(errors, text);
        return await plans.ReadAsync(Viewer.Of(user), Roles(user), id, ct) is { } v ? TypedResults.Ok(Document(v)) : NotFound(text);
    }

    private static MeasureDocument Document(ActionPlans.MeasureView v) =>
        new(v.Id, v.Code, v.Title, v.ObjectiveCode, v.ObjectiveTitle, v.ResponsibleInstitutionId, v.Responsible, [.. v.Partners.Select(p => p.Id)], v.Deadline,
            v.BudgetLine, v.Status, v.Version, v.Overdue, v.Indicator, v.Baseline, v.Target, v.Computed,
            [.. v.Actuals.Select(a => new ActualDocument(a.Year, a.Value, a.Computed, a.Suppressed, a.Note))],
            [.. v.Timeline.Select(c => new ChangeDocument(c.Version, c.From, c.To, c.On, c.Evidence, c.Reference, c.By, c.Institution, c.RecordedAt))],
            [.. v.Recommendations.Select(r => new RecommendationDocument(r.Id, r.Body, r.Reference, r.Year, r.Text, r.Measures, r.Completed, r.Percent))], v.UpdatedAt);
}
