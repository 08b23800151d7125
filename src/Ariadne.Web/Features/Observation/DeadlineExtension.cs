using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Observation;

/// <summary>A deadline extension of a route, append-only: from which day to which, why, by whom; the route's version it made.</summary>
public sealed class DeadlineExtension
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid RouteId { get; set; }
    [NotPersonal] public int Version { get; set; }
    [NotPersonal] public DateOnly From { get; set; }
    [NotPersonal] public DateOnly To { get; set; }
    [NotPersonal] public string Reason { get; set; } = "";
    [NotPersonal] public Guid By { get; set; }
    [NotPersonal] public DateTimeOffset At { get; set; }
}
