using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Identification;

/// <summary>
/// A formal identification decision. Decisions are never edited: a review records a new decision that
/// supersedes the previous one, so the history stays. Status, body and date are Status-class facts;
/// the rationale is encrypted (Investigation class).
/// </summary>
public sealed class IdentificationDecision
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid CaseId { get; set; }
    [DataClass(DataClass.Status)] public TraffickingStatus Status { get; set; }
    [DataClass(DataClass.Status)] public DecidingBody Body { get; set; }
    [DataClass(DataClass.Status)] public Guid DecidingInstitutionId { get; set; }
    [NotPersonal] public Guid DecidedBy { get; set; }
    [DataClass(DataClass.Status)] public DateOnly DecidedOn { get; set; }
    [NotPersonal] public DateTimeOffset RecordedAt { get; set; }
    [NotPersonal] public Guid? SupersedesId { get; set; }
    [DataClass(DataClass.Investigation)] public byte[]? RationaleEnc { get; set; }
}
