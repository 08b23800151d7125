using Ariadne.Web.Platform.Audit;

namespace Ariadne.Web.Features.Observation;

/// <summary>The observation module's audit vocabulary: every report, routing, response, extension, closure, notice and refusal.</summary>
public static class ObservationAudit
{
    public static readonly AuditAction Reported = new("observation.reported");
    public static readonly AuditAction Routed = new("observation.routed");
    public static readonly AuditAction Responded = new("observation.responded");
    public static readonly AuditAction DeadlineExtended = new("observation.deadline-extended");
    public static readonly AuditAction Closed = new("observation.closed");
    public static readonly AuditAction OverdueNotified = new("observation.overdue-notified");
    public static readonly AuditAction Exported = new("observation.exported");
    public static readonly AuditAction Denied = new("observation.denied");

    public static IReadOnlyList<AuditAction> All { get; } = [Reported, Routed, Responded, DeadlineExtended, Closed, OverdueNotified, Exported, Denied];

    public static readonly AuditTarget ProblemTarget = new("problem");

    /// <summary>Notification kinds (the notice's text is Notification_&lt;kind&gt;).</summary>
    public const string RoutedNotice = "problem-routed";
    public const string RespondedNotice = "problem-responded";
    public const string OverdueNotice = "problem-overdue";
}
