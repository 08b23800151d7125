using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Training;

/// <summary>One session of a course: when, where, in which language, for how many participants, and whether it was held.</summary>
public sealed class TrainingSession
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid CourseId { get; set; }
    [NotPersonal] public DateOnly StartsOn { get; set; }
    [NotPersonal] public DateOnly EndsOn { get; set; }
    [NotPersonal] public string Place { get; set; } = "";
    /// <summary>az, ru or en.</summary>
    [NotPersonal] public string Language { get; set; } = "az";
    [NotPersonal] public int Capacity { get; set; }
    [NotPersonal] public SessionStatus Status { get; set; } = SessionStatus.Planned;
    [NotPersonal] public DateTimeOffset CreatedAt { get; set; }
    [NotPersonal] public Guid CreatedBy { get; set; }
}
