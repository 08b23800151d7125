using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Statistics;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Helpline;

/// <summary>The helplines' volumes for the statistics: contacts by channel and by what they were about (each helpline reads its own).</summary>
public sealed class HelplineStatisticsSource(AriadneDbContext db, StatMonths months) : IStatisticsSource
{
    public IReadOnlyList<StatSubject> Subjects => [StatSubject.HelplineContact];

    public IReadOnlyList<StatTable> Tables =>
    [
        new("helpline.channel", "Stat_T_HelplineChannel", StatTopic.Helpline, StatSubject.HelplineContact, StatDimension.Category, StatDimension.None),
        new("helpline.subject-channel", "Stat_T_HelplineSubject", StatTopic.Helpline, StatSubject.HelplineContact, StatDimension.Stage, StatDimension.Category),
    ];

    public async IAsyncEnumerable<StatFact> FactsAsync(StatRecordKeys keys, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var rows = await db.Set<HelplineContact>().AsNoTracking()
            .Select(c => new { c.Id, c.ReceivedAt, c.Channel, c.Category, c.NonData, c.InstitutionId }).ToListAsync(ct);
        foreach (var c in rows)
            yield return new StatFact
            {
                Subject = StatSubject.HelplineContact,
                Month = months.Of(c.ReceivedAt),
                Category = c.Channel.ToString(),
                Stage = c.NonData is not null ? "non-data" : c.Category is { } category && ContactCategories.IsTrafficking(category) ? "trafficking" : c.Category is null ? null : "other",
                InstitutionId = c.InstitutionId,
                InstitutionKind = Platform.Participants.InstitutionKind.Helpline,
                RecordKey = keys.Of("contact:" + c.Id),
            };
    }
}
