using Ariadne.Web.Features.Cases;

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
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public Guid RecordedBy { get; set; }
    public Guid InstitutionId { get; set; }
    public byte[]? ContentEnc { get; set; }
    /// <summary>
    /// Saved before each indicator's checkbox had its own id, when a click on a label could tick an
    /// indicator of another dimension: the officer must review it. Set by migration only; a new
    /// screening starts clear.
    /// </summary>
    public bool NeedsReview { get; set; }
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
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public TraffickingStatus Status { get; set; }
    public DecidingBody Body { get; set; }
    public Guid DecidingInstitutionId { get; set; }
    public Guid DecidedBy { get; set; }
    public DateOnly DecidedOn { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public Guid? SupersedesId { get; set; }
    public byte[]? RationaleEnc { get; set; }
}
