using Ariadne.Web.Features.Cases;
using Ariadne.Web.Features.Identification;

namespace Ariadne.Web.Features.Exchange;

/// <summary>
/// The HTCDS exchange file: one comma-separated row per protection case, its columns named as the Human Trafficking Case
/// Data Standard names its fields (prefix <c>prs_</c> person, <c>vic_</c> victim context, <c>cas_</c> case), pseudonymised:
/// no name, document, phone, address or free text; a keyed pseudonym instead of any identifier; the year of birth only.
/// Multi-select values are joined by ";". docs/exchange.md gives the mapping.
/// </summary>
public static class HtcdsFormat
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "cas_Pseudonym", "cas_Status", "cas_ReasonForCaseClosure", "prs_Gender", "prs_BirthYear", "prs_Nationality",
        "vic_IsMinor", "vic_TraffickingStatus", "vic_IdentifiedBy", "vic_IdentificationYear", "vic_TypeOfExploitation",
    ];

    /// <summary>Ariadne's sex codes ↔ HTCDS prs_Gender.</summary>
    public static readonly IReadOnlyDictionary<string, string> Genders = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["female"] = "Female",
        ["male"] = "Male",
        ["other"] = "Transgender/NonConforming",
        ["unknown"] = "Unknown",
    };

    /// <summary>Ariadne's forms of exploitation ↔ HTCDS vic_TypeOfExploitation.</summary>
    public static readonly IReadOnlyDictionary<string, string> Exploitation = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["forced-labour"] = "ForcedLabour",
        ["sexual"] = "SexualExploitation",
        ["child-labour"] = "ChildLabour",
        ["forced-marriage"] = "ForcedMarriage",
        ["servitude"] = "SlaveryAndSimilarPractices",
        ["forced-military"] = "ForcedMilitary",
        ["organ-removal"] = "OrganRemoval",
        ["begging"] = "ForcedBegging",
        ["forced-adoption"] = "ForcedAdoption",
        ["surrogacy"] = "ForcedSurrogacy",
        ["criminality"] = "ForcedCriminality",
        ["other"] = "Other",
    };

    public static string Name<T>(T value) where T : struct, Enum => value.ToString();

    public static bool TryEnum<T>(string text, out T value) where T : struct, Enum =>
        Enum.TryParse(text, ignoreCase: false, out value) && Enum.IsDefined(value) && !int.TryParse(text, out _);

    /// <summary>A case's row, in <see cref="Columns"/> order.</summary>
    public sealed record Row(string Pseudonym, CaseStatus Status, CaseClosureOutcome? Closure, string? Sex, int? BirthYear, string? Nationality,
        bool IsMinor, TraffickingStatus TraffickingStatus, DecidingBody? IdentifiedBy, int? IdentificationYear, string? Exploitation)
    {
        public string[] Fields() =>
        [
            Pseudonym, Name(Status), Closure is { } c ? Name(c) : "", Sex is null ? "" : Genders.GetValueOrDefault(Sex, ""),
            BirthYear?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "", IsoCountries.Alpha2(Nationality) ?? "",
            IsMinor ? "true" : "false", Name(TraffickingStatus), IdentifiedBy is { } b ? Name(b) : "",
            IdentificationYear?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
            Exploitation is null ? "" : string.Join(';', Exploitation.Split(';').Select(f => HtcdsFormat.Exploitation[f])),
        ];
    }
}
