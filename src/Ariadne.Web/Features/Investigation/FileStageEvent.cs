using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Investigation;

/// <summary>A step of the file through its stages: when the act was done, who recorded it, a sealed note.</summary>
public sealed class FileStageEvent
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid FileId { get; set; }
    [NotPersonal] public FileStage Stage { get; set; }
    /// <summary>The day of the procedural act.</summary>
    [NotPersonal] public DateOnly On { get; set; }
    [NotPersonal] public DateTimeOffset RecordedAt { get; set; }
    [NotPersonal] public Guid RecordedBy { get; set; }
    [NotPersonal] public Guid RecordedByInstitutionId { get; set; }
    /// <summary>The court a file was sent to (indictment), which then holds its own grant.</summary>
    [NotPersonal] public Guid? CourtInstitutionId { get; set; }
    [DataClass(DataClass.Investigation)] public byte[]? NoteEnc { get; set; }
}
