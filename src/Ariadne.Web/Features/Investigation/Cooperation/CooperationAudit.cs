using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Notifications;

namespace Ariadne.Web.Features.Investigation;

/// <summary>Foreign cooperation's audit vocabulary: every view and decision on a request, and every item sent abroad.</summary>
public static class CooperationAudit
{
    public static readonly AuditAction Drafted = new("investigation.cooperation.drafted");
    public static readonly AuditAction Changed = new("investigation.cooperation.changed");
    public static readonly AuditAction Submitted = new("investigation.cooperation.submitted");
    public static readonly AuditAction Viewed = new("investigation.cooperation.viewed");
    public static readonly AuditAction Denied = new("investigation.cooperation.denied");
    public static readonly AuditAction Returned = new("investigation.cooperation.returned");
    public static readonly AuditAction Sent = new("investigation.cooperation.sent");
    public static readonly AuditAction ItemSent = new("investigation.cooperation.item-sent");
    public static readonly AuditAction Reminded = new("investigation.cooperation.reminded");
    public static readonly AuditAction Replied = new("investigation.cooperation.replied");
    public static readonly AuditAction Closed = new("investigation.cooperation.closed");
    public static readonly AuditAction Listed = new("investigation.cooperation.listed");

    public static IReadOnlyList<AuditAction> All { get; } = [Drafted, Changed, Submitted, Viewed, Denied, Returned, Sent, ItemSent, Reminded, Replied, Closed, Listed];

    /// <summary>The Squad's work on its request.</summary>
    public static readonly AuditPurpose Request = new("investigation.cooperation.request");
    /// <summary>The National Coordinator's review of the outgoing message.</summary>
    public static readonly AuditPurpose Review = new("investigation.cooperation.review");

    public static readonly AuditTarget Target = new("cooperation-request");
    public static readonly AuditTarget ItemTarget = new("cooperation-item");

    /// <summary>To the National Coordinator: a request waits for approval.</summary>
    public static readonly NotificationKind SubmittedNotice = new("cooperation-submitted");

    /// <summary>To the Squad: the Coordinator returned a request, or sent it.</summary>
    public static readonly NotificationKind DecidedNotice = new("cooperation-decided");
}
