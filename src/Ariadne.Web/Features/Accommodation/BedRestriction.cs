namespace Ariadne.Web.Features.Accommodation;

/// <summary>Who a bed is for. <see cref="None"/> is any adult; a mother-with-child place takes a mother and her children.</summary>
public enum BedRestriction
{
    None = 0,
    Women = 1,
    Men = 2,
    Children = 3,
    MotherWithChild = 4,
    Accessible = 5,
}
