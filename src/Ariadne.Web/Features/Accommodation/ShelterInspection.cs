using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Accommodation;

/// <summary>
/// An inspection of a shelter against <see cref="ShelterCondition"/>: by the Coordinator's office or the oversight body,
/// or the shelter manager's own self-assessment. The findings are sealed under the shelter's data key; a condition not
/// met stays open until the follow-up is closed.
/// </summary>
public sealed class ShelterInspection
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid ShelterId { get; set; }
    [NotPersonal] public DateOnly InspectedOn { get; set; }
    [NotPersonal] public Guid InspectorUserId { get; set; }
    [NotPersonal] public Guid InspectorInstitutionId { get; set; }
    /// <summary>Recorded by the shelter's own manager rather than by an inspector from outside.</summary>
    [NotPersonal] public bool SelfAssessment { get; set; }
    [NotPersonal] public DateTimeOffset RecordedAt { get; set; }
    [DataClass(DataClass.Care)] public byte[]? FindingsEnc { get; set; }
    [NotPersonal] public string? FollowUpAction { get; set; }
    [NotPersonal] public DateOnly? FollowUpDue { get; set; }
    [NotPersonal] public DateTimeOffset? FollowUpClosedAt { get; set; }
    [NotPersonal] public Guid? FollowUpClosedBy { get; set; }
    public List<InspectionItem> Items { get; set; } = [];
}

/// <summary>One condition's result in an inspection.</summary>
public sealed class InspectionItem
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid InspectionId { get; set; }
    [NotPersonal] public ShelterCondition Condition { get; set; }
    [NotPersonal] public ConditionResult Result { get; set; }
}

/// <summary>A resident going out or coming back, with the time and an optional neutral note (Care, under the person's key).</summary>
public sealed class Movement
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid PlacementId { get; set; }
    [NotPersonal] public Guid CaseId { get; set; }
    [NotPersonal] public MovementDirection Direction { get; set; }
    [NotPersonal] public DateTimeOffset At { get; set; }
    [NotPersonal] public Guid RecordedBy { get; set; }
    [DataClass(DataClass.Care)] public byte[]? NoteEnc { get; set; }
}

/// <summary>
/// A resident's complaint. The text and the outcome are sealed under the complaint's own data key and opened only for
/// the oversight body (auditors); the shelter's staff and the Squad have no path to it.
/// </summary>
public sealed class ResidentComplaint
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid PlacementId { get; set; }
    [NotPersonal] public Guid ShelterId { get; set; }
    [NotPersonal] public ComplaintChannel Channel { get; set; }
    [NotPersonal] public Guid? RecordedBy { get; set; }
    [NotPersonal] public DateTimeOffset ReceivedAt { get; set; }
    [NotPersonal] public ComplaintStatus Status { get; set; } = ComplaintStatus.Received;
    [NotPersonal] public Guid DataKeyId { get; set; }
    [DataClass(DataClass.Care)] public byte[]? TextEnc { get; set; }
    [DataClass(DataClass.Care)] public byte[]? OutcomeEnc { get; set; }
    [NotPersonal] public DateTimeOffset? UpdatedAt { get; set; }
}
