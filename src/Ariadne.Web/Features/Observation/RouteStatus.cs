namespace Ariadne.Web.Features.Observation;

/// <summary>Where one institution's answer to a routed problem stands.</summary>
public enum RouteStatus
{
    /// <summary>Routed, no response yet.</summary>
    Open,
    InProgress,
    Resolved,
    /// <summary>The institution cannot act, and says why.</summary>
    CannotAct,
}
