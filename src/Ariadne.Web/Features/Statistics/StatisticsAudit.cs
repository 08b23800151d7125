using Ariadne.Web.Platform.Audit;

namespace Ariadne.Web.Features.Statistics;

/// <summary>The statistics' audit vocabulary: every step of a release, every refusal, every refresh of the facts and every read of unreleased figures.</summary>
public static class StatisticsAudit
{
    public static readonly AuditAction Refreshed = new("statistics.refreshed");
    public static readonly AuditAction Drafted = new("statistics.drafted");
    public static readonly AuditAction Refused = new("statistics.refused");
    public static readonly AuditAction Approved = new("statistics.approved");
    public static readonly AuditAction Published = new("statistics.published");
    public static readonly AuditAction Discarded = new("statistics.discarded");
    public static readonly AuditAction Viewed = new("statistics.viewed");
    public static readonly AuditAction Exported = new("statistics.exported");

    public static IReadOnlyList<AuditAction> All { get; } = [Refreshed, Drafted, Refused, Approved, Published, Discarded, Viewed, Exported];

    public static readonly AuditTarget Release = new("stat-release");

    public static readonly AuditPurpose Production = new("statistics.production");
    public static readonly AuditPurpose Differencing = new("statistics.differencing");
    public static readonly AuditPurpose FourEyes = new("statistics.four-eyes");
    public static readonly AuditPurpose Dashboard = new("statistics.dashboard");
}
