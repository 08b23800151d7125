using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Statistics;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Training;

/// <summary>Certificates issued, by topic and by the kind of institution of whoever was trained.</summary>
public sealed class TrainingStatistics(AriadneDbContext db) : IStatisticsSource
{
    public IReadOnlyList<StatSubject> Subjects => [StatSubject.Training];

    public IReadOnlyList<StatTable> Tables =>
    [
        new("training.topic-institution", "Stat_T_Training", StatTopic.TrainingAndResources, StatSubject.Training, StatDimension.InstitutionKind, StatDimension.Category, Greta: "GRETA 6.1"),
    ];

    public async IAsyncEnumerable<StatFact> FactsAsync(StatRecordKeys keys, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var rows = await (from c in db.Set<TrainingCertificate>().AsNoTracking()
                          join i in db.Institutions.AsNoTracking() on c.InstitutionId equals i.Id
                          where c.RevokedAt == null
                          select new { c.Id, c.IssuedOn, c.Topic, c.InstitutionId, i.Kind }).ToListAsync(ct);
        foreach (var c in rows)
            yield return new StatFact
            {
                Subject = StatSubject.Training,
                Month = StatCodes.MonthOf(c.IssuedOn),
                Category = c.Topic?.ToString(),
                InstitutionId = c.InstitutionId,
                InstitutionKind = c.Kind,
                RecordKey = keys.Of("certificate:" + c.Id),
            };
    }
}
