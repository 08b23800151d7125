using System.Collections.Frozen;
using System.Text.Json;

namespace Ariadne.Web.Features.Investigation;

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
