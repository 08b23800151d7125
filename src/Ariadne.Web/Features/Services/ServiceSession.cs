using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Services;

/// <summary>
/// A session the provider delivered: date, duration and outcome, sealed under the person's key in the column of the
/// service's class — <see cref="HealthEnc"/> for medical and psychological services, <see cref="CareEnc"/> for the others
/// (<see cref="ServiceClasses"/>). Exactly one of the two is filled.
/// </summary>
public sealed class ServiceSession
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid CaseId { get; set; }
    [NotPersonal] public Guid ServiceReferralId { get; set; }
    [NotPersonal] public DateTimeOffset RecordedAt { get; set; }
    [NotPersonal] public Guid RecordedBy { get; set; }
    [NotPersonal] public Guid RecordedByInstitutionId { get; set; }
    [DataClass(DataClass.Health)] public byte[]? HealthEnc { get; set; }
    [DataClass(DataClass.Care)] public byte[]? CareEnc { get; set; }
}
