namespace Ariadne.Web.Features.Investigation;

public enum ConnectionRequestStatus
{
    Pending = 1,
    Granted = 2,
    Refused = 3,
}
