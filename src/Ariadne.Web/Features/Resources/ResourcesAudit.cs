using Ariadne.Web.Platform.Audit;

namespace Ariadne.Web.Features.Resources;

/// <summary>The resources' audit vocabulary: needs, donors and their areas, flows, IATI imports and exports, and every refusal.</summary>
public static class ResourcesAudit
{
    public static readonly AuditAction NeedRecorded = new("resources.need-recorded");
    public static readonly AuditAction NeedWithdrawn = new("resources.need-withdrawn");
    public static readonly AuditAction DonorRecorded = new("resources.donor-recorded");
    public static readonly AuditAction AreaRecorded = new("resources.area-recorded");
    public static readonly AuditAction FlowRecorded = new("resources.flow-recorded");
    public static readonly AuditAction IatiImported = new("resources.iati-imported");
    public static readonly AuditAction IatiExported = new("resources.iati-exported");
    public static readonly AuditAction Denied = new("resources.denied");

    public static IReadOnlyList<AuditAction> All { get; } = [NeedRecorded, NeedWithdrawn, DonorRecorded, AreaRecorded, FlowRecorded, IatiImported, IatiExported, Denied];

    public static readonly AuditTarget NeedTarget = new("resource-need");
    public static readonly AuditTarget DonorTarget = new("donor");
    public static readonly AuditTarget FlowTarget = new("resource-flow");
}
