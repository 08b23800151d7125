namespace Ariadne.Web.Features.Investigation;

/// <summary>A step in a request's history (its timeline).</summary>
public enum CooperationStepKind
{
    Drafted = 1,
    Submitted = 2,
    Returned = 3,
    Sent = 4,
    Reminder = 5,
    Reply = 6,
    Closed = 7,
}
