using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Investigation;

/// <summary>
/// A request to foreign law enforcement for a criminal file (the plan's §4, §5: the Squad builds relations with foreign
/// law enforcement via the National Coordinator). Drafted by the Squad, approved and sent by the Coordinator, who sees the
/// request and its <see cref="CooperationItem"/>s but never the file. Free text is sealed under the file's data key.
/// </summary>
public sealed class CooperationRequest
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>A random number the system quotes (FR-2026-7Q3K9M), never a sequence.</summary>
    [NotPersonal] public string Number { get; set; } = "";
    [NotPersonal] public Guid FileId { get; set; }
    /// <summary>The file's data key, under which the purpose, the items and the reply are sealed.</summary>
    [NotPersonal] public Guid DataKeyId { get; set; }
    [NotPersonal] public Guid SquadInstitutionId { get; set; }
    /// <summary>ISO 3166-1 alpha-3 of the requested State.</summary>
    [NotPersonal] public string Country { get; set; } = "";
    /// <summary>The requested authority in words (e.g. "Interpol NCB Ankara").</summary>
    [NotPersonal] public string Authority { get; set; } = "";
    /// <summary>An international partner institution known to the deployment, when the request goes through one.</summary>
    [NotPersonal] public Guid? PartnerInstitutionId { get; set; }
    [NotPersonal] public CooperationChannel Channel { get; set; }
    [NotPersonal] public AssistanceKind Assistance { get; set; }
    [NotPersonal] public CooperationUrgency Urgency { get; set; }
    [DataClass(DataClass.Investigation)] public byte[]? PurposeEnc { get; set; }
    /// <summary>The day by which an answer is asked for.</summary>
    [NotPersonal] public DateOnly Deadline { get; set; }
    [NotPersonal] public CooperationStatus Status { get; set; } = CooperationStatus.Draft;
    [NotPersonal] public Guid DraftedBy { get; set; }
    [NotPersonal] public DateTimeOffset CreatedAt { get; set; }
    [NotPersonal] public DateTimeOffset UpdatedAt { get; set; }
    [NotPersonal] public Guid? SubmittedBy { get; set; }
    [NotPersonal] public DateTimeOffset? SubmittedAt { get; set; }
    /// <summary>The Coordinator's reason for returning it (no personal data asked for; sealed all the same).</summary>
    [DataClass(DataClass.Investigation)] public byte[]? ReturnReasonEnc { get; set; }
    [NotPersonal] public Guid? ApprovedBy { get; set; }
    [NotPersonal] public DateOnly? SentOn { get; set; }
    /// <summary>The outgoing letter's reference.</summary>
    [NotPersonal] public string? OutgoingReference { get; set; }
    [NotPersonal] public ReplyKind? Reply { get; set; }
    [NotPersonal] public DateOnly? RepliedOn { get; set; }
    [DataClass(DataClass.Investigation)] public byte[]? ReplySummaryEnc { get; set; }
    [NotPersonal] public DateOnly? LastReminderOn { get; set; }
    [NotPersonal] public DateTimeOffset? ClosedAt { get; set; }
}
