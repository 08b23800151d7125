using Ariadne.Web.Platform.Audit;

namespace Ariadne.Web.Features.Coordination;

/// <summary>The Coordination module's audit actions.</summary>
public static class CoordinationAudit
{
    public static readonly AuditAction NationalCount = new("linkage.national-count");
    public static readonly AuditAction NationalCountSnapshot = new("linkage.national-count-snapshot");

    public static readonly AuditTarget Snapshot = new("national-count-snapshot");

    public static readonly AuditPurpose ReadCount = new("linkage.national-count");
    public static readonly AuditPurpose TakeSnapshot = new("linkage.snapshot");
    public static readonly AuditPurpose SnapshotTooSoon = new("linkage.snapshot.too-soon");

    /// <summary>Every action above, for the module contract.</summary>
    public static IReadOnlyList<AuditAction> All { get; } = [NationalCount, NationalCountSnapshot];
}
