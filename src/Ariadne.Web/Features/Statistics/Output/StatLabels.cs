using System.Globalization;
using Ariadne.Web.Platform.Localization;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Statistics;
using Ariadne.Web.Platform.Ui;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Statistics.Output;

/// <summary>
/// The words of a released table in az, ru or en, whatever the language of the current request: the titles, the
/// dimensions, every code (sex, CTDC age bands, forms of exploitation, countries, regions, institution kinds, stages and
/// categories), "?" as Unknown, "*" as Total, and the note on suppressed cells. A code with no words of its own is shown
/// as itself (the page, the files and the report never fail on a new code).
/// </summary>
public sealed class StatLabels(IStringLocalizer<SharedResource> text)
{
    /// <summary>What a suppressed cell shows in every output (the note explains it).</summary>
    public const string SuppressedSymbol = "x";

    /// <summary>The language, checked: one of <see cref="LocalizationServices.Cultures"/>.</summary>
    public static string Checked(string lang) =>
        LocalizationServices.IsSupported(lang) ? lang : throw new ArgumentException("The language must be az, ru or en.", nameof(lang));

    /// <summary>A resource in the given language, formatted with invariant arguments.</summary>
    public string Text(string lang, string key, params object[] args) => In(lang, () => text[key, args].Value);

    /// <summary>A resource in the given language, or null when there is none.</summary>
    public string? Find(string lang, string key) => In(lang, () => text[key] is { ResourceNotFound: false } found ? found.Value : null);

    public string Title(ReleasedTable table, string lang) => Text(lang, table.TitleKey);

    public string Topic(StatTopic topic, string lang) => Text(lang, "StatOut_Topic_" + topic);

    public string TopicIntro(StatTopic topic, string lang) => Text(lang, "StatOut_TopicIntro_" + topic);

    public string Dimension(StatDimension dimension, string lang) => Text(lang, "StatOut_Dim_" + dimension);

    public string Total(string lang) => Text(lang, "StatOut_Total");

    public string Suppressed(string lang) => Text(lang, "StatOut_Suppressed");

    /// <summary>The footnote of a table with suppressed cells (the threshold is the table's own).</summary>
    public string SuppressedNote(ReleasedTable table, string lang) => Text(lang, "StatOut_SuppressedNote", table.Threshold);

    /// <summary>A published value as printed, or the suppression symbol.</summary>
    public static string Cell(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? SuppressedSymbol;

    /// <summary>Whether any cell or total of the table is suppressed.</summary>
    public static bool HasSuppressed(ReleasedTable table) =>
        table.Total is null || table.RowTotals.Any(v => v is null) || table.ColumnTotals.Any(v => v is null)
        || table.Cells.Any(row => row.Any(v => v is null));

    /// <summary>The words for one code of a dimension.</summary>
    public string Code(StatDimension dimension, string code, string lang)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (code == ReleasedTable.Unknown)
            return Text(lang, "StatOut_Unknown");
        if (code == ReleasedTable.All)
            return dimension == StatDimension.None ? Text(lang, "StatOut_All") : Total(lang);
        return dimension switch
        {
            StatDimension.Sex => Find(lang, "StatOut_Sex_" + code) ?? code,
            StatDimension.AgeBand => Text(lang, "StatOut_AgeBand", code.Replace('-', '\u2013')),
            StatDimension.Exploitation => Find(lang, "Exploitation_" + code) ?? code,
            StatDimension.Citizenship or StatDimension.Country => In(lang, () => Countries.Name(code)),
            StatDimension.Region => Find(lang, "Region_" + EnumName<Region>(code)) ?? code,
            StatDimension.InstitutionKind => Find(lang, "Kind_" + EnumName<InstitutionKind>(code)) ?? code,
            StatDimension.Stage or StatDimension.Category => Find(lang, $"Stat_{dimension}_{code}") ?? code,
            _ => code,
        };
    }

    /// <summary>An enum's code as the table may carry it: its name or its number.</summary>
    private static string EnumName<T>(string code) where T : struct, Enum =>
        int.TryParse(code, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && Enum.IsDefined(typeof(T), n)
            ? Enum.GetName(typeof(T), n)!
            : code;

    private static T In<T>(string lang, Func<T> work)
    {
        Checked(lang);
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(lang);
            return work();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
