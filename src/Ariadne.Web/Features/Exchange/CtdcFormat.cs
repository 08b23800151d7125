using Ariadne.Web.Platform.Statistics;

namespace Ariadne.Web.Features.Exchange;

/// <summary>
/// The CTDC global dataset's 63 columns (the 2020 release) and its value conventions: <c>-99</c> is missing, countries are
/// ISO alpha-2 with <c>00</c> for an unknown country, age bands are written <c>18--20</c>, flags are 1, 0 or -99, and the
/// <c>…Concatenated</c> columns join labels with ";". docs/exchange.md says how each maps to Ariadne's codes.
/// </summary>
public static class CtdcFormat
{
    public const string Missing = "-99";
    public const string UnknownCountry = "00";

    public static readonly IReadOnlyList<string> Columns =
    [
        "yearOfRegistration", "Datasource", "gender", "ageBroad",
        "majorityStatus", "majorityStatusAtExploit", "majorityEntry", "citizenship",
        "meansOfControlDebtBondage", "meansOfControlTakesEarnings", "meansOfControlRestrictsFinancialAccess", "meansOfControlThreats",
        "meansOfControlPsychologicalAbuse", "meansOfControlPhysicalAbuse", "meansOfControlSexualAbuse", "meansOfControlFalsePromises",
        "meansOfControlPsychoactiveSubstances", "meansOfControlRestrictsMovement", "meansOfControlRestrictsMedicalCare", "meansOfControlExcessiveWorkingHours",
        "meansOfControlUsesChildren", "meansOfControlThreatOfLawEnforcement", "meansOfControlWithholdsNecessities", "meansOfControlWithholdsDocuments",
        "meansOfControlOther", "meansOfControlNotSpecified", "meansOfControlConcatenated", "isForcedLabour",
        "isSexualExploit", "isOtherExploit", "isSexAndLabour", "isForcedMarriage",
        "isForcedMilitary", "isOrganRemoval", "isSlaveryAndPractices", "typeOfExploitConcatenated",
        "typeOfLabourAgriculture", "typeOfLabourAquafarming", "typeOfLabourBegging", "typeOfLabourConstruction",
        "typeOfLabourDomesticWork", "typeOfLabourHospitality", "typeOfLabourIllicitActivities", "typeOfLabourManufacturing",
        "typeOfLabourMiningOrDrilling", "typeOfLabourPeddling", "typeOfLabourTransportation", "typeOfLabourOther",
        "typeOfLabourNotSpecified", "typeOfLabourConcatenated", "typeOfSexProstitution", "typeOfSexPornography",
        "typeOfSexRemoteInteractiveServices", "typeOfSexPrivateSexualServices", "typeOfSexConcatenated", "isAbduction",
        "RecruiterRelationship", "CountryOfExploitation", "recruiterRelationIntimatePartner", "recruiterRelationFriend",
        "recruiterRelationFamily", "recruiterRelationOther", "recruiterRelationUnknown",
    ];

    private static readonly Dictionary<string, int> Positions = Columns.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);

    /// <summary>The column's position in <see cref="Columns"/> (as this module writes it).</summary>
    public static int Index(string column) => Positions[column];

    /// <summary>CTDC gender → F/M/X.</summary>
    public static readonly IReadOnlyDictionary<string, string> Genders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Female"] = StatCodes.Female,
        ["Male"] = StatCodes.Male,
        ["Transgender/NonConforming"] = StatCodes.OtherSex,
    };

    public static readonly IReadOnlyDictionary<string, string> Majorities = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Adult"] = "adult",
        ["Minor"] = "minor",
    };

    /// <summary>CTDC's ageBroad (<c>18--20</c>) → the statistics' band (<c>18-20</c>), or null when it is not a band.</summary>
    public static string? AgeBand(string value)
    {
        var band = value.Replace("--", "-", StringComparison.Ordinal);
        return StatCodes.AgeBands.Contains(band) ? band : null;
    }

    public static string AgeBroad(string band) => band.Replace("-", "--", StringComparison.Ordinal);

    /// <summary>The type-of-exploitation flags, each with the form(s) it says and its label in typeOfExploitConcatenated.</summary>
    public static readonly IReadOnlyList<(string Column, string[] Forms, string Label)> ExploitFlags =
    [
        ("isForcedLabour", ["forced-labour"], "Forced labour"),
        ("isSexualExploit", ["sexual"], "Sexual exploitation"),
        ("isOtherExploit", ["other"], "Other"),
        ("isSexAndLabour", ["forced-labour", "sexual"], "Combined sexual and labour exploitation"),
        ("isForcedMarriage", ["forced-marriage"], "Forced marriage"),
        ("isForcedMilitary", ["forced-military"], "Forced military"),
        ("isOrganRemoval", ["organ-removal"], "Organ removal"),
        ("isSlaveryAndPractices", ["servitude"], "Slavery and similar practices"),
    ];

    /// <summary>Forms of exploitation joined in the order of <see cref="StatCodes.ExploitationForms"/>, or null when none.</summary>
    public static string? JoinForms(IEnumerable<string> forms)
    {
        var set = forms.ToHashSet(StringComparer.Ordinal);
        return set.Count == 0 ? null : string.Join(';', StatCodes.ExploitationForms.Where(set.Contains));
    }

    /// <summary>The exploitation flag an Ariadne form is written under (the forms CTDC has no flag for are "other").</summary>
    public static string FlagOf(string form) => form switch
    {
        "forced-labour" or "child-labour" or "begging" or "criminality" => "isForcedLabour",
        "sexual" => "isSexualExploit",
        "forced-marriage" => "isForcedMarriage",
        "forced-military" => "isForcedMilitary",
        "organ-removal" => "isOrganRemoval",
        "servitude" => "isSlaveryAndPractices",
        _ => "isOtherExploit",
    };

    /// <summary>The type-of-labour flag a form also sets, if any.</summary>
    public static string? LabourFlagOf(string form) => form switch
    {
        "begging" => "typeOfLabourBegging",
        "criminality" => "typeOfLabourIllicitActivities",
        _ => null,
    };

    /// <summary>Whether a column is a 1/0/-99 flag (every column named is…, meansOfControl…, typeOfLabour…, typeOfSex…, recruiterRelation…, but the …Concatenated labels).</summary>
    public static bool IsFlag(string column) =>
        !column.EndsWith("Concatenated", StringComparison.Ordinal)
        && (column.StartsWith("is", StringComparison.Ordinal) || column.StartsWith("meansOfControl", StringComparison.Ordinal)
            || column.StartsWith("typeOfLabour", StringComparison.Ordinal) || column.StartsWith("typeOfSex", StringComparison.Ordinal)
            || column.StartsWith("recruiterRelation", StringComparison.Ordinal));
}
