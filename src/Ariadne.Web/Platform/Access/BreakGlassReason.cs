namespace Ariadne.Web.Platform.Access;

/// <summary>Why a user opened a case without a grant: a structured reason, then free text.</summary>
public enum BreakGlassReason
{
    ImminentDangerToLife = 1,
    MissingOrAbductedPerson = 2,
    MedicalEmergency = 3,
    UrgentProtectionMeasure = 4,
    DutyCoverOutOfHours = 5,
}
