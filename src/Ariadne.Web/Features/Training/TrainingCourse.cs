using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Participants;

namespace Ariadne.Web.Features.Training;

/// <summary>
/// A course of the national training programme (the plan's §3c, §5, §6): its title in three languages, the training topic it
/// qualifies for (none for general awareness courses), how many months its certificate counts (none: it never expires; a
/// shelter-security course must expire, as <see cref="TrainingRecord.Expires"/> says) and who provides it.
/// </summary>
public sealed class TrainingCourse
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public string Code { get; set; } = "";
    [NotPersonal] public string TitleAz { get; set; } = "";
    [NotPersonal] public string TitleRu { get; set; } = "";
    [NotPersonal] public string TitleEn { get; set; } = "";
    [NotPersonal] public string? Description { get; set; }
    [NotPersonal] public TrainingTopic? Topic { get; set; }
    [NotPersonal] public int? ValidityMonths { get; set; }
    [NotPersonal] public string Provider { get; set; } = "";
    [NotPersonal] public DateTimeOffset CreatedAt { get; set; }
    [NotPersonal] public Guid CreatedBy { get; set; }
}
