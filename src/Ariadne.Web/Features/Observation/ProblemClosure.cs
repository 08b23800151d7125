namespace Ariadne.Web.Features.Observation;

/// <summary>Why a problem was closed.</summary>
public enum ProblemClosure
{
    /// <summary>The Coordinator is satisfied with the institutions' responses.</summary>
    Resolved,
    NotActionable,
    Duplicate,
}
