using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Platform.Statistics;

/// <summary>
/// One unit counted by the statistics, in coarse categories only: no name, no date finer than the month, no identifier of
/// its source (the facts are rebuilt whole, never updated, so they need none). Read only by the statistics engine, which
/// publishes protected aggregates; no page or API serves a fact.
/// </summary>
public sealed class StatFact
{
    [NotPersonal] public long Id { get; set; }
    [NotPersonal] public StatSubject Subject { get; set; }

    /// <summary>The first day of the month the fact falls in (the event that puts it in a period: identification, receipt, admission…).</summary>
    [NotPersonal] public DateOnly Month { get; set; }

    /// <summary>F, M, X (other), or null when unknown.</summary>
    [DataClass(DataClass.Status)] public string? Sex { get; set; }
    /// <summary>One of <see cref="StatCodes.AgeBands"/>, or null when unknown.</summary>
    [DataClass(DataClass.Status)] public string? AgeBand { get; set; }
    /// <summary>ISO 3166-1 alpha-3, or null.</summary>
    [DataClass(DataClass.Status)] public string? Citizenship { get; set; }
    /// <summary>One of <see cref="StatCodes.ExploitationForms"/>, or null.</summary>
    [DataClass(DataClass.Status)] public string? Exploitation { get; set; }
    /// <summary>Country of exploitation, ISO alpha-3, or null.</summary>
    [DataClass(DataClass.Status)] public string? Country { get; set; }
    [NotPersonal] public Participants.Region? Region { get; set; }
    /// <summary>The subject's stage (presumed/identified; acknowledged/decided; file stage; verdict…), a code of the source.</summary>
    [NotPersonal] public string? Stage { get; set; }
    /// <summary>A further category of the source (referral source, helpline channel, offence, service, topic…).</summary>
    [NotPersonal] public string? Category { get; set; }
    /// <summary>A measured quantity: hours to acknowledge, months of a sentence, an amount in AZN…</summary>
    [NotPersonal] public long? Amount { get; set; }
    /// <summary>The institution the fact belongs to (for an institution's own dashboard), when it has one.</summary>
    [NotPersonal] public Guid? InstitutionId { get; set; }
    [NotPersonal] public Participants.InstitutionKind? InstitutionKind { get; set; }

    /// <summary>The cell-key method's record key (32 bits of a keyed HMAC of the unit's stable identity), as a non-negative number.</summary>
    [NotPersonal] public long RecordKey { get; set; }
}
