using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Statistics;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Accommodation;

/// <summary>The shelters' figures: admissions by whether the stay has ended and how, and the nights stayed (each shelter reads its own).</summary>
public sealed class AccommodationStatistics(AriadneDbContext db, StatMonths months, TimeProvider time) : IStatisticsSource
{
    public IReadOnlyList<StatSubject> Subjects => [StatSubject.Placement];

    public IReadOnlyList<StatTable> Tables =>
    [
        new("shelters.admissions", "Stat_T_ShelterAdmissions", StatTopic.Shelters, StatSubject.Placement, StatDimension.Stage, StatDimension.None, Greta: "GRETA 3.1"),
        new("shelters.discharges", "Stat_T_ShelterDischarges", StatTopic.Shelters, StatSubject.Placement, StatDimension.Category, StatDimension.None, Stages: ["discharged"]),
        new("shelters.nights", "Stat_T_ShelterNights", StatTopic.Shelters, StatSubject.Placement, StatDimension.Stage, StatDimension.None, Sum: true),
    ];

    public async IAsyncEnumerable<StatFact> FactsAsync(StatRecordKeys keys, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var rows = await (from p in db.Set<Placement>().AsNoTracking()
                          join s in db.Set<Shelter>().AsNoTracking() on p.ShelterId equals s.Id
                          select new { p.Id, p.AdmittedAt, p.DischargedAt, p.Destination, s.InstitutionId }).ToListAsync(ct);
        foreach (var p in rows)
            yield return new StatFact
            {
                Subject = StatSubject.Placement,
                Month = months.Of(p.AdmittedAt),
                Stage = p.DischargedAt is null ? "staying" : "discharged",
                Category = p.DischargedAt is null ? null : p.Destination?.ToString(),
                Amount = (long)Math.Max(0, Math.Floor(((p.DischargedAt ?? now) - p.AdmittedAt).TotalDays)),
                InstitutionId = p.InstitutionId,
                InstitutionKind = Platform.Participants.InstitutionKind.Shelter,
                RecordKey = keys.Of("placement:" + p.Id),
            };
    }
}
