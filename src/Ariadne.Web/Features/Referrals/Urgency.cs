namespace Ariadne.Web.Features.Referrals;

/// <summary>How fast the Squad must acknowledge: "immediate danger" is minutes, the default is 24 hours.</summary>
public enum Urgency
{
    Immediate = 1,
    High = 2,
    Standard = 3,
}
