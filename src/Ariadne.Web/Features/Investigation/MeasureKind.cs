namespace Ariadne.Web.Features.Investigation;

public enum MeasureKind
{
    Detention = 1,
    HouseArrest = 2,
    Bail = 3,
    TravelBan = 4,
    PoliceSupervision = 5,
    Search = 6,
    Seizure = 7,
    AssetFreeze = 8,
}
