using System.Security.Claims;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Statistics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Statistics;

/// <summary>
/// <c>/api/v1/statistics</c>: published releases only — their protected tables, never a draft, a dashboard or a fact. A release
/// that is not published is a 404, whether it exists or not.
/// </summary>
public static class StatisticsApi
{
    public sealed record ReleaseSummary(Guid Id, string Number, StatPeriodKind PeriodKind, int Year, DateOnly From, DateOnly Until, DateTimeOffset PublishedAt, IReadOnlyList<string> Tables);

    public sealed record ReleaseDocument(Guid Id, string Number, StatPeriodKind PeriodKind, int Year, DateOnly From, DateOnly Until, DateTimeOffset PublishedAt,
        IReadOnlyList<ReleasedTable> Tables);

    public static void MapStatisticsApi(this RouteGroupBuilder v1)
    {
        var releases = v1.MapGroup("/statistics/releases").ProducesTokenProblems();
        releases.MapGet("/", ListAsync).RequireAuthorization(StatisticsModule.ReadPolicy).WithName("ListStatisticsReleases")
            .WithSummary("The published statistical releases, newest first, with the codes of their tables.");
        releases.MapGet("/{id:guid}", ReadAsync).RequireAuthorization(StatisticsModule.ReadPolicy).WithName("GetStatisticsRelease")
            .WithSummary("A published release with every table as released: suppressed cells are null, the others perturbed; totals are protected like any cell.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        releases.MapGet("/{id:guid}/tables/{code}", TableAsync).RequireAuthorization(StatisticsModule.ReadPolicy).WithName("GetStatisticsTable")
            .WithSummary("One table of a published release, by its code (e.g. victims.sex-age).")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static List<string> Roles(ClaimsPrincipal user) => user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();

    private static ProblemHttpResult NotFound(IStringLocalizer text) => TypedResults.Problem(title: text["Status_404"], statusCode: StatusCodes.Status404NotFound);

    private static async Task<Ok<List<ReleaseSummary>>> ListAsync(ClaimsPrincipal user, StatisticsReleases releases, CancellationToken ct)
    {
        var list = await releases.ListAsync(Viewer.Of(user), Roles(user), ct);
        return TypedResults.Ok(list.Where(r => r.Status == ReleaseStatus.Published)
            .Select(r => new ReleaseSummary(r.Id, r.Number, r.PeriodKind, r.Year, r.Period.From, r.Period.Until, r.PublishedAt!.Value,
                StatisticsReleases.TablesOf(r).Select(t => t.Code).ToList())).ToList());
    }

    private static async Task<StatisticsReleases.ReleaseView?> PublishedAsync(Guid id, ClaimsPrincipal user, StatisticsReleases releases, CancellationToken ct) =>
        await releases.GetAsync(Viewer.Of(user), Roles(user), id, ct) is { Release.Status: ReleaseStatus.Published } view ? view : null;

    private static async Task<Results<Ok<ReleaseDocument>, ProblemHttpResult>> ReadAsync(Guid id, ClaimsPrincipal user, StatisticsReleases releases,
        IStringLocalizer<SharedResource> text, CancellationToken ct)
    {
        if (await PublishedAsync(id, user, releases, ct) is not { } view)
            return NotFound(text);
        var r = view.Release;
        return TypedResults.Ok(new ReleaseDocument(r.Id, r.Number, r.PeriodKind, r.Year, r.Period.From, r.Period.Until, r.PublishedAt!.Value, view.Tables));
    }

    private static async Task<Results<Ok<ReleasedTable>, ProblemHttpResult>> TableAsync(Guid id, string code, ClaimsPrincipal user, StatisticsReleases releases,
        IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        await PublishedAsync(id, user, releases, ct) is { } view && view.Tables.FirstOrDefault(t => t.Code == code) is { } table
            ? TypedResults.Ok(table) : NotFound(text);
}
