namespace Ariadne.Web.Features.Protection;

/// <summary>
/// The only conditions that may be attached to assistance (a stay in a shelter). Cooperating with the investigation,
/// testifying or giving evidence is not among them and cannot be: plan §6, CoE Convention art. 12 §6.
/// </summary>
public enum AssistanceCondition
{
    RespectsHouseRules = 1,
    KeepsMedicalAppointments = 2,
    RespectsOtherResidents = 3,
    NoViolenceOrThreats = 4,
    NoAlcoholOrDrugsOnPremises = 5,
}
