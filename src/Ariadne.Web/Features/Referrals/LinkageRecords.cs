using Ariadne.Web.Features.Cases;

namespace Ariadne.Web.Features.Referrals;

/// <summary>A person known to the platform (a case's person, or what a referral said) in the linkage library's form.</summary>
public static class LinkageRecords
{
    public static Ariadne.Linkage.PersonRecord From(string id, PersonRecord p, bool withPhone = true) =>
        new(id, p.GivenName, p.FamilyName, p.Patronymic, p.Sex, p.DateOfBirth, p.Citizenship, p.DocumentNumber, withPhone ? p.Phone : null);

    public static Ariadne.Linkage.PersonRecord From(string id, ReferralContent c) =>
        new(id, c.GivenName, c.FamilyName, c.Patronymic, c.Sex, c.DateOfBirth, c.Citizenship, c.DocumentNumber, c.Phone);
}
