namespace Ariadne.Web.Features.InformationRequests;

/// <summary>Where a request stands. An approval past its expiry is shown as lapsed (<see cref="InformationRequests.Lapsed"/>).</summary>
public enum RequestStatus
{
    Submitted = 1,
    Approved = 2,
    PartlyApproved = 3,
    Refused = 4,
    Revoked = 5,
}
