namespace Ariadne.Web.Features.Investigation;

public enum MeasureAuthority
{
    Court = 1,
    Prosecutor = 2,
    Investigator = 3,
}
