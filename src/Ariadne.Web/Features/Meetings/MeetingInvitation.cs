using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Meetings;

/// <summary>
/// One participant of a meeting: an institution (all its staff may see the meeting) or a named user; and whether they
/// attended. Exactly one of <see cref="InstitutionId"/> and <see cref="UserId"/> is set.
/// </summary>
public sealed class MeetingInvitation
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid MeetingId { get; set; }
    [NotPersonal] public Guid? InstitutionId { get; set; }
    [NotPersonal] public Guid? UserId { get; set; }
    [NotPersonal] public Attendance Attendance { get; set; }
    [NotPersonal] public DateTimeOffset InvitedAt { get; set; }
}
