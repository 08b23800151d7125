using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Identification;

/// <summary>HTCDS "who identified": the kind of body that made the decision.</summary>
public enum DecidingBody
{
    Police = 1,
    Ngo = 2,
    CourtOrProsecution = 3,
    OtherGovernment = 4,
}

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

/// <summary>The clear content of a screening.</summary>
public sealed record ScreeningContent(IReadOnlyList<string> ForcedLabour, IReadOnlyList<string> Operational, string? Notes);

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
