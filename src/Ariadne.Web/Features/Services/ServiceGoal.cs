using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Services;

/// <summary>A goal of the person's service plan (Care): what it is for, which service, how far it has come and by when.</summary>
public sealed class ServiceGoal
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid CaseId { get; set; }
    [DataClass(DataClass.Care)] public ServiceType Type { get; set; }
    [DataClass(DataClass.Care)] public GoalStatus Status { get; set; } = GoalStatus.Planned;
    [DataClass(DataClass.Care)] public DateOnly? TargetDate { get; set; }
    [DataClass(DataClass.Care)] public byte[]? TextEnc { get; set; }
    [NotPersonal] public DateTimeOffset CreatedAt { get; set; }
    [NotPersonal] public Guid CreatedBy { get; set; }
    [NotPersonal] public DateTimeOffset UpdatedAt { get; set; }
    [NotPersonal] public Guid UpdatedBy { get; set; }
}
