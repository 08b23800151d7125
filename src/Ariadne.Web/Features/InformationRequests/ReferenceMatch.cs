namespace Ariadne.Web.Features.InformationRequests;

/// <summary>What the system found for a request's reference (shown to the Coordinator's office only).</summary>
public enum ReferenceMatch
{
    None = 0,
    CaseNumber = 1,
    ReferralNumber = 2,
}
