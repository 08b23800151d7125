using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Meetings;

/// <summary>
/// A meeting the Coordinator's office calls: its number (M-2026-004), title, kind, when (UTC; entered and shown in the
/// deployment's time), where (a place, an online link, or both). <see cref="Sequence"/> is the iCalendar SEQUENCE: +1 at
/// every reschedule, so a calendar that imported the earlier file replaces it.
/// </summary>
public sealed class Meeting
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public string Number { get; set; } = "";
    /// <summary>The form asks for a subject, not for people's names.</summary>
    [NotPersonal] public string Title { get; set; } = "";
    [NotPersonal] public MeetingKind Kind { get; set; }
    [NotPersonal] public DateTimeOffset StartsAt { get; set; }
    [NotPersonal] public DateTimeOffset EndsAt { get; set; }
    [NotPersonal] public string? Place { get; set; }
    [NotPersonal] public string? OnlineLink { get; set; }
    [NotPersonal] public int Sequence { get; set; }
    [NotPersonal] public Guid OrganizerInstitutionId { get; set; }
    [NotPersonal] public Guid CreatedBy { get; set; }
    [NotPersonal] public DateTimeOffset CreatedAt { get; set; }
    [NotPersonal] public DateTimeOffset UpdatedAt { get; set; }
}
