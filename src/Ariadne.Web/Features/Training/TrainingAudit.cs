using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Notifications;

namespace Ariadne.Web.Features.Training;

/// <summary>The training programme's audit vocabulary and notices: every change to courses, sessions, enrolments and certificates.</summary>
public static class TrainingAudit
{
    public static readonly AuditAction CourseAdded = new("training.course-added");
    public static readonly AuditAction SessionAdded = new("training.session-added");
    public static readonly AuditAction SessionStatusChanged = new("training.session-status");
    public static readonly AuditAction Enrolled = new("training.enrolled");
    public static readonly AuditAction AttendanceRecorded = new("training.attendance");
    public static readonly AuditAction CertificateIssued = new("training.certificate-issued");
    public static readonly AuditAction ExternalRecorded = new("training.external-recorded");
    public static readonly AuditAction CertificateRevoked = new("training.certificate-revoked");
    public static readonly AuditAction CertificateVerified = new("training.certificate-verified");
    public static readonly AuditAction RefresherNotified = new("training.refresher-notified");
    public static readonly AuditAction Denied = new("training.denied");

    public static IReadOnlyList<AuditAction> All { get; } =
        [CourseAdded, SessionAdded, SessionStatusChanged, Enrolled, AttendanceRecorded, CertificateIssued, ExternalRecorded, CertificateRevoked,
         CertificateVerified, RefresherNotified, Denied];

    public static readonly AuditTarget Course = new("training-course");
    public static readonly AuditTarget Session = new("training-session");
    public static readonly AuditTarget Certificate = new("training-certificate");

    /// <summary>A certificate of the holder (or of the institution's staff) expires within the refresher window.</summary>
    public static readonly NotificationKind RefresherDue = new("training-refresher-due");
    /// <summary>A certificate has expired: the roles it unlocked no longer count it.</summary>
    public static readonly NotificationKind Expired = new("training-expired");
}
