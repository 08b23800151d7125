namespace Ariadne.Web.Features.Referrals;

/// <summary>Whether the person agreed to be referred. A referral without consent is still accepted (the Squad decides).</summary>
public enum ReferralConsent
{
    Given = 1,
    Refused = 2,
    NotAsked = 3,
}
