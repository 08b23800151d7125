namespace Ariadne.Web.Features.Identification;

/// <summary>The six dimensions of the trafficking definition used by the ILO–EC operational indicators (2009).</summary>
public enum IndicatorDimension
{
    DeceptiveRecruitment = 1,
    CoerciveRecruitment = 2,
    VulnerabilityAtRecruitment = 3,
    ExploitativeConditions = 4,
    CoercionAtDestination = 5,
    VulnerabilityAtDestination = 6,
}
