using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Participants;

namespace Ariadne.Web.Features.Training;

/// <summary>
/// A certificate: issued to a participant who attended a held session and passed, or recorded by the training managers for
/// training taken outside the system (<see cref="External"/>: the issuing body, its number and a reference to the scan). A
/// certificate of a course with a topic is what the role checks read, through the <see cref="TrainingRecord"/> made with it.
/// Revocation ends that record; expiry ends it by its last day. The refresher notices are sent once each.
/// </summary>
public sealed class TrainingCertificate
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>TR-YYYY-XXXXXX, random: unique and not guessable from its neighbours.</summary>
    [NotPersonal] public string Number { get; set; } = "";
    [NotPersonal] public Guid UserId { get; set; }
    [NotPersonal] public Guid InstitutionId { get; set; }
    [NotPersonal] public Guid? CourseId { get; set; }
    [NotPersonal] public Guid? SessionId { get; set; }
    [NotPersonal] public Guid? EnrolmentId { get; set; }
    [NotPersonal] public TrainingTopic? Topic { get; set; }
    /// <summary>The course as named on the certificate (the course's title, or the external course's).</summary>
    [NotPersonal] public string CourseTitle { get; set; } = "";
    [NotPersonal] public string Provider { get; set; } = "";
    [NotPersonal] public bool External { get; set; }
    [NotPersonal] public string? ExternalNumber { get; set; }
    /// <summary>Where the scan of an external certificate is kept (a registry reference, not the file).</summary>
    [NotPersonal] public string? ExternalReference { get; set; }
    [NotPersonal] public DateOnly IssuedOn { get; set; }
    [NotPersonal] public DateOnly? ExpiresOn { get; set; }
    [NotPersonal] public Guid IssuedBy { get; set; }
    [NotPersonal] public DateTimeOffset IssuedAt { get; set; }
    [NotPersonal] public DateTimeOffset? RevokedAt { get; set; }
    [NotPersonal] public Guid? RevokedBy { get; set; }
    [NotPersonal] public string? RevocationReason { get; set; }
    [NotPersonal] public DateTimeOffset? RefresherNoticeAt { get; set; }
    [NotPersonal] public DateTimeOffset? ExpiredNoticeAt { get; set; }
}
