namespace Ariadne.Web.Features.Coordination;

/// <summary>Who made an external recommendation that measures of the plan answer.</summary>
public enum RecommendationBody
{
    Greta = 1,
    UsTip = 2,
    UnTreatyBody = 3,
    Other = 9,
}
