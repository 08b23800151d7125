using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Observation;

/// <summary>
/// A problem routed by the Coordinator's office to one institution: what is asked of it and by when. The deadline can be
/// extended (each extension a new <see cref="DeadlineVersion"/> kept in <see cref="DeadlineExtension"/>); the institution
/// and the Coordinator's office are told once when the response is overdue (<see cref="OverdueNotifiedAt"/>, cleared by an
/// extension).
/// </summary>
public sealed class ProblemRoute
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid ProblemId { get; set; }
    [NotPersonal] public Guid InstitutionId { get; set; }
    [NotPersonal] public string Ask { get; set; } = "";
    [NotPersonal] public DateOnly Deadline { get; set; }
    [NotPersonal] public int DeadlineVersion { get; set; } = 1;
    [NotPersonal] public RouteStatus Status { get; set; }
    [NotPersonal] public Guid RoutedBy { get; set; }
    [NotPersonal] public DateTimeOffset RoutedAt { get; set; }
    [NotPersonal] public DateTimeOffset? FirstResponseAt { get; set; }
    [NotPersonal] public DateTimeOffset? OverdueNotifiedAt { get; set; }
}
