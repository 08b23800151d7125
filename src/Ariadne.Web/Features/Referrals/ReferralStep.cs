namespace Ariadne.Web.Features.Referrals;

/// <summary>The steps of the referral form, one subject per page.</summary>
public enum ReferralStep
{
    Person = 1,
    Situation = 2,
    Indicators = 3,
    Consent = 4,
    Review = 5,
}
