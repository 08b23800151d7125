namespace Ariadne.Web.Features.Helpline;

/// <summary>Where a contact stands: waiting to be answered, being handled, or closed.</summary>
public enum ContactStatus
{
    Waiting = 1,
    Open = 2,
    Closed = 3,
}
