namespace Ariadne.Web.Features.Accommodation;

/// <summary>A resident's comings and goings: recorded neutrally, because a shelter is never a place of confinement (§6).</summary>
public enum MovementDirection
{
    WentOut = 1,
    CameBack = 2,
}
