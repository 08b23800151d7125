using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Accommodation;

/// <summary>
/// One bed of a shelter. It is occupied while a placement holds it (see <see cref="Placement"/>), held while
/// <see cref="HeldUntil"/> is in the future (the hold ends by itself), out of service, or available.
/// </summary>
public sealed class Bed
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid ShelterId { get; set; }
    [NotPersonal] public required string Label { get; set; }
    [NotPersonal] public BedRestriction Restriction { get; set; }
    [NotPersonal] public bool OutOfService { get; set; }
    [NotPersonal] public DateTimeOffset? HeldUntil { get; set; }
    [NotPersonal] public Guid? HeldByInstitutionId { get; set; }
    [NotPersonal] public Guid? HeldByUserId { get; set; }
}
