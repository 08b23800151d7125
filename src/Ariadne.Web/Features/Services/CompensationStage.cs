namespace Ariadne.Web.Features.Services;

/// <summary>How far a compensation claim has come (GRETA's access-to-justice indicators: claimed, awarded, paid).</summary>
public enum CompensationStage
{
    Claimed = 1,
    Awarded = 2,
    Paid = 3,
}
