namespace Ariadne.Web.Features.Cases;

/// <summary>HTCDS vic_trafficking_status.</summary>
public enum TraffickingStatus
{
    Possible = 1,
    Actual = 2,
    NotAVictim = 3,
}
