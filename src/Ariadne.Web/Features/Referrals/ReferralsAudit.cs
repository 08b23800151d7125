using Ariadne.Web.Platform.Audit;

namespace Ariadne.Web.Features.Referrals;

/// <summary>The Referrals module's audit actions.</summary>
public static class ReferralsAudit
{
    public static readonly AuditAction ReferralSubmitted = new("referral.submitted");
    public static readonly AuditAction ReferralViewed = new("referral.viewed");
    public static readonly AuditAction ReferralDenied = new("referral.denied");
    public static readonly AuditAction ReferralAcknowledged = new("referral.acknowledged");
    public static readonly AuditAction ReferralDispatched = new("referral.dispatched");
    public static readonly AuditAction ReferralClosed = new("referral.closed");
    public static readonly AuditAction ReferralEscalated = new("referral.escalated");
    public static readonly AuditAction ReferralFileRead = new("referral.file-read");

    /// <summary>Every action above, for the module contract.</summary>
    public static IReadOnlyList<AuditAction> All { get; } = [ReferralSubmitted, ReferralViewed, ReferralDenied, ReferralAcknowledged, ReferralDispatched, ReferralClosed, ReferralEscalated, ReferralFileRead];
}
