using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Training;

/// <summary>
/// A member of staff nominated to a session (by the training managers, or by a head of their own institution), and after the
/// session their attendance and result.
/// </summary>
public sealed class TrainingEnrolment
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid SessionId { get; set; }
    [NotPersonal] public Guid UserId { get; set; }
    /// <summary>The participant's institution when nominated: whose heads see the enrolment.</summary>
    [NotPersonal] public Guid InstitutionId { get; set; }
    [NotPersonal] public Guid NominatedBy { get; set; }
    [NotPersonal] public DateTimeOffset NominatedAt { get; set; }
    [NotPersonal] public AttendanceMark? Attendance { get; set; }
    [NotPersonal] public TrainingResult? Result { get; set; }
    [NotPersonal] public Guid? MarkedBy { get; set; }
    [NotPersonal] public DateTimeOffset? MarkedAt { get; set; }
}
