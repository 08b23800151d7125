using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Accommodation;

/// <summary>
/// A reintegration follow-up after a stay, due 1, 3, 6 and 12 months after discharge (only with the person's consent).
/// It is a task for the worker who discharged; missed by more than <see cref="FollowUpService.Grace"/>, it escalates.
/// </summary>
public sealed class FollowUp
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid CaseId { get; set; }
    [NotPersonal] public Guid PlacementId { get; set; }
    [NotPersonal] public int Month { get; set; }
    [NotPersonal] public DateOnly DueOn { get; set; }
    [NotPersonal] public Guid ResponsibleUserId { get; set; }
    [NotPersonal] public Guid ResponsibleInstitutionId { get; set; }
    [NotPersonal] public DateTimeOffset? DoneAt { get; set; }
    [NotPersonal] public Guid? DoneBy { get; set; }
    /// <summary>Whether the person could be reached; a follow-up that did not reach them flags them as not reachable.</summary>
    [NotPersonal] public bool? Reached { get; set; }
    [NotPersonal] public FollowUpSituation? Situation { get; set; }
    [NotPersonal] public bool? RetraffickingRisk { get; set; }
    [DataClass(DataClass.Care)] public byte[]? NotesEnc { get; set; }
    [NotPersonal] public DateTimeOffset? EscalatedAt { get; set; }
}
