using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Investigation;

/// <summary>A step in a request's timeline: submitted, returned, sent, a reminder sent, a reply, closed.</summary>
public sealed class CooperationStep
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid RequestId { get; set; }
    [NotPersonal] public CooperationStepKind Kind { get; set; }
    [NotPersonal] public DateOnly On { get; set; }
    [NotPersonal] public DateTimeOffset RecordedAt { get; set; }
    [NotPersonal] public Guid RecordedBy { get; set; }
    [DataClass(DataClass.Investigation)] public byte[]? NoteEnc { get; set; }
}
