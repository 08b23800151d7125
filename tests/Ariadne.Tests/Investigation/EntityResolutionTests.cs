using Ariadne.Web.Features.Investigation;

namespace Ariadne.Tests.Investigation;

/// <summary>Merge suggestions: normalizers, transliterated person names through Ariadne.Linkage, and what is never suggested.</summary>
public sealed class EntityResolutionTests
{
    private static int _next;

    private static EntityFacts E(EntityKind kind, string value, string? detail = null, string? country = null, Guid? id = null) =>
        new(id ?? new Guid($"00000000-0000-0000-0000-{Interlocked.Increment(ref _next):D12}"), kind, value, detail, country,
            null, null, "Source", "B2", "H3", Guid.Empty);

    [Theory]
    [InlineData("050 123 45 67")]
    [InlineData("+994 50 123 45 67")]
    [InlineData("0994501234567")]
    [InlineData("00994501234567")]
    [InlineData("(050)1234567")]
    [InlineData("050-123-45-67")]
    [InlineData("501234567")]
    public void Azerbaijani_numbers_written_any_way_are_one(string written) =>
        Assert.Equal("994501234567", EntityResolution.NormalizePhone(written));

    [Theory]
    [InlineData("+7 (916) 123-45-67", "79161234567")]
    [InlineData("+971 50 000 11 22", "971500001122")]
    [InlineData("no digits", "")]
    [InlineData(null, "")]
    public void Other_numbers_keep_their_country_code(string? written, string expected) =>
        Assert.Equal(expected, EntityResolution.NormalizePhone(written));

    [Theory]
    [InlineData("AZ21 NABZ 0000 0000 1370 1000 1944", "AZ21NABZ00000000137010001944")]
    [InlineData("az21nabz00000000137010001944", "AZ21NABZ00000000137010001944")]
    [InlineData("GB82 WEST 1234 5698 7654 32", "GB82WEST12345698765432")]
    [InlineData("DE89-3704-0044-0532-0130-00", "DE89370400440532013000")]
    public void Valid_ibans_are_upper_case_without_spaces(string written, string expected) =>
        Assert.Equal(expected, EntityResolution.NormalizeIban(written));

    [Theory]
    [InlineData("AZ22 NABZ 0000 0000 1370 1000 1944")] // wrong check digits
    [InlineData("GB82 WEST 1234 5698 7654 33")]
    [InlineData("40817810099910004312")]
    [InlineData("AZ21")]
    [InlineData("AZ21 NABZ 0000 0000 1370 1000 194!")]
    [InlineData("")]
    public void Invalid_ibans_are_refused(string written) => Assert.Null(EntityResolution.NormalizeIban(written));

    [Theory]
    [InlineData("10-AB-123", "10AB123")]
    [InlineData("10 ab 123", "10AB123")]
    [InlineData("10AB123", "10AB123")]
    [InlineData("10 АВ 123", "10AB123")] // Cyrillic А and В
    public void Plates_are_letters_and_digits_in_upper_case(string written, string expected) =>
        Assert.Equal(expected, EntityResolution.NormalizePlate(written));

    [Theory]
    [InlineData("«Kaspi Trade» MMC", "kaspi trade")]
    [InlineData("KASPI TRADE LLC", "kaspi trade")]
    [InlineData("ООО \"Каспий Трейд\"", "каспий трейд")]
    [InlineData("Kaspi Trade Ltd.", "kaspi trade")]
    [InlineData("Kaspi-Trade GmbH", "kaspi trade")]
    [InlineData("\"Kaspi Trade\" Məhdud Məsuliyyətli Cəmiyyəti", "kaspi trade")]
    [InlineData("ASC \"AZƏRSU\"", "azərsu")]
    [InlineData("ЗАО «Нефть-1»", "нефть 1")]
    [InlineData("Kaspi L.L.C.", "kaspi")]
    public void Company_names_lose_legal_form_quotes_and_punctuation(string written, string expected) =>
        Assert.Equal(expected, EntityResolution.NormalizeCompanyName(written));

    [Theory]
    [InlineData("Bakı,  Nizami küç. 12", "bakı nizami küçəsi 12")]
    [InlineData("Bakı, Nizami küçəsi 12", "bakı nizami küçəsi 12")]
    [InlineData("Bakı, Azadlıq pr. 5, mən. 7", "bakı azadlıq prospekti 5 mənzil 7")]
    [InlineData("г. Баку, ул. Низами, д. 12, кв. 3", "город баку улица низами дом 12 квартира 3")]
    [InlineData("Баку, пр. Азадлыг 5", "баку проспект азадлыг 5")]
    public void Addresses_are_lower_case_with_abbreviations_written_out(string written, string expected) =>
        Assert.Equal(expected, EntityResolution.NormalizeAddress(written));

    [Fact]
    public void The_same_number_iban_or_plate_is_certain()
    {
        var phoneA = E(EntityKind.Phone, "050 123 45 67");
        var phoneB = E(EntityKind.Phone, "+994 50 123 45 67");
        var ibanA = E(EntityKind.BankAccount, "AZ21 NABZ 0000 0000 1370 1000 1944");
        var ibanB = E(EntityKind.BankAccount, "az21nabz00000000137010001944");
        var plateA = E(EntityKind.Vehicle, "10-AB-123");
        var plateB = E(EntityKind.Vehicle, "10 ab 123");
        var suggestions = EntityResolution.Suggest([phoneA, ibanA, plateA, phoneB, ibanB, plateB]);
        Assert.Equal(3, suggestions.Count);
        Assert.All(suggestions, s => Assert.Equal(1.0, s.Score));
        var phone = suggestions.Single(s => s.Kind == EntityKind.Phone);
        Assert.Equal((phoneA.Id, phoneB.Id), (phone.LeftId, phone.RightId));
        Assert.Equal(EntityResolution.SameNumber, Assert.Single(phone.Explanation).Key);
        Assert.Equal(["994501234567"], phone.Explanation[0].Arguments);
        Assert.Equal(EntityResolution.SameIban, suggestions.Single(s => s.Kind == EntityKind.BankAccount).Explanation[0].Key);
        Assert.Equal(EntityResolution.SamePlate, suggestions.Single(s => s.Kind == EntityKind.Vehicle).Explanation[0].Key);
    }

    [Fact]
    public void An_account_number_is_the_same_only_at_the_same_or_an_unknown_bank()
    {
        var a = E(EntityKind.BankAccount, "4081 7810 0999 1000 4312", "Sberbank");
        var b = E(EntityKind.BankAccount, "40817810099910004312", "Sberbank");
        var c = E(EntityKind.BankAccount, "40817810099910004312", "VTB");
        var suggestion = Assert.Single(EntityResolution.Suggest([a, b, c]));
        Assert.Equal((a.Id, b.Id, EntityResolution.SameAccountNumber), (suggestion.LeftId, suggestion.RightId, suggestion.Explanation[0].Key));
    }

    [Fact]
    public void A_person_in_cyrillic_and_in_latin_is_suggested_with_the_reasons()
    {
        var latin = E(EntityKind.Person, "Elçin Məmmədov", "1985-03-14");
        var cyrillic = E(EntityKind.Person, "Эльчин Мамедов", "1985-03-14");
        var suggestion = Assert.Single(EntityResolution.Suggest([latin, cyrillic]));
        Assert.Equal((latin.Id, cyrillic.Id, EntityKind.Person), (suggestion.LeftId, suggestion.RightId, suggestion.Kind));
        Assert.InRange(suggestion.Score, 0.9, 0.99);
        var keys = suggestion.Explanation.Select(r => r.Key).ToList();
        Assert.Contains(EntityResolution.SameBirthDate, keys);
        var variant = suggestion.Explanation.Single(r => r.Key == EntityResolution.NameVariant);
        Assert.Equal(["Məmmədov", "Мамедов"], variant.Arguments);
        Assert.Contains(suggestion.Explanation, r => r.Key == EntityResolution.SameName && r.Arguments.SequenceEqual(["Elçin", "Эльчин"]));
    }

    [Fact]
    public void Transliterated_names_without_a_birth_date_are_suggested_lower_and_say_so()
    {
        var a = E(EntityKind.Person, "Elçin Məmmədov");
        var b = E(EntityKind.Person, "Elchin Mamedov");
        var c = E(EntityKind.Person, "Мамедов Эльчин Алиевич", "1985-03-14");
        var suggestions = EntityResolution.Suggest([a, b, c]);
        var ab = suggestions.Single(s => s.LeftId == a.Id && s.RightId == b.Id);
        Assert.InRange(ab.Score, EntityResolution.Threshold, 0.8);
        Assert.Contains(ab.Explanation, r => r.Key == EntityResolution.NoBirthDate);
        var swapped = suggestions.Single(s => s.LeftId == a.Id && s.RightId == c.Id);
        Assert.Contains(swapped.Explanation, r => r.Key == EntityResolution.NamesSwapped);
        Assert.Equal(suggestions.OrderByDescending(s => s.Score).Select(s => s.Score), suggestions.Select(s => s.Score));
    }

    [Fact]
    public void Different_birth_dates_or_patronymics_keep_namesakes_apart()
    {
        var a = E(EntityKind.Person, "Elçin Məmmədov", "1985-03-14");
        var b = E(EntityKind.Person, "Эльчин Мамедов", "1979-11-02");
        Assert.Empty(EntityResolution.Suggest([a, b]));
        var c = E(EntityKind.Person, "Məmmədov Elçin Əli oğlu");
        var d = E(EntityKind.Person, "Мамедов Эльчин Расулович");
        Assert.Empty(EntityResolution.Suggest([c, d]));
        var e = E(EntityKind.Person, "Мамедов Эльчин Алиевич");
        var same = Assert.Single(EntityResolution.Suggest([c, e]));
        Assert.Contains(same.Explanation, r => r.Key == EntityResolution.SamePatronymic);
    }

    [Fact]
    public void Companies_match_without_legal_form_across_alphabets_but_not_with_other_numbers()
    {
        var a = E(EntityKind.Company, "«Kaspi Neft» MMC", country: "AZ");
        var b = E(EntityKind.Company, "KASPI NEFT LLC", country: "AZ");
        var c = E(EntityKind.Company, "ООО «Каспи Нефть»");
        var d = E(EntityKind.Company, "Kaspi Trade MMC", "1701234561");
        var e = E(EntityKind.Company, "Kaspi Trade MMC", "9900000001");
        var f = E(EntityKind.Company, "Kaspi Trade", "1701 234 561");
        var suggestions = EntityResolution.Suggest([a, b, c, d, e, f]);
        Assert.Contains(suggestions, s => s.LeftId == d.Id && s.RightId == f.Id && s.Score == 1.0
            && s.Explanation[0].Key == EntityResolution.SameRegistrationNumber);
        Assert.Contains(suggestions, s => s.LeftId == a.Id && s.RightId == b.Id && s.Explanation[0].Key == EntityResolution.SameCompanyName);
        Assert.Contains(suggestions, s => s.LeftId == a.Id && s.RightId == c.Id && s.Explanation[0].Key == EntityResolution.CompanyNameVariant);
        Assert.DoesNotContain(suggestions, s => (s.LeftId == d.Id && s.RightId == e.Id) || (s.LeftId == e.Id && s.RightId == f.Id));
    }

    [Fact]
    public void Addresses_match_when_written_alike_and_never_with_other_house_numbers()
    {
        var a = E(EntityKind.Address, "Bakı, Nizami küç. 12");
        var b = E(EntityKind.Address, "bakı nizami küçəsi 12");
        var c = E(EntityKind.Address, "Bakı, Nizami küç. 14");
        var suggestion = Assert.Single(EntityResolution.Suggest([a, b, c]));
        Assert.Equal((a.Id, b.Id, EntityResolution.SameAddress), (suggestion.LeftId, suggestion.RightId, suggestion.Explanation[0].Key));
    }

    [Fact]
    public void Different_kinds_the_same_id_and_unrelated_entities_are_never_paired()
    {
        var id = Guid.NewGuid();
        var entities = new List<EntityFacts>
        {
            E(EntityKind.Person, "Kaspi Trade"),
            E(EntityKind.Company, "Kaspi Trade"),
            E(EntityKind.Address, "Kaspi Trade"),
            E(EntityKind.Phone, "050 123 45 67", id: id),
            E(EntityKind.Phone, "050 123 45 67", id: id),
            E(EntityKind.Person, "Aynur Əliyeva", "1999-07-01"),
            E(EntityKind.Person, "Rauf Həsənov", "1999-07-01"),
            E(EntityKind.Vehicle, "10-AB-123"),
            E(EntityKind.Vehicle, "90-ZZ-999"),
            E(EntityKind.Payment, "1500 EUR", "2025-02-01"),
            E(EntityKind.Payment, "1500 EUR", "2025-02-01"),
        };
        Assert.Empty(EntityResolution.Suggest(entities));
    }

    [Fact]
    public void Three_hundred_random_entities_are_resolved()
    {
        var random = new Random(15);
        string[] given = ["Elçin", "Эльчин", "Aynur", "Айнур", "Rauf", "Leyla", "Лейла", "Tural", "Günel", "Orxan"];
        string[] surnames = ["Məmmədov", "Мамедов", "Əliyeva", "Алиева", "Həsənov", "Гасанов", "Quliyev", "Кулиев", "Hüseynova"];
        var kinds = Enum.GetValues<EntityKind>();
        var entities = Enumerable.Range(0, 300).Select(_ =>
        {
            var kind = kinds[random.Next(kinds.Length)];
            return kind switch
            {
                EntityKind.Person => E(kind, $"{given[random.Next(given.Length)]} {surnames[random.Next(surnames.Length)]}",
                    random.Next(3) == 0 ? null : $"19{random.Next(70, 100)}-0{random.Next(1, 10)}-1{random.Next(0, 10)}"),
                EntityKind.Phone => E(kind, $"050 {random.Next(100, 110)} 45 67"),
                EntityKind.Vehicle => E(kind, $"10-AB-{random.Next(100, 120)}"),
                EntityKind.BankAccount => E(kind, random.Next(2) == 0 ? "AZ21 NABZ 0000 0000 1370 1000 1944" : $"4081781009991000{random.Next(1000, 1020)}"),
                EntityKind.Company => E(kind, $"Kaspi {random.Next(10)} MMC"),
                EntityKind.Address => E(kind, $"Bakı, Nizami küç. {random.Next(30)}"),
                _ => E(kind, $"Baku → Dubai {random.Next(5)}", "2025-02-0" + random.Next(1, 4)),
            };
        }).ToList();
        var byId = entities.ToDictionary(e => e.Id);
        var suggestions = EntityResolution.Suggest(entities);
        Assert.NotEmpty(suggestions);
        Assert.All(suggestions, s =>
        {
            Assert.NotEqual(s.LeftId, s.RightId);
            Assert.Equal(byId[s.LeftId].Kind, byId[s.RightId].Kind);
            Assert.Equal(s.Kind, byId[s.LeftId].Kind);
            Assert.InRange(s.Score, EntityResolution.Threshold, 1.0);
            Assert.NotEmpty(s.Explanation);
        });
        Assert.Equal(suggestions.Count, suggestions.Select(s => (s.LeftId, s.RightId)).Distinct().Count());
        Assert.Equal(suggestions.OrderByDescending(s => s.Score).Select(s => s.Score), suggestions.Select(s => s.Score));
    }
}
