namespace Ariadne.Web.Features.InformationRequests;

/// <summary>What the Coordinator decides: release (all asked, or less), or refuse.</summary>
public enum DecisionOutcome
{
    Approve = 1,
    Refuse = 2,
}
