using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Accommodation;

/// <summary>
/// One guard's shift at one shelter (the plan's §6: the accommodation is protected by the Squad and by police bodies
/// performing security functions). Kept by the shelter's manager or the Squad's chief. A guard sees the shelter's
/// guard board only during an open shift, and never gets a grant on any case.
/// </summary>
public sealed class GuardShift
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid ShelterId { get; set; }
    [NotPersonal] public Guid GuardUserId { get; set; }
    [NotPersonal] public DateTimeOffset StartsAt { get; set; }
    [NotPersonal] public DateTimeOffset EndsAt { get; set; }
    [NotPersonal] public Guid CreatedBy { get; set; }
    [NotPersonal] public DateTimeOffset CreatedAt { get; set; }
    [NotPersonal] public DateTimeOffset? CancelledAt { get; set; }
}
