using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Accommodation;

/// <summary>A resident going out or coming back, with the time and an optional neutral note (Care, under the person's key).</summary>
public sealed class Movement
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid PlacementId { get; set; }
    [NotPersonal] public Guid CaseId { get; set; }
    [NotPersonal] public MovementDirection Direction { get; set; }
    [NotPersonal] public DateTimeOffset At { get; set; }
    [NotPersonal] public Guid RecordedBy { get; set; }
    [DataClass(DataClass.Care)] public byte[]? NoteEnc { get; set; }
}
