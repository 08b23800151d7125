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
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid CaseId { get; set; }
    [DataClass(DataClass.Care)] public Guid RecipientInstitutionId { get; set; }
    [DataClass(DataClass.Care)] public Relation Relation { get; set; }
    [NotPersonal] public DataClass Share { get; set; }
    [DataClass(DataClass.Status)] public OnwardStatus Status { get; set; } = OnwardStatus.Pending;
    [NotPersonal] public DateTimeOffset SentAt { get; set; }
    [NotPersonal] public Guid SentBy { get; set; }
    [NotPersonal] public DateTimeOffset? RespondedAt { get; set; }
    [NotPersonal] public Guid? RespondedBy { get; set; }
    [NotPersonal] public DateTimeOffset? ClosedAt { get; set; }
    [NotPersonal] public Guid? GrantId { get; set; }
    [DataClass(DataClass.Care)] public byte[]? NoteEnc { get; set; }
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
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid CaseId { get; set; }
    [NotPersonal] public DateTimeOffset RecordedAt { get; set; }
    [NotPersonal] public Guid RecordedBy { get; set; }
    [DataClass(DataClass.Investigation)] public byte[]? ContentEnc { get; set; }
}

public sealed record RiskContent(RiskLevel Traffickers, RiskLevel Health, RiskLevel Retrafficking, string? Notes);
