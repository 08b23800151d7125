namespace Ariadne.Web.Features.Accommodation;

/// <summary>A bed's state at a moment: derived from its placement, its hold and its service flag, never stored.</summary>
public enum BedState
{
    Available = 1,
    Held = 2,
    Occupied = 3,
    OutOfService = 4,
}
