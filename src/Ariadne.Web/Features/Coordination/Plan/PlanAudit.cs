using Ariadne.Web.Platform.Audit;

namespace Ariadne.Web.Features.Coordination;

/// <summary>The action plan's audit vocabulary: every change to a measure, its evidence and its actuals, and every refusal.</summary>
public static class PlanAudit
{
    public static readonly AuditAction Imported = new("plan.imported");
    public static readonly AuditAction MeasureAdded = new("plan.measure-added");
    public static readonly AuditAction MeasureChanged = new("plan.measure-changed");
    public static readonly AuditAction StatusChanged = new("plan.status-changed");
    public static readonly AuditAction ActualRecorded = new("plan.actual-recorded");
    public static readonly AuditAction RecommendationAdded = new("plan.recommendation-added");
    public static readonly AuditAction RecommendationLinked = new("plan.recommendation-linked");
    public static readonly AuditAction Denied = new("plan.denied");

    public static IReadOnlyList<AuditAction> All { get; } = [Imported, MeasureAdded, MeasureChanged, StatusChanged, ActualRecorded, RecommendationAdded, RecommendationLinked, Denied];

    public static readonly AuditTarget Plan = new("action-plan");
    public static readonly AuditTarget Measure = new("plan-measure");
    public static readonly AuditTarget RecommendationTarget = new("recommendation");
}
