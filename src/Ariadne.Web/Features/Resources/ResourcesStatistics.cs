using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Statistics;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Resources;

/// <summary>Resources for the fight: confirmed flows by type and currency (amounts, rounded to tens; donors are organisations, so nothing is suppressed).</summary>
public sealed class ResourcesStatistics(AriadneDbContext db) : IStatisticsSource
{
    public IReadOnlyList<StatSubject> Subjects => [StatSubject.ResourceFlow];

    public IReadOnlyList<StatTable> Tables =>
    [
        new("resources.flows", "Stat_T_Resources", StatTopic.TrainingAndResources, StatSubject.ResourceFlow, StatDimension.Category, StatDimension.Stage, Threshold: 1, Sum: true),
    ];

    public async IAsyncEnumerable<StatFact> FactsAsync(StatRecordKeys keys, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var flows = await db.Set<ResourceFlow>().AsNoTracking().Where(f => f.Status == FlowStatus.Confirmed)
            .Select(f => new { f.Id, f.Type, f.Amount, f.Currency, f.On }).ToListAsync(ct);
        foreach (var f in flows)
            yield return new StatFact
            {
                Subject = StatSubject.ResourceFlow,
                Month = StatCodes.MonthOf(f.On),
                Category = f.Type.ToString(),
                Stage = f.Currency.ToString(),
                Amount = (long)Math.Round(f.Amount, MidpointRounding.AwayFromZero),
                RecordKey = keys.Of("flow:" + f.Id),
            };
    }
}
