using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.InformationRequests;

/// <summary>A step in a request's timeline: filed, the holder asked, the opinion, the decision, a revocation, the lapse.</summary>
public sealed class InformationRequestStep
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid RequestId { get; set; }
    [NotPersonal] public StepKind Kind { get; set; }
    [NotPersonal] public DateTimeOffset At { get; set; }
    /// <summary>Who took the step; null for the system (the lapse).</summary>
    [NotPersonal] public Guid? By { get; set; }
}
