using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Reintegration;

/// <summary>
/// A sign that the person may be trafficked again, recorded on the case with its indicators, the day it was seen, who
/// recorded it and a note sealed under the person's key. Care: read by the case's workers whose access opens Care. Open
/// until a worker closes it; the Coordinator sees only how many people have an open flag.
/// </summary>
public sealed class RetraffickingFlag
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid CaseId { get; set; }
    [DataClass(DataClass.Care)] public RetraffickingIndicator Indicators { get; set; }
    [DataClass(DataClass.Care)] public DateOnly ObservedOn { get; set; }
    [DataClass(DataClass.Care)] public byte[]? NoteEnc { get; set; }
    [NotPersonal] public DateTimeOffset RecordedAt { get; set; }
    [NotPersonal] public Guid RecordedBy { get; set; }
    [NotPersonal] public Guid RecordedByInstitutionId { get; set; }
    [NotPersonal] public DateTimeOffset? ClosedAt { get; set; }
    [NotPersonal] public Guid? ClosedBy { get; set; }
}
