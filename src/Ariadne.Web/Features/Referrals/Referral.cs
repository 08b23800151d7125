using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Referrals;

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
    /// <summary>When the person was admitted to a shelter (set by Accommodation): the referrer learns it, never where.</summary>
    [DataClass(DataClass.Status)] public DateTimeOffset? PlacementConfirmedAt { get; set; }
    [NotPersonal] public Guid DataKeyId { get; set; }
    [DataClass(DataClass.Identity | DataClass.ContactLocation | DataClass.Investigation)] public byte[]? ContentEnc { get; set; }
    [DataClass(DataClass.Identity)] public byte[]? DocumentNumberIndex { get; set; }
    [DataClass(DataClass.ContactLocation)] public byte[]? PhoneIndex { get; set; }
    /// <summary>Microseconds since 1970 at receipt, unique: the duty desk's "newest first" key and the push cursor.</summary>
    [DataClass(DataClass.Status)] public long Sequence { get; set; }
}
