namespace Ariadne.Web.Features.Coordination;

/// <summary>Where a measure of the action plan stands. Every change is recorded with its evidence (<see cref="MeasureStatusChange"/>).</summary>
public enum MeasureStatus
{
    Planned = 0,
    InProgress = 1,
    Delayed = 2,
    Completed = 3,
    Cancelled = 4,
}
