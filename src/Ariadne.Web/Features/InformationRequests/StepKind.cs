namespace Ariadne.Web.Features.InformationRequests;

/// <summary>The kinds of step in a request's timeline.</summary>
public enum StepKind
{
    Submitted = 1,
    HolderAsked = 2,
    Opinion = 3,
    Approved = 4,
    PartlyApproved = 5,
    Refused = 6,
    Revoked = 7,
    Lapsed = 8,
}
