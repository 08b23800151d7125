using Ariadne.Web.Platform.Access;

namespace Ariadne.Web.Features.Cases;

/// <summary>
/// A person known to the mechanism. Every personal field is stored encrypted under the person's data
/// key (column names end in "Enc"); document number and phone also have a keyed blind index for exact
/// search. <see cref="PersonRecord"/> is the clear form, with each field's data class.
/// </summary>
public sealed class Person
{
    [NotPersonal] public Guid Id { get; set; } = Guid.CreateVersion7();
    [NotPersonal] public Guid DataKeyId { get; set; }
    [DataClass(DataClass.Identity)] public byte[]? GivenNameEnc { get; set; }
    [DataClass(DataClass.Identity)] public byte[]? FamilyNameEnc { get; set; }
    [DataClass(DataClass.Identity)] public byte[]? PatronymicEnc { get; set; }
    [DataClass(DataClass.Identity)] public byte[]? DateOfBirthEnc { get; set; }
    [DataClass(DataClass.Identity)] public byte[]? SexEnc { get; set; }
    [DataClass(DataClass.Identity)] public byte[]? CitizenshipEnc { get; set; }
    [DataClass(DataClass.Identity)] public byte[]? LanguagesEnc { get; set; }
    [DataClass(DataClass.Identity)] public byte[]? DocumentNumberEnc { get; set; }
    [DataClass(DataClass.Identity)] public byte[]? DocumentNumberIndex { get; set; }
    [DataClass(DataClass.ContactLocation)] public byte[]? PhoneEnc { get; set; }
    [DataClass(DataClass.ContactLocation)] public byte[]? PhoneIndex { get; set; }
    [DataClass(DataClass.ContactLocation)] public byte[]? AddressEnc { get; set; }
    [DataClass(DataClass.ContactLocation)] public byte[]? WhereaboutsEnc { get; set; }
    [DataClass(DataClass.Health)] public byte[]? HealthEnc { get; set; }
    [NotPersonal] public DateTimeOffset CreatedAt { get; set; }
    [NotPersonal] public DateTimeOffset? ErasedAt { get; set; }
}
