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
}
