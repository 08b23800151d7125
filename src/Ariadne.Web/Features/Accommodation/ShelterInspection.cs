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
    [NotPersonal] public List<InspectionItem> Items { get; set; } = [];
}
