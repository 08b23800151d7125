using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Observation;

/// <summary>One response of a routed institution, append-only: what it did or why it cannot act, and the status it sets.</summary>
public sealed class ProblemResponse
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid RouteId { get; set; }
    [NotPersonal] public RouteStatus Status { get; set; }
    [NotPersonal] public string Text { get; set; } = "";
    [NotPersonal] public Guid By { get; set; }
    [NotPersonal] public DateTimeOffset At { get; set; }
}
