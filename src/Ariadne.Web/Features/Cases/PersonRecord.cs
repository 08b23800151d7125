using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Cases;

/// <summary>
/// A person in clear, each field tagged with its data class and, if the case page edits it, its input
/// kind: the only declaration of these fields' classes (projection, input, form and API schema read it).
/// </summary>
public sealed record PersonRecord
{
    [DataClass(DataClass.Identity, FieldInput.Text)] public string? GivenName { get; init; }
    [DataClass(DataClass.Identity, FieldInput.Text)] public string? FamilyName { get; init; }
    [DataClass(DataClass.Identity, FieldInput.Text)] public string? Patronymic { get; init; }
    [DataClass(DataClass.Identity, FieldInput.Date)] public string? DateOfBirth { get; init; }
    [DataClass(DataClass.Identity, FieldInput.Sex)] public string? Sex { get; init; }
    [DataClass(DataClass.Identity, FieldInput.Text)] public string? Citizenship { get; init; }
    [DataClass(DataClass.Identity, FieldInput.Text)] public string? Languages { get; init; }
    [DataClass(DataClass.Identity, FieldInput.Text)] public string? DocumentNumber { get; init; }
    [DataClass(DataClass.ContactLocation, FieldInput.Text)] public string? Phone { get; init; }
    [DataClass(DataClass.ContactLocation, FieldInput.LongText)] public string? Address { get; init; }
    [DataClass(DataClass.ContactLocation, FieldInput.LongText)] public string? Whereabouts { get; init; }
    [DataClass(DataClass.Health, FieldInput.LongText)] public string? Health { get; init; }
}
