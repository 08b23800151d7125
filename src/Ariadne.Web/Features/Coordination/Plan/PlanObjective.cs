using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Coordination;

/// <summary>An objective of an <see cref="ActionPlan"/>, usually one section of the plan (e.g. §6 secure accommodation and the helpline).</summary>
public sealed class PlanObjective
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid PlanId { get; set; }
    [NotPersonal] public string Code { get; set; } = "";
    [NotPersonal] public int Order { get; set; }
    [NotPersonal] public string TitleAz { get; set; } = "";
    [NotPersonal] public string TitleRu { get; set; } = "";
    [NotPersonal] public string TitleEn { get; set; } = "";
}
