using Ariadne.Web.Platform.Audit;

namespace Ariadne.Web.Features.Reintegration;

/// <summary>The Reintegration module's audit vocabulary: repatriation and the partner's view, re-trafficking risk, witness safety.</summary>
public static class ReintegrationAudit
{
    public static readonly AuditAction RepatriationSaved = new("repatriation.saved");
    public static readonly AuditAction RepatriationShared = new("repatriation.shared");
    public static readonly AuditAction PartnerViewed = new("repatriation.partner-viewed");
    public static readonly AuditAction FlagRecorded = new("retrafficking.flagged");
    public static readonly AuditAction FlagClosed = new("retrafficking.closed");
    public static readonly AuditAction MeasureSaved = new("witness-measure.saved");

    /// <summary>Every action above, for the module contract.</summary>
    public static IReadOnlyList<AuditAction> All { get; } = [RepatriationSaved, RepatriationShared, PartnerViewed, FlagRecorded, FlagClosed, MeasureSaved];

    public static readonly AuditPurpose View = new("reintegration.view");
    public static readonly AuditPurpose Plan = new("repatriation.plan");
    /// <summary>Qualified by the new status: "repatriation.status:Travelled".</summary>
    public static readonly AuditPurpose Progress = new("repatriation.status");
    public static readonly AuditPurpose Share = new("repatriation.share");
    public static readonly AuditPurpose PartnerView = new("repatriation.partner-view");
    public static readonly AuditPurpose Flag = new("retrafficking.flag");
    public static readonly AuditPurpose CloseFlag = new("retrafficking.close");
    /// <summary>Qualified by the measure: "witness-safety:Relocation".</summary>
    public static readonly AuditPurpose Safety = new("witness-safety");

    public static readonly AuditTarget Repatriation = new("repatriation");
    public static readonly AuditTarget RetraffickingFlag = new("retrafficking-flag");
    public static readonly AuditTarget Measure = new("witness-measure");
}
