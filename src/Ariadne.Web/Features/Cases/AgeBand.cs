namespace Ariadne.Web.Features.Cases;

/// <summary>A coarse age shown instead of a date of birth in headers and lists: 0–11, 12–17, 18–24, 25–34, 35–49, 50+.</summary>
public enum AgeBand
{
    Under12,
    From12To17,
    From18To24,
    From25To34,
    From35To49,
    From50,
}
