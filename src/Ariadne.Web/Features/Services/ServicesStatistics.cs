using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Statistics;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Services;

/// <summary>Services planned and given (goals of service plans, by type and status) and compensation claims by stage.</summary>
public sealed class ServicesStatistics(AriadneDbContext db, StatMonths months) : IStatisticsSource
{
    public IReadOnlyList<StatSubject> Subjects => [StatSubject.Service, StatSubject.Compensation];

    public IReadOnlyList<StatTable> Tables =>
    [
        new("services.type-status", "Stat_T_ServicesType", StatTopic.Shelters, StatSubject.Service, StatDimension.Category, StatDimension.Stage, Greta: "GRETA 3.2"),
        new("compensation.stage", "Stat_T_Compensation", StatTopic.Compensation, StatSubject.Compensation, StatDimension.Stage, StatDimension.None, Greta: "GRETA 5.1", Tip: "TIP compensation"),
    ];

    public async IAsyncEnumerable<StatFact> FactsAsync(StatRecordKeys keys, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var goals = await db.Set<ServiceGoal>().AsNoTracking().Select(g => new { g.Id, g.Type, g.Status, g.CreatedAt }).ToListAsync(ct);
        foreach (var g in goals)
            yield return new StatFact
            {
                Subject = StatSubject.Service,
                Month = months.Of(g.CreatedAt),
                Category = g.Type.ToString(),
                Stage = g.Status.ToString(),
                RecordKey = keys.Of("goal:" + g.Id),
            };
        var claims = await db.Set<CompensationClaim>().AsNoTracking().Select(c => new { c.Id, c.Stage, c.RecordedAt }).ToListAsync(ct);
        foreach (var c in claims)
            yield return new StatFact
            {
                Subject = StatSubject.Compensation,
                Month = months.Of(c.RecordedAt),
                Stage = c.Stage.ToString(),
                RecordKey = keys.Of("claim:" + c.Id),
            };
    }
}
