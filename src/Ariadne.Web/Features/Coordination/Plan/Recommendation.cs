using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Coordination;

/// <summary>
/// A recommendation made to the State (GRETA, the US TIP report, a UN treaty body), kept in the language it was issued
/// in, and answered by the measures linked to it (<see cref="RecommendationMeasure"/>); its progress is theirs.
/// </summary>
public sealed class Recommendation
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public RecommendationBody Body { get; set; }
    /// <summary>Where it stands in its report, e.g. "GRETA(2018)2, para. 71".</summary>
    [NotPersonal] public string Reference { get; set; } = "";
    [NotPersonal] public int Year { get; set; }
    [NotPersonal] public string Text { get; set; } = "";
    [NotPersonal] public Guid CreatedBy { get; set; }
    [NotPersonal] public DateTimeOffset CreatedAt { get; set; }
}
