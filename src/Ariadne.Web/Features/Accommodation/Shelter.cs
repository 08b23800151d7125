using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Accommodation;

/// <summary>
/// A secure shelter run by an institution (state or NGO). Its address is sealed under the shelter's own data key and
/// shown only to the shelter's staff and to whoever holds Contact &amp; location for a person placed there.
/// </summary>
public sealed class Shelter
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid InstitutionId { get; set; }
    [NotPersonal] public required string Name { get; set; }
    [NotPersonal] public ShelterOwnership Ownership { get; set; }
    /// <summary>ISO 639-1 codes of the languages its staff speak, comma-separated.</summary>
    [NotPersonal] public string Languages { get; set; } = "";
    [NotPersonal] public Guid DataKeyId { get; set; }
    [DataClass(DataClass.ContactLocation)] public byte[]? AddressEnc { get; set; }
    [NotPersonal] public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The house rules in Azerbaijani, Russian and English (kept by its managers); a resident acknowledges them in one of these.</summary>
    [NotPersonal] public string? HouseRulesAz { get; set; }
    [NotPersonal] public string? HouseRulesRu { get; set; }
    [NotPersonal] public string? HouseRulesEn { get; set; }

    /// <summary>The house rules in a language ("az", "ru", "en"), or null when the shelter has none in it.</summary>
    public string? HouseRules(string? language) => language switch
    {
        "az" => HouseRulesAz,
        "ru" => HouseRulesRu,
        "en" => HouseRulesEn,
        _ => null,
    } is { Length: > 0 } rules ? rules : null;
}
