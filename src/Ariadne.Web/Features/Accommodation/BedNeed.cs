namespace Ariadne.Web.Features.Accommodation;

/// <summary>Who needs a bed, as the bed finder asks it.</summary>
public enum BedNeed
{
    Woman = 1,
    Man = 2,
    Child = 3,
    WomanWithChildren = 4,
}
