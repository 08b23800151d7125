using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Coordination;

/// <summary>A measure of the plan that answers a <see cref="Recommendation"/>.</summary>
public sealed class RecommendationMeasure
{
    [NotPersonal] public Guid RecommendationId { get; set; }
    [NotPersonal] public Guid MeasureId { get; set; }
}
