using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Helpline;

/// <summary>One operator's shift on the helpline's roster (round-the-clock cover), kept by the helpline's supervisors.</summary>
public sealed class HelplineShift
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid InstitutionId { get; set; }
    [NotPersonal] public Guid UserId { get; set; }
    [NotPersonal] public DateTimeOffset StartsAt { get; set; }
    [NotPersonal] public DateTimeOffset EndsAt { get; set; }
    [NotPersonal] public Guid CreatedBy { get; set; }
    [NotPersonal] public DateTimeOffset CreatedAt { get; set; }
}
