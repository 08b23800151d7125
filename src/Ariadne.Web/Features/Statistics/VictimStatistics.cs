using System.Globalization;
using System.Security.Cryptography;
using Ariadne.Linkage;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Features.Identification;
using Ariadne.Web.Features.Referrals;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Statistics;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Statistics;

/// <summary>
/// Victims and referrals. A victim fact is one person, however many institutions know them: a case and the referrals that
/// became it are one person by record; the rest (cases at different institutions, referrals no case took up) are linked by
/// the privacy-preserving linkage — keyed Bloom-filter encodings compared by Dice similarity, as the national count does —
/// never by adding registers together. The person's fact takes the case's facts over a referral's, and the earliest month.
/// </summary>
public sealed class VictimStatistics(AriadneDbContext db, DataKeys dataKeys, KeyRing keyRing, PersonVault vault, Microsoft.Extensions.Options.IOptions<Platform.Ui.UiOptions> ui) : IStatisticsSource
{
    public const string Presumed = "presumed";
    public const string Identified = "identified";
    public const string NotVictim = "not-victim";
    public const string Referred = "referred";
    public const string Direct = "direct";

    public IReadOnlyList<StatSubject> Subjects => [StatSubject.Victim, StatSubject.Referral];

    public IReadOnlyList<StatTable> Tables =>
    [
        new("victims.stage-sex", "Stat_T_VictimsStageSex", StatTopic.Victims, StatSubject.Victim, StatDimension.Stage, StatDimension.Sex, Greta: "GRETA 1", Tip: "TIP victims identified"),
        new("victims.sex-age", "Stat_T_VictimsSexAge", StatTopic.Victims, StatSubject.Victim, StatDimension.AgeBand, StatDimension.Sex, Stages: [Identified], Greta: "GRETA 1.1"),
        new("victims.exploitation-sex", "Stat_T_VictimsExploitationSex", StatTopic.Victims, StatSubject.Victim, StatDimension.Exploitation, StatDimension.Sex, Stages: [Identified], Greta: "GRETA 1.2", Tip: "TIP victims by form"),
        new("victims.citizenship-sex", "Stat_T_VictimsCitizenshipSex", StatTopic.Victims, StatSubject.Victim, StatDimension.Citizenship, StatDimension.Sex, Stages: [Identified], Greta: "GRETA 1.3", Tip: "TIP foreign victims"),
        new("victims.country-exploitation", "Stat_T_VictimsCountry", StatTopic.Victims, StatSubject.Victim, StatDimension.Country, StatDimension.Exploitation, Stages: [Identified], Greta: "GRETA 1.4"),
        new("victims.referred-stage", "Stat_T_VictimsReferredStage", StatTopic.Victims, StatSubject.Victim, StatDimension.Category, StatDimension.Stage),
        new("referrals.source-ack", "Stat_T_ReferralsSourceAck", StatTopic.Referrals, StatSubject.Referral, StatDimension.InstitutionKind, StatDimension.Category),
        new("referrals.source-decision", "Stat_T_ReferralsSourceDecision", StatTopic.Referrals, StatSubject.Referral, StatDimension.InstitutionKind, StatDimension.Stage),
    ];

    /// <summary>Acknowledgement bands (hours from receipt).</summary>
    public static string AcknowledgeBand(DateTimeOffset received, DateTimeOffset? acknowledged) => acknowledged is not { } at ? "ack-pending"
        : (at - received).TotalHours switch { <= 1 => "ack-1h", <= 4 => "ack-4h", <= 24 => "ack-24h", _ => "ack-later" };

    /// <summary>Decision bands (days from receipt to a case opened or not taken forward).</summary>
    public static string DecisionBand(DateTimeOffset received, DateTimeOffset? decided) => decided is not { } at ? "decision-pending"
        : (at - received).TotalDays switch { <= 1 => "decision-1d", <= 7 => "decision-7d", <= 30 => "decision-30d", _ => "decision-later" };

    public static string? SexCode(string? sex) => sex switch { "female" => StatCodes.Female, "male" => StatCodes.Male, "other" => StatCodes.OtherSex, _ => null };

    /// <summary>Age in whole years on a day, from a date of birth as recorded (a full date, or a year only).</summary>
    public static int? AgeOn(string? dateOfBirth, DateOnly on)
    {
        if (string.IsNullOrWhiteSpace(dateOfBirth))
            return null;
        if (DateOnly.TryParseExact(dateOfBirth.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var born))
            return on.Year - born.Year - (on < born.AddYears(on.Year - born.Year) ? 1 : 0);
        return dateOfBirth.Length >= 4 && int.TryParse(dateOfBirth.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? on.Year - year : null;
    }

    private sealed record Unit(string Identity, Ariadne.Linkage.PersonRecord? Person, StatFact Fact, bool FromCase);

    public async IAsyncEnumerable<StatFact> FactsAsync(StatRecordKeys keys, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var kinds = await db.Institutions.AsNoTracking().ToDictionaryAsync(i => i.Id, i => i.Kind, ct);
        // Months are the deployment's (Baku's): a referral at 23:30 on 31 January in Baku is January's.
        var zone = Platform.Ui.UiTime.Resolve(ui.Value.TimeZone);
        DateOnly Day(DateTimeOffset at) => Platform.Ui.UiTime.DayIn(zone, at);

        // Referrals: each its own fact (source, time to acknowledge, time to a decision); their content for the people.
        var referrals = await db.Referrals.AsNoTracking()
            .Select(r => new { r.Id, r.ReferringInstitutionId, r.ReceivedAt, r.AcknowledgedAt, r.ClosedAt, r.Status, r.CaseId, r.Anonymous, r.DataKeyId, r.ContentEnc })
            .ToListAsync(ct);
        var referralKeys = await dataKeys.UnwrapManyAsync(referrals.Select(r => r.DataKeyId), ct);
        var contentOf = new Dictionary<Guid, ReferralContent>();
        foreach (var r in referrals)
        {
            var decided = r.Status is ReferralStatus.CaseOpened or ReferralStatus.NotTakenForward ? r.ClosedAt ?? r.AcknowledgedAt : null;
            yield return new StatFact
            {
                Subject = StatSubject.Referral,
                Month = StatCodes.MonthOf(Day(r.ReceivedAt)),
                Category = AcknowledgeBand(r.ReceivedAt, r.AcknowledgedAt),
                Stage = DecisionBand(r.ReceivedAt, decided),
                Amount = r.AcknowledgedAt is { } a ? (long)Math.Ceiling((a - r.ReceivedAt).TotalHours) : null,
                InstitutionId = r.ReferringInstitutionId,
                InstitutionKind = kinds.GetValueOrDefault(r.ReferringInstitutionId),
                RecordKey = keys.Of("referral:" + r.Id),
            };
            if (referralKeys.TryGetValue(r.DataKeyId, out var key) && r.ContentEnc is not null)
                contentOf[r.Id] = ReferralVault.OpenContent(db, r.Id, r.ContentEnc, r.DataKeyId, key);
        }

        // People: one unit per case, and one per referral that no case took up (and that names someone).
        // The day a person was first identified (the earliest decision that they are a victim).
        var identifiedOn = (await db.Set<IdentificationDecision>().AsNoTracking().Where(d => d.Status == TraffickingStatus.Actual)
                .Select(d => new { d.CaseId, d.DecidedOn }).ToListAsync(ct))
            .GroupBy(d => d.CaseId).ToDictionary(g => g.Key, g => g.Min(d => d.DecidedOn));
        var cases = await db.Cases.AsNoTracking().Where(c => c.Person!.ErasedAt == null)
            .Select(c => new { c.Id, c.ResponsibleInstitutionId, c.CreatedAt, c.TraffickingStatus, Person = c.Person! }).ToListAsync(ct);
        var personKeys = await dataKeys.UnwrapManyAsync(cases.Select(c => c.Person.DataKeyId), ct);
        var units = new List<Unit>();
        var referralsOfCase = referrals.Where(r => r.CaseId is not null).GroupBy(r => r.CaseId!.Value).ToDictionary(g => g.Key, g => g.Select(r => r.Id).ToList());
        foreach (var c in cases)
        {
            if (!personKeys.TryGetValue(c.Person.DataKeyId, out var key))
                continue;
            var person = vault.Open(c.Person, key);
            var stage = c.TraffickingStatus switch { TraffickingStatus.Actual => Identified, TraffickingStatus.NotAVictim => NotVictim, _ => Presumed };
            var on = stage == Identified && identifiedOn.TryGetValue(c.Id, out var day) ? day : Day(c.CreatedAt);
            var itsReferrals = referralsOfCase.GetValueOrDefault(c.Id) ?? [];
            var exploitation = itsReferrals.Select(id => contentOf.GetValueOrDefault(id)).Where(x => x is not null).SelectMany(x => x!.Exploitation).FirstOrDefault();
            units.Add(new Unit("case:" + c.Id, LinkageRecords.From("", person, withPhone: false), new StatFact
            {
                Subject = StatSubject.Victim,
                Month = StatCodes.MonthOf(on),
                Sex = SexCode(person.Sex),
                AgeBand = StatCodes.AgeBandOf(AgeOn(person.DateOfBirth, on)),
                Citizenship = Normalise(person.Citizenship),
                Exploitation = exploitation,
                Stage = stage,
                Category = itsReferrals.Count > 0 ? Referred : Direct,
                InstitutionId = c.ResponsibleInstitutionId,
                InstitutionKind = kinds.GetValueOrDefault(c.ResponsibleInstitutionId),
            }, true));
        }
        foreach (var r in referrals.Where(r => r.CaseId is null && !r.Anonymous && r.Status != ReferralStatus.NotTakenForward))
        {
            if (contentOf.GetValueOrDefault(r.Id) is not { } content || content.GivenName is null && content.FamilyName is null && content.DocumentNumber is null)
                continue;
            var on = Day(r.ReceivedAt);
            units.Add(new Unit("referral:" + r.Id, ReferralLinkage.From("", content), new StatFact
            {
                Subject = StatSubject.Victim,
                Month = StatCodes.MonthOf(on),
                Sex = SexCode(content.Sex),
                AgeBand = StatCodes.AgeBandOf(AgeOn(content.DateOfBirth, on)),
                Citizenship = Normalise(content.Citizenship),
                Exploitation = content.Exploitation.Count > 0 ? content.Exploitation[0] : null,
                Stage = Presumed,
                Category = Referred,
                InstitutionId = r.ReferringInstitutionId,
                InstitutionKind = kinds.GetValueOrDefault(r.ReferringInstitutionId),
            }, false));
        }

        // One fact per person: union of the units whose encodings match.
        var parent = Enumerable.Range(0, units.Count).ToArray();
        int Find(int x)
        {
            while (parent[x] != x)
                x = parent[x] = parent[parent[x]];
            return x;
        }
        var linkageKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, keyRing.BlindIndexKey, 32, info: "ariadne/clk-linkage/v1"u8.ToArray());
        var set = new ClkSet(capacity: units.Count);
        using (var encoder = new ClkEncoder(linkageKey))
            foreach (var u in units)
                set.Add(LinkageCommand.Encode(encoder, u.Person!));
        set.ForEachAbove(set, LinkageCommand.DefaultClkThreshold, (i, j, _) =>
        {
            lock (parent)
            {
                int a = Find(i), b = Find(j);
                if (a != b)
                    parent[Math.Max(a, b)] = Math.Min(a, b);
            }
        });
        foreach (var group in Enumerable.Range(0, units.Count).GroupBy(Find))
        {
            var members = group.Select(i => units[i]).ToList();
            // The case's record over a referral's; an identified stage over a presumed one; the earliest month of the best stage.
            var best = members.OrderByDescending(m => m.Fact.Stage == Identified).ThenByDescending(m => m.FromCase).ThenBy(m => m.Fact.Month).First();
            var fact = best.Fact;
            fact.Sex ??= members.Select(m => m.Fact.Sex).FirstOrDefault(s => s is not null);
            fact.AgeBand ??= members.Select(m => m.Fact.AgeBand).FirstOrDefault(s => s is not null);
            fact.Citizenship ??= members.Select(m => m.Fact.Citizenship).FirstOrDefault(s => s is not null);
            fact.Exploitation ??= members.Select(m => m.Fact.Exploitation).FirstOrDefault(s => s is not null);
            if (members.Any(m => m.Fact.Category == Referred))
                fact.Category = Referred;
            fact.RecordKey = keys.Of(members.Select(m => m.Identity).Order(StringComparer.Ordinal).First());
            yield return fact;
        }
    }

    private static string? Normalise(string? citizenship) =>
        citizenship?.Trim() is { Length: 3 } code && code.All(char.IsAsciiLetter) ? code.ToUpperInvariant() : null;
}
