using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Notifications;

namespace Ariadne.Web.Features.Protection;

/// <summary>The Protection module's audit vocabulary (consent, onward referral, risk): actions, purposes, targets, and the notification it sends.</summary>
public static class ProtectionAudit
{
    public static readonly AuditAction ConsentRecorded = new("consent.recorded");
    public static readonly AuditAction ConsentWithdrawn = new("consent.withdrawn");
    public static readonly AuditAction OnwardSent = new("onward.sent");
    public static readonly AuditAction OnwardAnswered = new("onward.answered");
    public static readonly AuditAction OnwardClosed = new("onward.closed");
    public static readonly AuditAction RiskAssessed = new("risk.assessed");
    /// <summary>Someone tried to make assistance depend on cooperating with the investigation (refused, flagged to oversight).</summary>
    public static readonly AuditAction ConditionalAssistanceRefused = new("assistance.conditional");

    /// <summary>Every action above, for the module contract.</summary>
    public static IReadOnlyList<AuditAction> All { get; } = [ConsentRecorded, ConsentWithdrawn, OnwardSent, OnwardAnswered, OnwardClosed, RiskAssessed, ConditionalAssistanceRefused];

    public static readonly AuditPurpose View = new("protection.view");
    /// <summary>Qualified by the consent's purpose: "consent.record:Services".</summary>
    public static readonly AuditPurpose RecordConsent = new("consent.record");
    /// <summary>Qualified by the consent's purpose: "consent.withdraw:Services".</summary>
    public static readonly AuditPurpose WithdrawConsent = new("consent.withdraw");
    /// <summary>Qualified by the relation: "onward.send:Shelter".</summary>
    public static readonly AuditPurpose Send = new("onward.send");
    public static readonly AuditPurpose Inbox = new("onward.inbox");
    public static readonly AuditPurpose Answer = new("onward.answer");
    public static readonly AuditPurpose Accept = new("onward.accept");
    public static readonly AuditPurpose Decline = new("onward.decline");
    public static readonly AuditPurpose Complete = new("onward.complete");
    public static readonly AuditPurpose Close = new("onward.close");
    /// <summary>Why a grant ended with its onward referral: the referral's new status.</summary>
    public static readonly AuditPurpose Withdrawn = new("onward.withdrawn");
    public static readonly AuditPurpose Declined = new("onward.declined");
    public static readonly AuditPurpose Completed = new("onward.completed");
    public static readonly AuditPurpose AssessRisk = new("risk.assess");

    public static readonly AuditTarget Consent = new("consent");
    public static readonly AuditTarget Onward = new("onward");
    public static readonly AuditTarget Risk = new("risk");

    /// <summary>To the recipient institution: an onward referral arrived.</summary>
    public static readonly NotificationKind OnwardReceived = new("onward-received");

    /// <summary>To the person who sent an onward referral: the recipient accepted it.</summary>
    public static readonly NotificationKind OnwardAccepted = new("onward-accepted");

    /// <summary>To the person who sent an onward referral: the recipient declined it.</summary>
    public static readonly NotificationKind OnwardDeclined = new("onward-declined");

    /// <summary>To the auditors and the Coordinator: an attempt to make assistance conditional on cooperation was refused (no case, no person).</summary>
    public static readonly NotificationKind ConditionalAssistanceNotice = new("assistance-conditional");
}
