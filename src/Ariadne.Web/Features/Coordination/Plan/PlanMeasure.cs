using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Coordination;

/// <summary>
/// A measure of the action plan: who is responsible, with which partners, by when, on which budget line, and the indicator
/// that shows progress (baseline, target, and actuals per year: typed by the responsible institution, or computed from
/// the system's own records when <see cref="Computed"/> says so). Its status changes only with evidence, each change a
/// new <see cref="Version"/> kept in <see cref="MeasureStatusChange"/>.
/// </summary>
public sealed class PlanMeasure
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid ObjectiveId { get; set; }
    [NotPersonal] public string Code { get; set; } = "";
    [NotPersonal] public int Order { get; set; }
    [NotPersonal] public string TitleAz { get; set; } = "";
    [NotPersonal] public string TitleRu { get; set; } = "";
    [NotPersonal] public string TitleEn { get; set; } = "";
    /// <summary>The institution that answers for the measure (null until the Coordinator assigns one).</summary>
    [NotPersonal] public Guid? ResponsibleInstitutionId { get; set; }
    [NotPersonal] public DateOnly? Deadline { get; set; }
    [NotPersonal] public string? BudgetLine { get; set; }
    [NotPersonal] public MeasureStatus Status { get; set; }
    /// <summary>1 at import, +1 at every status change: a change sent against an older version is refused.</summary>
    [NotPersonal] public int Version { get; set; } = 1;
    [NotPersonal] public string IndicatorAz { get; set; } = "";
    [NotPersonal] public string IndicatorRu { get; set; } = "";
    [NotPersonal] public string IndicatorEn { get; set; } = "";
    [NotPersonal] public decimal? Baseline { get; set; }
    [NotPersonal] public decimal? Target { get; set; }
    [NotPersonal] public ComputedIndicator Computed { get; set; }
    [NotPersonal] public DateTimeOffset UpdatedAt { get; set; }
}
