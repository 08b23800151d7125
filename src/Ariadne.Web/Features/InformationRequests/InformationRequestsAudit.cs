using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Notifications;

namespace Ariadne.Web.Features.InformationRequests;

/// <summary>The information requests' audit vocabulary: filing, every read, the opinion, the decision, the release, revocation and lapse.</summary>
public static class InformationRequestsAudit
{
    public static readonly AuditAction Submitted = new("information-request.submitted");
    public static readonly AuditAction Viewed = new("information-request.viewed");
    public static readonly AuditAction Denied = new("information-request.denied");
    public static readonly AuditAction OpinionGiven = new("information-request.opinion");
    public static readonly AuditAction Approved = new("information-request.approved");
    public static readonly AuditAction PartlyApproved = new("information-request.partly-approved");
    public static readonly AuditAction Refused = new("information-request.refused");
    public static readonly AuditAction Revoked = new("information-request.revoked");
    public static readonly AuditAction Lapsed = new("information-request.lapsed");

    public static IReadOnlyList<AuditAction> All { get; } = [Submitted, Viewed, Denied, OpinionGiven, Approved, PartlyApproved, Refused, Revoked, Lapsed];

    /// <summary>The requester's own request.</summary>
    public static readonly AuditPurpose Request = new("information.request");
    /// <summary>The Coordinator's review and decision.</summary>
    public static readonly AuditPurpose Review = new("information.review");
    /// <summary>The holding institution's opinion.</summary>
    public static readonly AuditPurpose HolderOpinion = new("information.opinion");
    /// <summary>The release: the grant's event carries the classes released (<c>information.release:Status, Investigation</c>).</summary>
    public static readonly AuditPurpose Release = new("information.release");

    public static readonly AuditTarget Target = new("information-request");

    /// <summary>To the National Coordinator: a request waits for a decision.</summary>
    public static readonly NotificationKind SubmittedNotice = new("information-submitted");
    /// <summary>To the holding institution's people on the case: an opinion is asked.</summary>
    public static readonly NotificationKind OpinionNotice = new("information-opinion-asked");
    /// <summary>To the Coordinator: the holder gave its opinion.</summary>
    public static readonly NotificationKind OpinionGivenNotice = new("information-opinion-given");
    /// <summary>To the requester and the holder: the Coordinator decided.</summary>
    public static readonly NotificationKind DecidedNotice = new("information-decided");
    /// <summary>To the requester and the holder: the release was revoked.</summary>
    public static readonly NotificationKind RevokedNotice = new("information-revoked");

    /// <summary>To the requester: the release's period ended.</summary>
    public static readonly NotificationKind LapsedNotice = new("information-lapsed");

    public static IReadOnlyList<NotificationKind> Notices { get; } = [SubmittedNotice, OpinionNotice, OpinionGivenNotice, DecidedNotice, RevokedNotice, LapsedNotice];
}
