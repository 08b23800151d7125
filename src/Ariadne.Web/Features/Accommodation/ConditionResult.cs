namespace Ariadne.Web.Features.Accommodation;

/// <summary>What an inspection found for one condition.</summary>
public enum ConditionResult
{
    Met = 1,
    NotMet = 2,
    NotApplicable = 3,
}
