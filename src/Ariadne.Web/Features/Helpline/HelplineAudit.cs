using Ariadne.Web.Platform.Audit;

namespace Ariadne.Web.Features.Helpline;

/// <summary>The Helpline module's audit vocabulary: contacts, the call webhook, forwarding and flags.</summary>
public static class HelplineAudit
{
    public static readonly AuditAction ContactOpened = new("helpline.contact.opened");
    public static readonly AuditAction ContactSaved = new("helpline.contact.saved");
    public static readonly AuditAction ContactViewed = new("helpline.contact.viewed");
    public static readonly AuditAction ContactsListed = new("helpline.contacts.listed");
    public static readonly AuditAction CallReceived = new("helpline.call.received");
    public static readonly AuditAction Forwarded = new("helpline.contact.forwarded");
    public static readonly AuditAction Overridden = new("helpline.contact.overridden");
    public static readonly AuditAction CallerFlagged = new("helpline.caller.flagged");
    public static readonly AuditAction HeldReportViewed = new("helpline.held.viewed");

    /// <summary>Every action above, for the module contract.</summary>
    public static IReadOnlyList<AuditAction> All { get; } =
        [ContactOpened, ContactSaved, ContactViewed, ContactsListed, CallReceived, Forwarded, Overridden, CallerFlagged, HeldReportViewed];

    public static readonly AuditPurpose Answer = new("helpline.answer");
    public static readonly AuditPurpose Forward = new("helpline.forward");
    public static readonly AuditPurpose Supervise = new("helpline.supervise");
    public static readonly AuditPurpose Telephony = new("helpline.telephony");

    /// <summary>The kind of target the module's events name.</summary>
    public const string Contact = "helpline-contact";
    public const string Caller = "helpline-caller";
}
