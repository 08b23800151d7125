namespace Ariadne.Web.Features.Referrals;

/// <summary>What a referral said about the person, in the linkage library's form: the probe for the matchers.</summary>
public static class ReferralLinkage
{
    public static Ariadne.Linkage.PersonRecord From(string id, ReferralContent c) =>
        new(id, c.GivenName, c.FamilyName, c.Patronymic, c.Sex, c.DateOfBirth, c.Citizenship, c.DocumentNumber, c.Phone);
}
