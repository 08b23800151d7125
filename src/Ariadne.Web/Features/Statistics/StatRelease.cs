using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Statistics;

namespace Ariadne.Web.Features.Statistics;

/// <summary>
/// A statistical release: the protected tables of a period (suppressed and perturbed when drafted, never the true values),
/// approved by someone other than who drafted it, then published. Only published releases leave the statistics office.
/// </summary>
public sealed class StatRelease
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public required string Number { get; set; }
    [NotPersonal] public StatPeriodKind PeriodKind { get; set; }
    [NotPersonal] public int Year { get; set; }
    [NotPersonal] public ReleaseStatus Status { get; set; } = ReleaseStatus.Draft;
    /// <summary>The published tables (JSON list of <see cref="ReleasedTable"/>): protected already.</summary>
    [NotPersonal] public string Tables { get; set; } = "[]";
    /// <summary>Cells hidden: by the threshold, carried from earlier releases, and to cover them.</summary>
    [NotPersonal] public int HiddenCells { get; set; }
    [NotPersonal] public int CarriedCells { get; set; }
    [NotPersonal] public Guid DraftedBy { get; set; }
    [NotPersonal] public DateTimeOffset DraftedAt { get; set; }
    [NotPersonal] public Guid? ApprovedBy { get; set; }
    [NotPersonal] public DateTimeOffset? ApprovedAt { get; set; }
    [NotPersonal] public Guid? PublishedBy { get; set; }
    [NotPersonal] public DateTimeOffset? PublishedAt { get; set; }
    [NotPersonal] public Guid? DiscardedBy { get; set; }
    [NotPersonal] public DateTimeOffset? DiscardedAt { get; set; }
    [NotPersonal] public int Version { get; set; }

    public StatPeriod Period => new(PeriodKind, Year);
}
