namespace Ariadne.Web.Features.Protection;

/// <summary>Why a recipient declined an onward referral: a declined person must be placed elsewhere, so the sender needs to know why.</summary>
public enum DeclineReason
{
    NoCapacity = 1,
    OutsideRemit = 2,
    CannotMeetNeeds = 3,
    SafetyConcern = 4,
    Other = 5,
}
