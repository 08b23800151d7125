using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Investigation;

/// <summary>A link between two entities of one criminal file, with its own source, grade, handling code and validity.</summary>
public sealed class FileLink
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid FileId { get; set; }
    [NotPersonal] public Guid FromId { get; set; }
    [NotPersonal] public Guid ToId { get; set; }
    [NotPersonal] public LinkKind Kind { get; set; }
    [DataClass(DataClass.Investigation)] public DateOnly? ValidFrom { get; set; }
    [DataClass(DataClass.Investigation)] public DateOnly? ValidUntil { get; set; }
    [DataClass(DataClass.Investigation)] public byte[]? SourceEnc { get; set; }
    [NotPersonal] public string Reliability { get; set; } = "";
    [NotPersonal] public string Handling { get; set; } = "";
    [NotPersonal] public DateTimeOffset RecordedAt { get; set; }
    [NotPersonal] public Guid RecordedBy { get; set; }
}
