namespace Ariadne.Web.Features.Investigation;

public enum PartySex
{
    Female = 1,
    Male = 2,
    Unknown = 3,
}
