using Ariadne.Web.Platform.Crypto;

namespace Ariadne.Web.Features.Cases;

/// <summary>Turns a <see cref="PersonRecord"/> into encrypted columns and back, under the person's data key.</summary>
public sealed class PersonVault(DataKeys dataKeys, BlindIndex index)
{
    private const string Table = "people";

    /// <summary>A new person under a new data key; the clear key is returned for the caller's other fields.</summary>
    public (Person Person, byte[] Key) Create(PersonRecord record, DateTimeOffset now)
    {
        var (key, clear) = dataKeys.Create();
        var person = new Person { DataKeyId = key.Id, CreatedAt = now };
        Write(person, clear, record);
        return (person, clear);
    }

    public void Write(Person person, byte[] key, PersonRecord record)
    {
        byte[]? E(string? value, string column) => FieldCipher.Encrypt(key, Blank(value), Table, column, person.Id, person.DataKeyId);
        person.GivenNameEnc = E(record.GivenName, nameof(Person.GivenNameEnc));
        person.FamilyNameEnc = E(record.FamilyName, nameof(Person.FamilyNameEnc));
        person.PatronymicEnc = E(record.Patronymic, nameof(Person.PatronymicEnc));
        person.DateOfBirthEnc = E(record.DateOfBirth, nameof(Person.DateOfBirthEnc));
        person.SexEnc = E(record.Sex, nameof(Person.SexEnc));
        person.CitizenshipEnc = E(record.Citizenship, nameof(Person.CitizenshipEnc));
        person.LanguagesEnc = E(record.Languages, nameof(Person.LanguagesEnc));
        person.DocumentNumberEnc = E(record.DocumentNumber, nameof(Person.DocumentNumberEnc));
        person.DocumentNumberIndex = index.DocumentNumber(record.DocumentNumber);
        person.PhoneEnc = E(record.Phone, nameof(Person.PhoneEnc));
        person.PhoneIndex = index.Phone(record.Phone);
        person.AddressEnc = E(record.Address, nameof(Person.AddressEnc));
        person.WhereaboutsEnc = E(record.Whereabouts, nameof(Person.WhereaboutsEnc));
        person.HealthEnc = E(record.Health, nameof(Person.HealthEnc));
    }

    public static PersonRecord Read(Person person, byte[] key)
    {
        string? D(byte[]? value, string column) => FieldCipher.Decrypt(key, value, Table, column, person.Id, person.DataKeyId);
        return new PersonRecord
        {
            GivenName = D(person.GivenNameEnc, nameof(Person.GivenNameEnc)),
            FamilyName = D(person.FamilyNameEnc, nameof(Person.FamilyNameEnc)),
            Patronymic = D(person.PatronymicEnc, nameof(Person.PatronymicEnc)),
            DateOfBirth = D(person.DateOfBirthEnc, nameof(Person.DateOfBirthEnc)),
            Sex = D(person.SexEnc, nameof(Person.SexEnc)),
            Citizenship = D(person.CitizenshipEnc, nameof(Person.CitizenshipEnc)),
            Languages = D(person.LanguagesEnc, nameof(Person.LanguagesEnc)),
            DocumentNumber = D(person.DocumentNumberEnc, nameof(Person.DocumentNumberEnc)),
            Phone = D(person.PhoneEnc, nameof(Person.PhoneEnc)),
            Address = D(person.AddressEnc, nameof(Person.AddressEnc)),
            Whereabouts = D(person.WhereaboutsEnc, nameof(Person.WhereaboutsEnc)),
            Health = D(person.HealthEnc, nameof(Person.HealthEnc)),
        };
    }

    public static (string? Situation, string? Legal, string? Care, string? SafetyPlan) ReadCase(ProtectionCase c, Person person, byte[] key) =>
        (FieldCipher.Decrypt(key, c.SituationEnc, "cases", nameof(ProtectionCase.SituationEnc), c.Id, person.DataKeyId),
         FieldCipher.Decrypt(key, c.LegalEnc, "cases", nameof(ProtectionCase.LegalEnc), c.Id, person.DataKeyId),
         FieldCipher.Decrypt(key, c.CareEnc, "cases", nameof(ProtectionCase.CareEnc), c.Id, person.DataKeyId),
         FieldCipher.Decrypt(key, c.SafetyPlanEnc, "cases", nameof(ProtectionCase.SafetyPlanEnc), c.Id, person.DataKeyId));

    /// <summary>Any other case-bound text (screenings, decisions, notes), encrypted under the person's key, bound to its table, column and row.</summary>
    public static byte[]? Encrypt(byte[] key, Guid keyId, string table, string column, Guid rowId, string? value) =>
        FieldCipher.Encrypt(key, Blank(value), table, column, rowId, keyId);

    public static string? Decrypt(byte[] key, Guid keyId, string table, string column, Guid rowId, byte[]? value) =>
        FieldCipher.Decrypt(key, value, table, column, rowId, keyId);

    public static byte[]? EncryptCase(ProtectionCase c, Person person, byte[] key, string column, string? value) =>
        FieldCipher.Encrypt(key, Blank(value), "cases", column, c.Id, person.DataKeyId);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
