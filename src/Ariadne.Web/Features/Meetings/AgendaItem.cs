using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Meetings;

/// <summary>One item of a meeting's agenda, in its order.</summary>
public sealed class AgendaItem
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid MeetingId { get; set; }
    [NotPersonal] public int Order { get; set; }
    [NotPersonal] public string Title { get; set; } = "";
}
