using Ariadne.Web.Platform.Access;

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
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>"REF-2026-483920": random, reveals neither the person nor the volume.</summary>
    [DataClass(DataClass.Status)] public required string Number { get; set; }
    [NotPersonal] public Guid SquadInstitutionId { get; set; }
    [NotPersonal] public Guid ReferringInstitutionId { get; set; }
    [NotPersonal] public Guid ReferredBy { get; set; }
    [DataClass(DataClass.Status)] public DateTimeOffset ReceivedAt { get; set; }
    [DataClass(DataClass.Status)] public Urgency Urgency { get; set; }
    [DataClass(DataClass.Status)] public bool ImmediateDanger { get; set; }
    [DataClass(DataClass.Status)] public bool NeedsInterpreter { get; set; }
    [DataClass(DataClass.Status)] public bool Anonymous { get; set; }
    [DataClass(DataClass.Status)] public bool Child { get; set; }
    [DataClass(DataClass.Status)] public ReferralConsent Consent { get; set; }
    [NotPersonal] public DateTimeOffset AcknowledgeBy { get; set; }
    [NotPersonal] public DateTimeOffset? AcknowledgedAt { get; set; }
    [NotPersonal] public Guid? AcknowledgedBy { get; set; }
    [NotPersonal] public DateTimeOffset? EscalatedAt { get; set; }
    [DataClass(DataClass.Status)] public ReferralStatus Status { get; set; } = ReferralStatus.Received;
    [NotPersonal] public Guid? CaseId { get; set; }
    [NotPersonal] public DateTimeOffset? ClosedAt { get; set; }
    [NotPersonal] public Guid DataKeyId { get; set; }
    [DataClass(DataClass.Identity | DataClass.ContactLocation | DataClass.Investigation)] public byte[]? ContentEnc { get; set; }
    [DataClass(DataClass.Identity)] public byte[]? DocumentNumberIndex { get; set; }
    [DataClass(DataClass.ContactLocation)] public byte[]? PhoneIndex { get; set; }
    /// <summary>Microseconds since 1970 at receipt, unique: the duty desk's "newest first" key and the push cursor.</summary>
    [DataClass(DataClass.Status)] public long Sequence { get; set; }
}

/// <summary>A supporting file: name and content encrypted under the referral's data key.</summary>
public sealed class ReferralFile
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid ReferralId { get; set; }
    [NotPersonal] public required string ContentType { get; set; }
    [NotPersonal] public long Size { get; set; }
    [DataClass(DataClass.Identity | DataClass.Investigation)] public byte[]? NameEnc { get; set; }
    [DataClass(DataClass.Identity | DataClass.Investigation)] public required byte[] ContentEnc { get; set; }
    [NotPersonal] public DateTimeOffset UploadedAt { get; set; }
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
