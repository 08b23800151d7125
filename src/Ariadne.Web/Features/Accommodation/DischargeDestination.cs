namespace Ariadne.Web.Features.Accommodation;

/// <summary>Where the person went: a kind of place, never an address.</summary>
public enum DischargeDestination
{
    OwnHome = 1,
    Family = 2,
    AnotherShelter = 3,
    IndependentHousing = 4,
    AnotherCountry = 5,
    NotKnown = 6,
}
