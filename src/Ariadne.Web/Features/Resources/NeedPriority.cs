namespace Ariadne.Web.Features.Resources;

/// <summary>How pressing a need is, as its institution states it.</summary>
public enum NeedPriority
{
    Low = 1,
    Normal = 2,
    High = 3,
    Urgent = 4,
}
