using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Cases;

/// <summary>How each projected field is shown and edited on the pages: its class, and its input kind.</summary>
public static class CaseFields
{
    public enum Input { ReadOnly, Text, Date, Sex, LongText, Status, Flag }

    public sealed record Field(string Name, DataClass Class, Input Input);

    public static IReadOnlyList<Field> All { get; } =
    [
        new("number", DataClass.Status, Input.ReadOnly),
        new("status", DataClass.Status, Input.Status),
        new("isMinor", DataClass.Status, Input.Flag),
        new("responsibleInstitutionId", DataClass.Status, Input.ReadOnly),
        new("createdAt", DataClass.Status, Input.ReadOnly),
        new("traffickingStatus", DataClass.Status, Input.ReadOnly),
        new("reflectionEndsOn", DataClass.Status, Input.ReadOnly),
        new("givenName", DataClass.Identity, Input.Text),
        new("familyName", DataClass.Identity, Input.Text),
        new("patronymic", DataClass.Identity, Input.Text),
        new("dateOfBirth", DataClass.Identity, Input.Date),
        new("sex", DataClass.Identity, Input.Sex),
        new("citizenship", DataClass.Identity, Input.Text),
        new("languages", DataClass.Identity, Input.Text),
        new("documentNumber", DataClass.Identity, Input.Text),
        new("phone", DataClass.ContactLocation, Input.Text),
        new("address", DataClass.ContactLocation, Input.LongText),
        new("whereabouts", DataClass.ContactLocation, Input.LongText),
        new("health", DataClass.Health, Input.LongText),
        new("situation", DataClass.Investigation, Input.LongText),
        new("legal", DataClass.Legal, Input.LongText),
        new("care", DataClass.Care, Input.LongText),
        new("safetyPlan", DataClass.Care, Input.LongText),
    ];

    public static string InputName(string field) => char.ToUpperInvariant(field[0]) + field[1..];

    public static readonly DataClass[] Classes =
        [DataClass.Status, DataClass.Identity, DataClass.ContactLocation, DataClass.Health, DataClass.Investigation, DataClass.Legal, DataClass.Care];
}
