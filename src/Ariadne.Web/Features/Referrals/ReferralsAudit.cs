using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Notifications;

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
    /// <summary>A file attached at its step of the form, before the referral is sent (kept encrypted, for its author only).</summary>
    public static readonly AuditAction DraftFileAdded = new("referral.draft-file-added");
    public static readonly AuditAction DraftFileRemoved = new("referral.draft-file-removed");

    public static readonly AuditTarget Referral = new("referral");
    public static readonly AuditTarget ReferralFile = new("referral-file");

    public static readonly AuditPurpose Submit = new("referral.submit");
    public static readonly AuditPurpose View = new("referral.view");
    public static readonly AuditPurpose ApiStatus = new("api.referral.status");
    public static readonly AuditPurpose ReadFile = new("referral.file");
    public static readonly AuditPurpose Acknowledge = new("referral.acknowledge");
    public static readonly AuditPurpose DuplicateCheck = new("referral.duplicate-check");
    public static readonly AuditPurpose OpenCase = new("referral.open-case");
    public static readonly AuditPurpose JoinCase = new("referral.join-case");
    public static readonly AuditPurpose DeskAction = new("referral.desk-action");
    public static readonly AuditPurpose Deadline = new("referral.deadline");

    /// <summary>"referral.close:{reason}", one per reason of <see cref="ReferralDispatch.CloseReasons"/>.</summary>
    public static readonly IReadOnlyDictionary<string, AuditPurpose> CloseFor =
        ReferralDispatch.CloseReasons.ToDictionary(reason => reason, reason => new AuditPurpose("referral.close:" + reason), StringComparer.Ordinal);

    public static readonly NotificationKind Received = new("referral-received");
    public static readonly NotificationKind Overdue = new("referral-overdue");
    /// <summary>To each duty-desk member of the Squad: an unacknowledged referral entered the last quarter of its window.</summary>
    public static readonly NotificationKind DeadlineNear = new("referral-deadline-near");
    /// <summary>To the referring institution (a child's referral: to the person who made it): the Squad opened or joined a case from it.</summary>
    public static readonly NotificationKind TakenForward = new("referral-taken-forward");
    /// <summary>To the investigator the desk handed the new case to.</summary>
    public static readonly NotificationKind CaseAssigned = new("case-assigned");

    /// <summary>Every action above, for the module contract.</summary>
    public static IReadOnlyList<AuditAction> All { get; } = [ReferralSubmitted, ReferralViewed, ReferralDenied, ReferralAcknowledged, ReferralDispatched, ReferralClosed, ReferralEscalated, ReferralFileRead,
        DraftFileAdded, DraftFileRemoved];
}
