using System.Globalization;

namespace Ariadne.Web.Platform.Ui;

/// <summary>
/// ISO 639-1 languages by their two-letter code (stored, comma-separated, e.g. "az, ru") with their names
/// in the page's language (from the platform's ICU data). The languages most often met in Azerbaijan's
/// cases come first, as ticks; every other language is one pick away.
/// </summary>
public static class Languages
{
    public static readonly string[] Common = ["az", "ru", "en", "tr", "fa", "uz", "tk", "ky", "tg", "kk", "ka", "uk", "ar", "zh", "hi", "ur"];

    private static readonly Lazy<HashSet<string>> Codes = new(() =>
        CultureInfo.GetCultures(CultureTypes.NeutralCultures)
            .Where(c => c.Name.Length == 2 && c.TwoLetterISOLanguageName == c.Name)
            .Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase));

    public static bool IsKnown(string? code) => code is not null && Codes.Value.Contains(code.Trim());

    public static string Name(string code)
    {
        if (!IsKnown(code))
            return code;
        var name = CultureInfo.GetCultureInfo(code.Trim().ToLowerInvariant()).DisplayName;
        return name.Length > 0 ? char.ToUpper(name[0], CultureInfo.CurrentUICulture) + name[1..] : code;
    }

    /// <summary>"az, ru" → ["az", "ru"]; free text that is not a code stays as it is.</summary>
    public static IReadOnlyList<string> Split(string? value) =>
        string.IsNullOrWhiteSpace(value) ? [] : value.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(v => IsKnown(v) ? v.ToLowerInvariant() : v).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>Names in the page's language: "Azerbaijani, Russian".</summary>
    public static string Names(string? value) => string.Join(", ", Split(value).Select(Name));

    public static IEnumerable<KeyValuePair<string, string>> Options()
    {
        var culture = CultureInfo.CurrentUICulture;
        return Codes.Value.Select(c => KeyValuePair.Create(c, Name(c))).OrderBy(p => p.Value, StringComparer.Create(culture, ignoreCase: true)).ToList();
    }
}
