using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Statistics;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Investigation;

/// <summary>
/// Law-enforcement figures (the data points GRETA and the TIP report ask for): criminal files by stage and offence, suspects
/// by outcome and sex, sentences by length, and victims not punished for offences they were compelled to commit.
/// </summary>
public sealed class InvestigationStatistics(AriadneDbContext db, StatMonths months) : IStatisticsSource
{
    public IReadOnlyList<StatSubject> Subjects => [StatSubject.CriminalFile, StatSubject.Suspect, StatSubject.NonPunishment];

    public IReadOnlyList<StatTable> Tables =>
    [
        new("justice.files-stage", "Stat_T_FilesStage", StatTopic.Justice, StatSubject.CriminalFile, StatDimension.Stage, StatDimension.None, Greta: "GRETA 4.1", Tip: "TIP investigations"),
        new("justice.files-offence", "Stat_T_FilesOffence", StatTopic.Justice, StatSubject.CriminalFile, StatDimension.Category, StatDimension.None, Greta: "GRETA 4.1"),
        new("justice.suspects-outcome", "Stat_T_SuspectsOutcome", StatTopic.Justice, StatSubject.Suspect, StatDimension.Stage, StatDimension.Sex, Greta: "GRETA 4.2", Tip: "TIP prosecutions and convictions"),
        new("justice.sentences", "Stat_T_Sentences", StatTopic.Justice, StatSubject.Suspect, StatDimension.Category, StatDimension.None, Stages: [nameof(SuspectOutcome.Convicted)], Greta: "GRETA 4.3", Tip: "TIP sentences"),
        new("justice.non-punishment", "Stat_T_NonPunishment", StatTopic.Justice, StatSubject.NonPunishment, StatDimension.Stage, StatDimension.None, Greta: "GRETA 4.4"),
    ];

    /// <summary>Sentence lengths in bands (months of deprivation of liberty).</summary>
    public static string? SentenceBand(int? months) => months switch
    {
        null => null,
        < 12 => "sentence-under-1y",
        < 36 => "sentence-1-3y",
        < 60 => "sentence-3-5y",
        < 120 => "sentence-5-10y",
        _ => "sentence-10y-plus",
    };

    public async IAsyncEnumerable<StatFact> FactsAsync(StatRecordKeys keys, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var files = await db.Set<CriminalFile>().AsNoTracking().Select(f => new { f.Id, f.OpenedAt, f.Stage, f.OwnerInstitutionId }).ToListAsync(ct);
        var offences = (await db.Set<FileOffence>().AsNoTracking().Select(o => new { o.FileId, o.Code }).ToListAsync(ct))
            .GroupBy(o => o.FileId).ToDictionary(g => g.Key, g => g.Select(o => o.Code).Order(StringComparer.Ordinal).First());
        var opened = files.ToDictionary(f => f.Id, f => f.OpenedAt);
        var owner = files.ToDictionary(f => f.Id, f => f.OwnerInstitutionId);
        foreach (var f in files)
            yield return new StatFact
            {
                Subject = StatSubject.CriminalFile,
                Month = months.Of(f.OpenedAt),
                Stage = f.Stage.ToString(),
                Category = offences.GetValueOrDefault(f.Id),
                InstitutionId = f.OwnerInstitutionId,
                InstitutionKind = Platform.Participants.InstitutionKind.AntiTraffickingSquad,
                RecordKey = keys.Of("file:" + f.Id),
            };
        var suspects = await db.Set<FileParty>().AsNoTracking().Where(p => p.Role == PartyRole.Suspect)
            .Select(p => new { p.Id, p.FileId, p.Sex, p.Citizenship, p.Outcome, p.SentenceMonths }).ToListAsync(ct);
        foreach (var p in suspects.Where(p => opened.ContainsKey(p.FileId)))
            yield return new StatFact
            {
                Subject = StatSubject.Suspect,
                Month = months.Of(opened[p.FileId]),
                Stage = (p.Outcome ?? SuspectOutcome.UnderInvestigation).ToString(),
                Sex = p.Sex switch { PartySex.Female => StatCodes.Female, PartySex.Male => StatCodes.Male, _ => null },
                Citizenship = p.Citizenship is { Length: 3 } c ? c.ToUpperInvariant() : null,
                Category = p.Outcome == SuspectOutcome.Convicted ? SentenceBand(p.SentenceMonths) : null,
                Amount = p.SentenceMonths,
                InstitutionId = owner[p.FileId],
                RecordKey = keys.Of("party:" + p.Id),
            };
        var spared = await db.Set<NonPunishmentRecord>().AsNoTracking().Select(n => new { n.Id, n.FileId, n.Decision, n.DecidedOn, n.RecordedAt }).ToListAsync(ct);
        foreach (var n in spared.Where(n => owner.ContainsKey(n.FileId)))
            yield return new StatFact
            {
                Subject = StatSubject.NonPunishment,
                Month = n.DecidedOn is { } on ? StatCodes.MonthOf(on) : months.Of(n.RecordedAt),
                Stage = n.Decision.ToString(),
                InstitutionId = owner[n.FileId],
                RecordKey = keys.Of("non-punishment:" + n.Id),
            };
    }
}
