namespace Ariadne.Web.Features.Investigation;

/// <summary>
/// The fields of a file's party a request may carry abroad, chosen one by one. The party's notes and its link to a
/// protection case are not among them: they never leave.
/// </summary>
[Flags]
public enum PartyFields
{
    None = 0,
    Name = 1,
    BirthYear = 2,
    Sex = 4,
    Citizenship = 8,
}
