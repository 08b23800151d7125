using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Identification;

/// <summary>
/// A screening against the structured indicators. The indicators observed and the notes are facts of
/// the investigation: they are stored encrypted under the person's data key (Investigation class).
/// </summary>
public sealed class Screening
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid CaseId { get; set; }
    [NotPersonal] public DateTimeOffset RecordedAt { get; set; }
    [NotPersonal] public Guid RecordedBy { get; set; }
    [NotPersonal] public Guid InstitutionId { get; set; }
    [DataClass(DataClass.Investigation)] public byte[]? ContentEnc { get; set; }
    /// <summary>
    /// Saved before each indicator's checkbox had its own id, when a click on a label could tick an
    /// indicator of another dimension: the officer must review it. Set by migration only; a new
    /// screening starts clear.
    /// </summary>
    [NotPersonal] public bool NeedsReview { get; set; }
}
