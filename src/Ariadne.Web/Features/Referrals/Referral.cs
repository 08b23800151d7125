namespace Ariadne.Web.Features.Referrals;

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
