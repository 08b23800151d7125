namespace Ariadne.Web.Features.Services;

/// <summary>The services of the plan's §3b. Medical and psychological sessions are health information; the others are care (see <see cref="ServiceClasses"/>).</summary>
public enum ServiceType
{
    Medical = 1,
    Psychological = 2,
    Legal = 3,
    Translation = 4,
    Social = 5,
    Education = 6,
    Vocational = 7,
}
