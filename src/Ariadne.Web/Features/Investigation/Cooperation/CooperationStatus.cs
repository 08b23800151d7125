namespace Ariadne.Web.Features.Investigation;

/// <summary>
/// Where a request to foreign law enforcement stands: drafted by the Squad, submitted to the National Coordinator, returned
/// to the Squad with a reason (then edited and submitted again) or approved and sent, answered in part or in full, closed.
/// </summary>
public enum CooperationStatus
{
    Draft = 1,
    Submitted = 2,
    Returned = 3,
    Sent = 4,
    PartlyAnswered = 5,
    Answered = 6,
    Closed = 7,
}
