namespace Ariadne.Web.Features.Referrals;

/// <summary>How fast the Squad must acknowledge: "immediate danger" is minutes, the default is 24 hours.</summary>
public enum Urgency
{
    Immediate = 1,
    High = 2,
    Standard = 3,
}

public enum ReferralStatus
{
    /// <summary>Sent to the Squad, not yet acknowledged.</summary>
    Received = 1,
    /// <summary>The duty desk has it in hand.</summary>
    Acknowledged = 2,
    /// <summary>A case was opened or the referral was joined to an existing case.</summary>
    CaseOpened = 3,
    /// <summary>The Squad found nothing to take forward (recorded with a reason).</summary>
    NotTakenForward = 4,
}

/// <summary>Whether the person agreed to be referred. A referral without consent is still accepted (the Squad decides).</summary>
public enum ReferralConsent
{
    Given = 1,
    Refused = 2,
    NotAsked = 3,
}

/// <summary>
/// A report of a suspected victim to the Squad (the plan's §3a, §5). What the referrer submitted is
/// kept encrypted under the referral's own data key (<see cref="ContentEnc"/>, a JSON document); the
/// clear columns say only how urgent it is and where it stands. Document number and phone have blind
/// indexes so the duty desk can look for exact matches before a person record is created.
/// </summary>
public sealed class Referral
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>"REF-2026-483920": random, reveals neither the person nor the volume.</summary>
    public required string Number { get; set; }
    public Guid SquadInstitutionId { get; set; }
    public Guid ReferringInstitutionId { get; set; }
    public Guid ReferredBy { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public Urgency Urgency { get; set; }
    public bool ImmediateDanger { get; set; }
    public bool NeedsInterpreter { get; set; }
    public bool Anonymous { get; set; }
    public bool Child { get; set; }
    public ReferralConsent Consent { get; set; }
    public DateTimeOffset AcknowledgeBy { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public Guid? AcknowledgedBy { get; set; }
    public DateTimeOffset? EscalatedAt { get; set; }
    public ReferralStatus Status { get; set; } = ReferralStatus.Received;
    public Guid? CaseId { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public Guid DataKeyId { get; set; }
    public byte[]? ContentEnc { get; set; }
    public byte[]? DocumentNumberIndex { get; set; }
    public byte[]? PhoneIndex { get; set; }
    /// <summary>Microseconds since 1970 at receipt, unique: the duty desk's "newest first" key and the push cursor.</summary>
    public long Sequence { get; set; }
}

/// <summary>A supporting file: name and content encrypted under the referral's data key.</summary>
public sealed class ReferralFile
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ReferralId { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public byte[]? NameEnc { get; set; }
    public required byte[] ContentEnc { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
}

/// <summary>What the referrer submitted, in clear. Serialized as JSON and encrypted as one field.</summary>
public sealed record ReferralContent
{
    public string? GivenName { get; init; }
    public string? FamilyName { get; init; }
    public string? Patronymic { get; init; }
    public string? DateOfBirth { get; init; }
    public string? Sex { get; init; }
    public string? Citizenship { get; init; }
    public string? Languages { get; init; }
    public string? DocumentNumber { get; init; }
    public string? Phone { get; init; }
    public string? Whereabouts { get; init; }
    public string? Danger { get; init; }
    public IReadOnlyList<string> Indicators { get; init; } = [];
    public IReadOnlyList<string> Exploitation { get; init; } = [];
    public string? Observations { get; init; }
    public string? ConsentNote { get; init; }
}
