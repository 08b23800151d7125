namespace Ariadne.Web.Features.Accommodation;

/// <summary>Why a stay ended. Leaving by one's own choice is a reason like any other: a shelter is not a place of confinement.</summary>
public enum DischargeReason
{
    PlanCompleted = 1,
    OwnChoice = 2,
    Transferred = 3,
    Repatriated = 4,
    FamilyReunification = 5,
    SafetyConcern = 6,
    Other = 7,
}
