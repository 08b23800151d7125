using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Accommodation;

/// <summary>One condition's result in an inspection.</summary>
public sealed class InspectionItem
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid InspectionId { get; set; }
    [NotPersonal] public ShelterCondition Condition { get; set; }
    [NotPersonal] public ConditionResult Result { get; set; }
}
