using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Meetings;

/// <summary>A decision of a meeting, numbered within it (1, 2, …).</summary>
public sealed class MeetingDecision
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid MeetingId { get; set; }
    [NotPersonal] public int Number { get; set; }
    [NotPersonal] public string Text { get; set; } = "";
    [NotPersonal] public Guid RecordedBy { get; set; }
    [NotPersonal] public DateTimeOffset RecordedAt { get; set; }
}
