namespace Ariadne.Web.Features.Helpline;

/// <summary>Who is contacting (Polaris: victim/survivor, community member, family, professional).</summary>
public enum CallerType
{
    Victim = 1,
    ThirdParty = 2,
    Family = 3,
    Professional = 4,
    Unknown = 5,
}
