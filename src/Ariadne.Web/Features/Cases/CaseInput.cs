using System.Reflection;
using Ariadne.Web.Platform.Access;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Cases;

/// <summary>A new case or changes to one, from a form or the API. Null means "not sent", not "erase".</summary>
public sealed class CaseInput
{
    public string? GivenName { get; set; }
    public string? FamilyName { get; set; }
    public string? Patronymic { get; set; }
    [Microsoft.AspNetCore.Mvc.ModelBinder(typeof(Platform.Ui.DatePartsBinder))]
    public string? DateOfBirth { get; set; }
    public string? Sex { get; set; }
    public string? Citizenship { get; set; }
    public string? Languages { get; set; }
    public string? DocumentNumber { get; set; }
    public string? Phone { get; set; }
    public string? Address { get; set; }
    public string? Whereabouts { get; set; }
    public string? Health { get; set; }
    public string? Situation { get; set; }
    public string? Legal { get; set; }
    public string? Care { get; set; }
    public string? SafetyPlan { get; set; }
    public CaseStatus? Status { get; set; }
    public CaseClosureOutcome? ClosureOutcome { get; set; }
    public bool? IsMinor { get; set; }

    /// <summary>The values of sex, stored as codes and shown as words (<c>Sex_&lt;code&gt;</c>).</summary>
    public static readonly string[] Sexes = ["female", "male", "other", "unknown"];

    /// <summary>
    /// Each property with the class of the record field of the same name (<see cref="CaseRecord"/> or
    /// <see cref="PersonRecord"/>), read from its <see cref="DataClassAttribute"/>: a property without a
    /// classified counterpart stops the type from loading, so no input can be written unclassified.
    /// </summary>
    private static readonly (PropertyInfo Property, DataClass Class)[] Classified = typeof(CaseInput).GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Select(p => (p, CaseProjection.AllFields.TryGetValue(CaseProjection.Name(p.Name), out var dataClass) ? dataClass
            : throw new InvalidOperationException($"CaseInput.{p.Name} has no classified field in CaseRecord or PersonRecord")))
        .ToArray();

    /// <summary>The classes this input touches; a writer needs write on every one of them.</summary>
    public DataClass Touches()
    {
        var classes = DataClass.None;
        foreach (var (property, dataClass) in Classified)
            if (property.GetValue(this) is not null)
                classes |= dataClass;
        return classes;
    }

    public Dictionary<string, string[]> Validate(IStringLocalizer text, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        void Max(string? value, string field, int length)
        {
            if (value is not null && value.Length > length)
                errors[field] = [text["Validation_TooLong", length]];
        }
        Max(GivenName, nameof(GivenName), 100);
        Max(FamilyName, nameof(FamilyName), 100);
        Max(Patronymic, nameof(Patronymic), 100);
        Max(Languages, nameof(Languages), 200);
        Max(DocumentNumber, nameof(DocumentNumber), 40);
        Max(Address, nameof(Address), 300);
        Max(Whereabouts, nameof(Whereabouts), 300);
        Max(Health, nameof(Health), 4000);
        Max(Situation, nameof(Situation), 4000);
        Max(Legal, nameof(Legal), 4000);
        Max(Care, nameof(Care), 4000);
        Max(SafetyPlan, nameof(SafetyPlan), 4000);
        if (!string.IsNullOrWhiteSpace(DateOfBirth))
        {
            if (!DateOnly.TryParseExact(DateOfBirth.Trim(), "yyyy-MM-dd", out var born) || born > today || born < today.AddYears(-120))
                errors[nameof(DateOfBirth)] = [text["Case_DateOfBirthInvalid"]];
        }
        if (!string.IsNullOrWhiteSpace(Sex) && !Sexes.Contains(Sex.Trim()))
            errors[nameof(Sex)] = [text["Validation_ValueInvalid"]];
        if (!string.IsNullOrWhiteSpace(Citizenship) && (Citizenship.Trim().Length != 3 || !Citizenship.Trim().All(char.IsAsciiLetterUpper) || !Platform.Ui.Countries.IsKnown(Citizenship)))
            errors[nameof(Citizenship)] = [text["Case_CitizenshipFormat"]];
        if (!string.IsNullOrWhiteSpace(Phone) && (Platform.Crypto.BlindIndex.NormalizePhone(Phone)?.Length is not (>= 7 and <= 15)))
            errors[nameof(Phone)] = [text["Case_PhoneFormat"]];
        if (Status is { } status && !Enum.IsDefined(status))
            errors[nameof(Status)] = [text["Validation_ValueInvalid"]];
        // Closing takes the outcome of the closure (HTCDS); an outcome goes only with a closed status.
        if (ClosureOutcome is { } outcome && !Enum.IsDefined(outcome))
            errors[nameof(ClosureOutcome)] = [text["Validation_ValueInvalid"]];
        else if (Status is { } closing && CaseStatuses.IsClosed(closing) && ClosureOutcome is null)
            errors[nameof(ClosureOutcome)] = [text["Closure_OutcomeRequired"]];
        else if (Status is { } open && !CaseStatuses.IsClosed(open) && ClosureOutcome is not null)
            errors[nameof(ClosureOutcome)] = [text["Closure_OutcomeOnlyWhenClosed"]];
        return errors;
    }

    /// <summary>The person after this input, keeping what was not sent.</summary>
    public PersonRecord Apply(PersonRecord current) => current with
    {
        GivenName = GivenName ?? current.GivenName,
        FamilyName = FamilyName ?? current.FamilyName,
        Patronymic = Patronymic ?? current.Patronymic,
        DateOfBirth = DateOfBirth ?? current.DateOfBirth,
        Sex = Sex ?? current.Sex,
        Citizenship = Citizenship ?? current.Citizenship,
        Languages = Languages ?? current.Languages,
        DocumentNumber = DocumentNumber ?? current.DocumentNumber,
        Phone = Phone ?? current.Phone,
        Address = Address ?? current.Address,
        Whereabouts = Whereabouts ?? current.Whereabouts,
        Health = Health ?? current.Health,
    };

    /// <summary>Under 18 on the given day, from the date of birth (if known).</summary>
    public static bool IsChild(string? dateOfBirth, DateOnly today) =>
        DateOnly.TryParseExact(dateOfBirth ?? "", "yyyy-MM-dd", out var born) && born.AddYears(18) > today;
}
