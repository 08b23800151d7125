using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Notifications;

namespace Ariadne.Web.Features.Helpline;

/// <summary>The Helpline module's audit vocabulary: contacts, the call webhook, forwarding and flags.</summary>
public static class HelplineAudit
{
    public static readonly AuditAction ContactOpened = new("helpline.contact.opened");
    public static readonly AuditAction ContactSaved = new("helpline.contact.saved");
    public static readonly AuditAction ContactViewed = new("helpline.contact.viewed");
    public static readonly AuditAction CallReceived = new("helpline.call.received");
    public static readonly AuditAction Forwarded = new("helpline.contact.forwarded");
    public static readonly AuditAction Overridden = new("helpline.contact.overridden");
    public static readonly AuditAction CallerFlagged = new("helpline.caller.flagged");
    public static readonly AuditAction HeldReportViewed = new("helpline.held.viewed");
    public static readonly AuditAction Escalated = new("helpline.contact.escalated");

    /// <summary>Every action above, for the module contract.</summary>
    public static IReadOnlyList<AuditAction> All { get; } =
        [ContactOpened, ContactSaved, ContactViewed, CallReceived, Forwarded, Overridden, CallerFlagged, HeldReportViewed, Escalated];

    public static readonly AuditPurpose Answer = new("helpline.answer");
    public static readonly AuditPurpose Forward = new("helpline.forward");
    public static readonly AuditPurpose Supervise = new("helpline.supervise");
    public static readonly AuditPurpose Telephony = new("helpline.telephony");
    public static readonly AuditPurpose Deadline = new("helpline.deadline");

    /// <summary>To a helpline's supervisors: a tip's forwarding deadline passed (it was then forwarded, or could not be).</summary>
    public static readonly NotificationKind OverdueNotice = new("helpline-overdue");

    /// <summary>To a helpline's supervisors: a tip is held (no consent, no basis): someone must decide.</summary>
    public static readonly NotificationKind HeldNotice = new("helpline-held");

    /// <summary>The kind of target the module's events name.</summary>
    public static readonly AuditTarget Contact = new("helpline-contact");
    public static readonly AuditTarget Caller = new("helpline-caller");
}
