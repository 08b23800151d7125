namespace Ariadne.Web.Features.Resources;

/// <summary>The plan's eight kinds of need (§1, §3d), in its order.</summary>
public enum NeedCategory
{
    Information = 1,
    Methodological = 2,
    Organisational = 3,
    Material = 4,
    Consultative = 5,
    Technical = 6,
    Physical = 7,
    Financial = 8,
}
