using Ariadne.Web.Features.Cases;

namespace Ariadne.Web.Features.Cases;

/// <summary>A case's person in the linkage library's form (what the matchers compare a probe with).</summary>
public static class LinkageRecords
{
    public static Ariadne.Linkage.PersonRecord From(string id, PersonRecord p, bool withPhone = true) =>
        new(id, p.GivenName, p.FamilyName, p.Patronymic, p.Sex, p.DateOfBirth, p.Citizenship, p.DocumentNumber, withPhone ? p.Phone : null);
}
