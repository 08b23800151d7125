using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Coordination;

/// <summary>
/// A national action plan (issue 16 §1): plan → <see cref="PlanObjective"/> → <see cref="PlanMeasure"/>. Plans are public
/// policy, not personal data; titles are kept in the three languages of the deployment.
/// </summary>
public sealed class ActionPlan
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>The code the import matches on (e.g. NAP-2004): importing the same plan again updates it, never duplicates it.</summary>
    [NotPersonal] public string Code { get; set; } = "";
    [NotPersonal] public string TitleAz { get; set; } = "";
    [NotPersonal] public string TitleRu { get; set; } = "";
    [NotPersonal] public string TitleEn { get; set; } = "";
    /// <summary>The act that adopted it (e.g. "Decree No. 208 of 6 May 2004"), in the three languages.</summary>
    [NotPersonal] public string SourceAz { get; set; } = "";
    [NotPersonal] public string SourceRu { get; set; } = "";
    [NotPersonal] public string SourceEn { get; set; } = "";
    [NotPersonal] public int FirstYear { get; set; }
    [NotPersonal] public DateTimeOffset ImportedAt { get; set; }
}
