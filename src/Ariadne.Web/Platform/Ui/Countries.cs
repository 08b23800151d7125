using System.Globalization;
using System.Text.Json;

namespace Ariadne.Web.Platform.Ui;

/// <summary>
/// ISO 3166-1 countries by their alpha-3 code (stored) with their names in az, ru and en (shown), from
/// the pinned <c>i18n-iso-countries</c> package (tools/frontend/countries.js writes countries.json).
/// </summary>
public static class Countries
{
    private sealed record Country(string Code, string En, string Ru, string Az);

    private static readonly System.Text.Json.JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    private static readonly Lazy<Dictionary<string, Country>> All = new(() =>
    {
        using var stream = typeof(Countries).Assembly.GetManifestResourceStream("Ariadne.Web.Platform.Ui.countries.json")
            ?? throw new InvalidOperationException("countries.json is not embedded");
        var rows = JsonSerializer.Deserialize<List<Country>>(stream, Json)!;
        return rows.ToDictionary(r => r.Code, StringComparer.OrdinalIgnoreCase);
    });

    public static bool IsKnown(string? code) => code is not null && All.Value.ContainsKey(code.Trim());

    /// <summary>The country's name in the page's language; the code itself when it is not a known country.</summary>
    public static string Name(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
            return "";
        if (!All.Value.TryGetValue(code.Trim(), out var c))
            return code;
        return CultureInfo.CurrentUICulture.TwoLetterISOLanguageName switch
        {
            "ru" => c.Ru,
            "az" => c.Az,
            _ => c.En,
        };
    }

    /// <summary>Code → name in the page's language, sorted by name as that language sorts.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Options()
    {
        var culture = CultureInfo.CurrentUICulture;
        return All.Value.Keys.Select(code => KeyValuePair.Create(code, Name(code)))
            .OrderBy(p => p.Value, StringComparer.Create(culture, ignoreCase: true)).ToList();
    }
}
