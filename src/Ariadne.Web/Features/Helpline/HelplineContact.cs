using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Helpline;

/// <summary>
/// One contact with the helpline: a call, a message, a chat, a visit. Anonymous by default: the caller's number is kept
/// only as a keyed HMAC (<see cref="CallerHash"/>), never in clear; what was said is sealed under the contact's own data key.
/// A trafficking tip records its consent basis, the forwarding rule that fired and the deadline for the referral to the Squad.
/// Only the helpline institution's own staff read a contact; the Squad gets the referral, not the contact.
/// </summary>
public sealed class HelplineContact
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>A random number the helpline quotes (HL-2026-7Q3K9M), never a sequence.</summary>
    [NotPersonal] public string Number { get; set; } = "";
    [NotPersonal] public Guid InstitutionId { get; set; }
    [NotPersonal] public ContactChannel Channel { get; set; }
    [NotPersonal] public ContactStatus Status { get; set; } = ContactStatus.Open;
    [NotPersonal] public DateTimeOffset ReceivedAt { get; set; }
    [NotPersonal] public DateTimeOffset? AnsweredAt { get; set; }
    [NotPersonal] public DateTimeOffset? ClosedAt { get; set; }
    [NotPersonal] public Guid? OperatorId { get; set; }
    [NotPersonal] public CallerType? CallerType { get; set; }
    /// <summary>The language spoken (ISO 639-1).</summary>
    [NotPersonal] public string? Language { get; set; }
    [NotPersonal] public ContactCategory? Category { get; set; }
    [NotPersonal] public NonDataKind? NonData { get; set; }
    /// <summary>Keyed HMAC of the caller's number (the blind index), for recognising a repeat contact. Never the number.</summary>
    [DataClass(DataClass.ContactLocation)] public byte[]? CallerHash { get; set; }
    [NotPersonal] public ConsentBasis? ConsentBasis { get; set; }
    /// <summary>The forwarding rule that fired (<see cref="ForwardingRules"/>), kept as its code.</summary>
    [NotPersonal] public string? ForwardingRule { get; set; }
    /// <summary>By when the referral must reach the Squad; null when the rule forwards nothing.</summary>
    [NotPersonal] public DateTimeOffset? ForwardBy { get; set; }
    [NotPersonal] public Guid? ReferralId { get; set; }
    [NotPersonal] public DateTimeOffset? ForwardedAt { get; set; }
    /// <summary>When the supervisors were told the forwarding deadline had passed (once).</summary>
    [NotPersonal] public DateTimeOffset? EscalatedAt { get; set; }
    /// <summary>Why a tip is held (the rule's reason code), while it is.</summary>
    [NotPersonal] public string? HeldReason { get; set; }
    /// <summary>A supervisor's override of the rule: forward anyway, or hold; the reason is sealed.</summary>
    [NotPersonal] public ForwardingOverride? Override { get; set; }
    [NotPersonal] public Guid? OverrideBy { get; set; }
    [NotPersonal] public DateTimeOffset? OverrideAt { get; set; }
    [DataClass(DataClass.Care)] public byte[]? OverrideReasonEnc { get; set; }
    /// <summary>What was said, what advice was given, where the person was referred (sealed).</summary>
    [DataClass(DataClass.Care)] public byte[]? SummaryEnc { get; set; }
    /// <summary>Where the person is or the exploitation happens, as told (sealed): it goes into the referral.</summary>
    [DataClass(DataClass.ContactLocation)] public byte[]? WhereaboutsEnc { get; set; }
    [NotPersonal] public Guid DataKeyId { get; set; }
    /// <summary>The PBX's own id of the call, so that a repeated webhook opens nothing twice.</summary>
    [NotPersonal] public string? ExternalCallId { get; set; }
    /// <summary>The chat transcript was kept (with the person's consent) and is attached to this contact.</summary>
    [NotPersonal] public bool TranscriptKept { get; set; }
    [NotPersonal] public DateTimeOffset UpdatedAt { get; set; }
}
