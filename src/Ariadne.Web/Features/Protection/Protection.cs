using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Protection;

/// <summary>What a consent is for (HTCDS consent): receiving services, or sharing data with the recipient.</summary>
public enum ConsentPurpose
{
    Services = 1,
    DataSharing = 2,
}

public enum ConsentForm
{
    Written = 1,
    Verbal = 2,
}

/// <summary>The person's consent for one purpose and one recipient institution; withdrawn, never deleted.</summary>
public sealed class Consent
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public ConsentPurpose Purpose { get; set; }
    public Guid RecipientInstitutionId { get; set; }
    public ConsentForm Form { get; set; }
    public DateOnly GivenOn { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public Guid RecordedBy { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
    public Guid? WithdrawnBy { get; set; }
}

public enum OnwardStatus
{
    Pending = 1,
    Accepted = 2,
    Declined = 3,
    Completed = 4,
    Withdrawn = 5,
}

/// <summary>
/// The Squad refers the person on to a shelter, a service provider or a repatriation partner, choosing
/// which data classes to share. Acceptance creates the recipient's grant; decline, completion or the
/// withdrawal of consent ends it. The note to the recipient is encrypted under the person's key.
/// </summary>
public sealed class OnwardReferral
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public Guid RecipientInstitutionId { get; set; }
    public Relation Relation { get; set; }
    public DataClass Share { get; set; }
    public OnwardStatus Status { get; set; } = OnwardStatus.Pending;
    public DateTimeOffset SentAt { get; set; }
    public Guid SentBy { get; set; }
    public DateTimeOffset? RespondedAt { get; set; }
    public Guid? RespondedBy { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public Guid? GrantId { get; set; }
    public byte[]? NoteEnc { get; set; }
}

public enum RiskLevel
{
    Low = 1,
    Medium = 2,
    High = 3,
}

/// <summary>A risk assessment (danger from traffickers, health, re-trafficking): Investigation class, encrypted, kept as history.</summary>
public sealed class RiskAssessment
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public DateTimeOffset RecordedAt { get; set; }
    public Guid RecordedBy { get; set; }
    public byte[]? ContentEnc { get; set; }
}

public sealed record RiskContent(RiskLevel Traffickers, RiskLevel Health, RiskLevel Retrafficking, string? Notes);
