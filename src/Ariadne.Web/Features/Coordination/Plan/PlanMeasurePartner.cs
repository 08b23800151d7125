using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Coordination;

/// <summary>A partner institution of a measure: it sees the measure and its progress, and reports nothing on it.</summary>
public sealed class PlanMeasurePartner
{
    [NotPersonal] public Guid MeasureId { get; set; }
    [NotPersonal] public Guid InstitutionId { get; set; }
}
