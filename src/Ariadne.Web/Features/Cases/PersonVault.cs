using System.Linq.Expressions;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;

namespace Ariadne.Web.Features.Cases;

/// <summary>
/// Turns a <see cref="PersonRecord"/> and a case's free-text fields into encrypted columns and back, under the
/// person's data key (<see cref="EncryptedFields"/>: the table, column and row come from the mapping).
/// Blank text is stored as nothing.
/// </summary>
public sealed class PersonVault(AriadneDbContext db, DataKeys dataKeys, BlindIndex index)
{
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
        byte[]? E(Expression<Func<Person, byte[]?>> column, string? value) => db.Seal(person, column, Blank(value), key, person.DataKeyId);
        person.GivenNameEnc = E(p => p.GivenNameEnc, record.GivenName);
        person.FamilyNameEnc = E(p => p.FamilyNameEnc, record.FamilyName);
        person.PatronymicEnc = E(p => p.PatronymicEnc, record.Patronymic);
        person.DateOfBirthEnc = E(p => p.DateOfBirthEnc, record.DateOfBirth);
        person.SexEnc = E(p => p.SexEnc, record.Sex);
        person.CitizenshipEnc = E(p => p.CitizenshipEnc, record.Citizenship);
        person.LanguagesEnc = E(p => p.LanguagesEnc, record.Languages);
        person.DocumentNumberEnc = E(p => p.DocumentNumberEnc, record.DocumentNumber);
        person.DocumentNumberIndex = index.DocumentNumber(record.DocumentNumber);
        person.PhoneEnc = E(p => p.PhoneEnc, record.Phone);
        person.PhoneIndex = index.Phone(record.Phone);
        person.AddressEnc = E(p => p.AddressEnc, record.Address);
        person.WhereaboutsEnc = E(p => p.WhereaboutsEnc, record.Whereabouts);
        person.HealthEnc = E(p => p.HealthEnc, record.Health);
    }

    /// <summary>The person's fields in clear.</summary>
    public PersonRecord Open(Person person, byte[] key)
    {
        string? D(Expression<Func<Person, byte[]?>> column) => db.Open(person, column, key, person.DataKeyId);
        return new PersonRecord
        {
            GivenName = D(p => p.GivenNameEnc),
            FamilyName = D(p => p.FamilyNameEnc),
            Patronymic = D(p => p.PatronymicEnc),
            DateOfBirth = D(p => p.DateOfBirthEnc),
            Sex = D(p => p.SexEnc),
            Citizenship = D(p => p.CitizenshipEnc),
            Languages = D(p => p.LanguagesEnc),
            DocumentNumber = D(p => p.DocumentNumberEnc),
            Phone = D(p => p.PhoneEnc),
            Address = D(p => p.AddressEnc),
            Whereabouts = D(p => p.WhereaboutsEnc),
            Health = D(p => p.HealthEnc),
        };
    }

    /// <summary>Sets the case's free-text fields sent (null leaves a field as it is; blank clears it).</summary>
    public void WriteCase(ProtectionCase c, Person person, byte[] key, string? situation, string? legal, string? care, string? safetyPlan)
    {
        if (situation is not null)
            c.SituationEnc = db.Seal(c, x => x.SituationEnc, Blank(situation), key, person.DataKeyId);
        if (legal is not null)
            c.LegalEnc = db.Seal(c, x => x.LegalEnc, Blank(legal), key, person.DataKeyId);
        if (care is not null)
            c.CareEnc = db.Seal(c, x => x.CareEnc, Blank(care), key, person.DataKeyId);
        if (safetyPlan is not null)
            c.SafetyPlanEnc = db.Seal(c, x => x.SafetyPlanEnc, Blank(safetyPlan), key, person.DataKeyId);
    }

    public (string? Situation, string? Legal, string? Care, string? SafetyPlan) ReadCase(ProtectionCase c, Person person, byte[] key) =>
        (db.Open(c, x => x.SituationEnc, key, person.DataKeyId),
         db.Open(c, x => x.LegalEnc, key, person.DataKeyId),
         db.Open(c, x => x.CareEnc, key, person.DataKeyId),
         db.Open(c, x => x.SafetyPlanEnc, key, person.DataKeyId));

    /// <summary>Any other case-bound text (screenings, decisions, notes), sealed under the person's key; blank text is stored as nothing.</summary>
    public byte[]? Seal<T>(T row, Expression<Func<T, byte[]?>> column, string? value, byte[] key, Guid keyId) where T : class =>
        db.Seal(row, column, Blank(value), key, keyId);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
