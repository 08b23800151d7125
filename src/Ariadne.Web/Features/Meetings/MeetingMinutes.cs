using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Meetings;

/// <summary>
/// One version of a meeting's minutes. A draft is edited in place; the Coordinator approves it and it is read-only from then
/// on. An amendment after approval is a new draft version, approved in its turn: every approved text is kept.
/// </summary>
public sealed class MeetingMinutes
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid MeetingId { get; set; }
    [NotPersonal] public int Version { get; set; }
    /// <summary>What was discussed; the form asks for no personal data about victims.</summary>
    [NotPersonal] public string Text { get; set; } = "";
    [NotPersonal] public MinutesStatus Status { get; set; }
    [NotPersonal] public Guid WrittenBy { get; set; }
    [NotPersonal] public DateTimeOffset WrittenAt { get; set; }
    [NotPersonal] public Guid? ApprovedBy { get; set; }
    [NotPersonal] public DateTimeOffset? ApprovedAt { get; set; }
}
