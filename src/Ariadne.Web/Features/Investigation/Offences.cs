using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;

namespace Ariadne.Web.Features.Investigation;

/// <summary>One offence of the reference list: its code (the Criminal Code's article), whether it is a trafficking offence, its names.</summary>
public sealed record Offence(string Code, bool Trafficking, string Az, string Ru, string En)
{
    /// <summary>The name in the current UI language.</summary>
    public string Name => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName switch { "az" => Az, "ru" => Ru, _ => En };
}

/// <summary>
/// The offences a criminal file may concern, kept as data (<c>offences.json</c>, embedded): a country's list is replaced
/// by editing the file, not the code (PRODUCT.md: "offences and reference lists are data").
/// </summary>
public static class Offences
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<Offence> All { get; } = Load();

    private static readonly FrozenDictionary<string, Offence> ByCode = All.ToFrozenDictionary(o => o.Code, StringComparer.Ordinal);

    public static Offence? Find(string? code) => code is null ? null : ByCode.GetValueOrDefault(code);

    private static List<Offence> Load()
    {
        using var stream = typeof(Offences).Assembly.GetManifestResourceStream("Ariadne.Web.Features.Investigation.offences.json")
            ?? throw new InvalidOperationException("offences.json is not embedded");
        var list = JsonSerializer.Deserialize<List<Offence>>(stream, Json) ?? [];
        if (list.Count == 0 || list.Select(o => o.Code).Distinct(StringComparer.Ordinal).Count() != list.Count)
            throw new InvalidOperationException("offences.json is empty or repeats a code");
        return list;
    }
}
