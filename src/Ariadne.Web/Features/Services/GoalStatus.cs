namespace Ariadne.Web.Features.Services;

/// <summary>Where a goal of the service plan stands.</summary>
public enum GoalStatus
{
    Planned = 1,
    InProgress = 2,
    Achieved = 3,
    Dropped = 4,
}
