using Ariadne.Web.Platform.Audit;

namespace Ariadne.Web.Features.Awareness;

/// <summary>The awareness module's audit vocabulary.</summary>
public static class AwarenessAudit
{
    public static readonly AuditAction CampaignRecorded = new("awareness.campaign-recorded");
    public static readonly AuditAction CampaignChanged = new("awareness.campaign-changed");
    public static readonly AuditAction ActivityRecorded = new("awareness.activity-recorded");
    public static readonly AuditAction MaterialRecorded = new("awareness.material-recorded");
    public static readonly AuditAction Denied = new("awareness.denied");

    public static IReadOnlyList<AuditAction> All { get; } = [CampaignRecorded, CampaignChanged, ActivityRecorded, MaterialRecorded, Denied];

    public static readonly AuditTarget CampaignTarget = new("campaign");
}
