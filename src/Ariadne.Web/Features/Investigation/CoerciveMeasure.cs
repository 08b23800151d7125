using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Investigation;

/// <summary>A coercive procedural measure on a suspect: detention, bail, a search, a seizure, a freeze of assets.</summary>
public sealed class CoerciveMeasure
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid FileId { get; set; }
    [NotPersonal] public Guid PartyId { get; set; }
    [NotPersonal] public MeasureKind Kind { get; set; }
    [NotPersonal] public MeasureAuthority OrderedBy { get; set; }
    [NotPersonal] public DateOnly From { get; set; }
    [NotPersonal] public DateOnly? Until { get; set; }
    [DataClass(DataClass.Investigation)] public byte[]? NoteEnc { get; set; }
    [NotPersonal] public DateTimeOffset RecordedAt { get; set; }
    [NotPersonal] public Guid RecordedBy { get; set; }
}
