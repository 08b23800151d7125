using Ariadne.Web.Platform.Audit;

namespace Ariadne.Web.Features.Protection;

/// <summary>The Protection module's audit actions (consent, onward referral, risk).</summary>
public static class ProtectionAudit
{
    public static readonly AuditAction ConsentRecorded = new("consent.recorded");
    public static readonly AuditAction ConsentWithdrawn = new("consent.withdrawn");
    public static readonly AuditAction OnwardSent = new("onward.sent");
    public static readonly AuditAction OnwardAnswered = new("onward.answered");
    public static readonly AuditAction OnwardClosed = new("onward.closed");
    public static readonly AuditAction RiskAssessed = new("risk.assessed");

    /// <summary>Every action above, for the module contract.</summary>
    public static IReadOnlyList<AuditAction> All { get; } = [ConsentRecorded, ConsentWithdrawn, OnwardSent, OnwardAnswered, OnwardClosed, RiskAssessed];
}
