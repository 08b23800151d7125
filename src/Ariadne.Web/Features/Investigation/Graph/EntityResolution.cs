using System.Globalization;
using System.Text;
using Ariadne.Linkage;

namespace Ariadne.Web.Features.Investigation;

/// <summary>
/// Suggests entities of one kind that are probably the same thing recorded twice (a phone written two ways, a person
/// written in Azerbaijani Latin in one file and in Russian Cyrillic in another), each with the reasons as resource keys.
/// </summary>
/// <remarks>
/// <para>Identifiers: the same normalized phone number, IBAN (or account number at the same or an unknown bank), plate or
/// company registration number scores 1.0. Two companies with different registration numbers, or in different
/// jurisdictions, are never suggested.</para>
/// <para>People are compared with the comparison levels of Ariadne.Linkage (<see cref="Comparisons.Default"/>: given name,
/// surname, patronymic, date of birth), which see Məmmədov, Мамедов and Mamedov as one name. Both names must be at
/// least "one slip apart"; the name score is (given level + surname level) / 8, in [0.5, 1]. Then: the same birth date
/// gives 0.6 + 0.4 × name score; a birth date one slip off 0.45 + 0.4 × name score; no birth date on either side
/// 0.7 × name score; different birth dates: no suggestion. The same patronymic adds 0.05; a different one multiplies by 0.6.
/// A person's score stays below 1: only an identifier proves identity.</para>
/// <para>Companies: the same name without legal form 0.9, the same in another alphabet 0.8, close (Jaro–Winkler ≥ 0.93, same
/// numbers) 0.6. Addresses: the same normalized address 0.9, close 0.6. Travels: the same route on the same date 0.6.
/// Payments are not suggested: two equal payments on one day are often two payments.</para>
/// <para>Suggestions at or above <see cref="Threshold"/> are returned. The comparison is pairwise within a kind (identifiers by
/// key), meant for the few hundred entities of an investigation.</para>
/// </remarks>
public static class EntityResolution
{
    /// <summary>Suggestions scoring at least this are returned (names alone, same sound, no birth date: 0.525).</summary>
    public const double Threshold = 0.5;

    public const string SameNumber = "Resolution_SameNumber";
    public const string SameIban = "Resolution_SameIban";
    public const string SameAccountNumber = "Resolution_SameAccountNumber";
    public const string SamePlate = "Resolution_SamePlate";
    public const string SameRegistrationNumber = "Resolution_SameRegistrationNumber";
    public const string SameName = "Resolution_SameName";
    public const string NameVariant = "Resolution_NameVariant";
    public const string NameSlip = "Resolution_NameSlip";
    public const string NamesSwapped = "Resolution_NamesSwapped";
    public const string SameBirthDate = "Resolution_SameBirthDate";
    public const string NearBirthDate = "Resolution_NearBirthDate";
    public const string NoBirthDate = "Resolution_NoBirthDate";
    public const string SamePatronymic = "Resolution_SamePatronymic";
    public const string DifferentPatronymic = "Resolution_DifferentPatronymic";
    public const string SameCompanyName = "Resolution_SameCompanyName";
    public const string CompanyNameVariant = "Resolution_CompanyNameVariant";
    public const string SimilarCompanyName = "Resolution_SimilarCompanyName";
    public const string SameAddress = "Resolution_SameAddress";
    public const string SimilarAddress = "Resolution_SimilarAddress";
    public const string SameRouteAndDate = "Resolution_SameRouteAndDate";

    private static readonly ComparisonField GivenField = Field("given_name");
    private static readonly ComparisonField SurnameField = Field("surname");
    private static readonly ComparisonField PatronymicField = Field("patronymic");
    private static readonly ComparisonField BirthField = Field("date_of_birth");

    // Legal forms, as words after lower-casing and removing dots ("L.L.C." → "llc").
    private static readonly HashSet<string> LegalForms = new(StringComparer.Ordinal)
    {
        "mmc", "asc", "qsc", "mc", "llc", "ltd", "limited", "gmbh", "inc", "incorporated", "corp", "corporation", "co", "plc",
        "llp", "lp", "jsc", "ojsc", "cjsc", "pjsc", "sa", "ag", "bv", "nv", "srl", "spa", "sarl", "kg", "ohg", "ug",
        "ооо", "оао", "зао", "пао", "ао", "тоо", "ип", "чп", "ммс",
    };

    // Legal forms written out, removed before the words are split.
    private static readonly string[] LegalFormPhrases =
    [
        "məhdud məsuliyyətli cəmiyyəti", "məhdud məsuliyyətli cəmiyyət", "açıq səhmdar cəmiyyəti", "qapalı səhmdar cəmiyyəti",
        "səhmdar cəmiyyəti", "общество с ограниченной ответственностью", "открытое акционерное общество",
        "закрытое акционерное общество", "публичное акционерное общество", "акционерное общество",
        "limited liability company", "joint stock company", "public limited company",
    ];

    // Address words written short, and the word they stand for.
    private static readonly Dictionary<string, string> AddressWords = new(StringComparer.Ordinal)
    {
        ["küç"] = "küçəsi",
        ["küç."] = "küçəsi",
        ["küçə"] = "küçəsi",
        ["kuc."] = "küçəsi",
        ["pr."] = "prospekti",
        ["pr"] = "prospekti",
        ["pr-ti"] = "prospekti",
        ["pr-t"] = "prospekti",
        ["prosp."] = "prospekti",
        ["ş."] = "şəhəri",
        ["şəh."] = "şəhəri",
        ["r-nu"] = "rayonu",
        ["ray."] = "rayonu",
        ["qəs."] = "qəsəbəsi",
        ["mən."] = "mənzil",
        ["dal."] = "dalanı",
        ["dön."] = "döngəsi",
        ["ул."] = "улица",
        ["ул"] = "улица",
        ["пр."] = "проспект",
        ["пр-т"] = "проспект",
        ["просп."] = "проспект",
        ["пер."] = "переулок",
        ["г."] = "город",
        ["кв."] = "квартира",
        ["д."] = "дом",
        ["р-н"] = "район",
        ["пос."] = "поселок",
        ["st."] = "street",
        ["str."] = "street",
        ["ave."] = "avenue",
        ["apt."] = "apartment",
    };

    // Cyrillic letters a plate may be written with, as the Latin letters they look like.
    private static readonly Dictionary<char, char> PlateLookalikes = new()
    {
        ['А'] = 'A',
        ['В'] = 'B',
        ['Е'] = 'E',
        ['К'] = 'K',
        ['М'] = 'M',
        ['Н'] = 'H',
        ['О'] = 'O',
        ['Р'] = 'P',
        ['С'] = 'C',
        ['Т'] = 'T',
        ['У'] = 'Y',
        ['Х'] = 'X',
    };

    private const int NationalLength = 9; // an Azerbaijani number without trunk prefix or country code
    private const string CountryCode = "994";

    private static ComparisonField Field(string name) => Comparisons.Default.Single(f => string.Equals(f.Name, name, StringComparison.Ordinal));

    /// <summary>
    /// A phone number as digits with its country code: "050 123 45 67", "+994 50 123 45 67", "0994501234567",
    /// "00994501234567" and "(050)1234567" all give "994501234567". A number written nationally is read as Azerbaijani;
    /// "+…" and "00…" keep their own country code. Empty when there is no digit.
    /// </summary>
    public static string NormalizePhone(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return "";
        var digits = new string(value.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length == 0)
            return "";
        if (value.TrimStart().StartsWith('+'))
            return digits;
        if (digits.StartsWith("00", StringComparison.Ordinal))
            return digits[2..];
        if (digits.Length == 1 + CountryCode.Length + NationalLength && digits.StartsWith("0" + CountryCode, StringComparison.Ordinal))
            return digits[1..];
        if (digits.Length == 1 + NationalLength && digits[0] == '0')
            return CountryCode + digits[1..];
        if (digits.Length == NationalLength)
            return CountryCode + digits;
        return digits;
    }

    /// <summary>An IBAN in upper case without spaces or hyphens, when its length, form and check digits (ISO 13616, mod 97) are right; else null.</summary>
    public static string? NormalizeIban(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var iban = new string(value.Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant).ToArray());
        if (iban.Length is < 15 or > 34 || !char.IsAsciiLetterUpper(iban[0]) || !char.IsAsciiLetterUpper(iban[1])
            || !char.IsAsciiDigit(iban[2]) || !char.IsAsciiDigit(iban[3]) || !iban.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c)))
            return null;
        var remainder = 0;
        foreach (var c in iban[4..] + iban[..4])
        {
            var number = char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = ((remainder * (number < 10 ? 10 : 100)) + number) % 97;
        }

        return remainder == 1 ? iban : null;
    }

    /// <summary>A registration plate in upper case, letters and digits only ("10-AB-123" and "10 ab 123" give "10AB123"); Cyrillic look-alikes read as Latin.</summary>
    public static string NormalizePlate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return "";
        var plate = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (!char.IsLetterOrDigit(c))
                continue;
            var upper = char.ToUpperInvariant(c);
            plate.Append(PlateLookalikes.TryGetValue(upper, out var latin) ? latin : upper);
        }

        return plate.ToString();
    }

    /// <summary>
    /// A company name in lower case without legal form (MMC, ASC, QSC, LLC, Ltd, GmbH, ООО, ОАО, ЗАО… and written out),
    /// quotes and punctuation: "«Kaspi Trade» MMC", "KASPI TRADE LLC" and "ООО \"Kaspi Trade\"" give "kaspi trade".
    /// </summary>
    public static string NormalizeCompanyName(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return "";
        var text = Lower(value).Replace(".", "", StringComparison.Ordinal);
        var spaced = new StringBuilder(text.Length);
        foreach (var c in text)
            spaced.Append(char.IsLetterOrDigit(c) ? c : ' ');
        text = " " + string.Join(' ', spaced.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries)) + " ";
        foreach (var phrase in LegalFormPhrases)
            text = text.Replace(" " + phrase + " ", " ", StringComparison.Ordinal);
        return string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !LegalForms.Contains(w)));
    }

    /// <summary>
    /// An address in lower case, one space between words, commas and semicolons as spaces, common abbreviations written out
    /// (küç. → küçəsi, pr. → prospekti, ул. → улица, пр. → проспект, кв. → квартира…).
    /// </summary>
    public static string NormalizeAddress(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return "";
        var text = Lower(value).Replace(',', ' ').Replace(';', ' ');
        var words = new List<string>();
        foreach (var word in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (AddressWords.TryGetValue(word, out var full))
                words.Add(full);
            else if (word.Length > 1 && word.EndsWith('.') && AddressWords.TryGetValue(word[..^1], out var bare))
                words.Add(bare);
            else if (word.TrimEnd('.') is { Length: > 0 } trimmed)
                words.Add(trimmed);
        }

        return string.Join(' ', words);
    }

    /// <summary>Pairs of entities of one kind that may be one, at or above <see cref="Threshold"/>, strongest first.</summary>
    public static IReadOnlyList<MergeSuggestion> Suggest(IReadOnlyList<EntityFacts> entities)
    {
        ArgumentNullException.ThrowIfNull(entities);
        var seen = new HashSet<Guid>();
        var distinct = entities.Where(e => e is not null && seen.Add(e.Id)).ToList();
        var order = distinct.Select((e, i) => (e.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var found = new List<MergeSuggestion>();
        foreach (var group in distinct.GroupBy(e => e.Kind))
        {
            var members = group.ToList();
            switch (group.Key)
            {
                case EntityKind.Phone:
                    ByKey(members, e => NormalizePhone(e.Value) is { Length: >= 7 } n ? n : null, (a, b, key) => Suggestion(a, b, 1.0, MergeReason.Of(SameNumber, key)), found);
                    break;
                case EntityKind.Vehicle:
                    ByKey(members, e => NormalizePlate(e.Value) is { Length: >= 2 } p ? p : null, (a, b, key) => Suggestion(a, b, 1.0, MergeReason.Of(SamePlate, key)), found);
                    break;
                case EntityKind.BankAccount:
                    ByKey(members, AccountKey, Accounts, found);
                    break;
                case EntityKind.Person:
                    Pairwise(members.Select(e => (Entity: e, Record: Prepare(e))).Where(x => x.Record is not null).ToList(),
                        (a, b) => Persons(a.Entity, a.Record!, b.Entity, b.Record!), found);
                    break;
                case EntityKind.Company:
                    Pairwise(members, Companies, found);
                    break;
                case EntityKind.Address:
                    Pairwise(members, Addresses, found);
                    break;
                case EntityKind.Travel:
                    ByKey(members, e => NormalizeAddress(e.Value) is { Length: > 0 } route && !string.IsNullOrWhiteSpace(e.Detail) ? route + "|" + e.Detail.Trim() : null,
                        (a, b, _) => Suggestion(a, b, 0.6, MergeReason.Of(SameRouteAndDate, a.Value.Trim(), a.Detail!.Trim())), found);
                    break;
                default:
                    break; // payments: see the remarks
            }
        }

        return found
            .Select(s => order[s.LeftId] <= order[s.RightId] ? s : s with { LeftId = s.RightId, RightId = s.LeftId })
            .Where(s => s.Score >= Threshold && s.LeftId != s.RightId)
            .OrderByDescending(s => s.Score).ThenBy(s => order[s.LeftId]).ThenBy(s => order[s.RightId])
            .ToList();
    }

    private static MergeSuggestion Suggestion(EntityFacts a, EntityFacts b, double score, params MergeReason[] reasons) =>
        new(a.Id, b.Id, a.Kind, Math.Round(Math.Clamp(score, 0, 1), 4), reasons);

    private static void ByKey(List<EntityFacts> members, Func<EntityFacts, string?> key, Func<EntityFacts, EntityFacts, string, MergeSuggestion?> pair,
        List<MergeSuggestion> found)
    {
        foreach (var group in members.Select(e => (Entity: e, Key: key(e))).Where(x => x.Key is not null).GroupBy(x => x.Key!, StringComparer.Ordinal))
        {
            var same = group.ToList();
            for (var i = 0; i < same.Count; i++)
            {
                for (var j = i + 1; j < same.Count; j++)
                {
                    if (pair(same[i].Entity, same[j].Entity, group.Key) is { } suggestion)
                        found.Add(suggestion);
                }
            }
        }
    }

    private static void Pairwise<T>(List<T> members, Func<T, T, MergeSuggestion?> pair, List<MergeSuggestion> found)
    {
        for (var i = 0; i < members.Count; i++)
        {
            for (var j = i + 1; j < members.Count; j++)
            {
                if (pair(members[i], members[j]) is { Score: >= Threshold } suggestion)
                    found.Add(suggestion);
            }
        }
    }

    private static string? AccountKey(EntityFacts e) =>
        NormalizeIban(e.Value) is { } iban ? iban
        : new string(e.Value.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray()) is { Length: >= 5 } number ? "#" + number : null;

    private static MergeSuggestion? Accounts(EntityFacts a, EntityFacts b, string key)
    {
        if (!key.StartsWith('#'))
            return Suggestion(a, b, 1.0, MergeReason.Of(SameIban, key));
        // An account number without IBAN is unique only at its bank.
        var bankA = NormalizeCompanyName(a.Detail);
        var bankB = NormalizeCompanyName(b.Detail);
        return bankA.Length > 0 && bankB.Length > 0 && !string.Equals(bankA, bankB, StringComparison.Ordinal)
            ? null
            : Suggestion(a, b, 1.0, MergeReason.Of(SameAccountNumber, key[1..]));
    }

    private static MergeSuggestion? Companies(EntityFacts a, EntityFacts b)
    {
        var numberA = Identifier(a.Detail);
        var numberB = Identifier(b.Detail);
        if (numberA.Length > 0 && string.Equals(numberA, numberB, StringComparison.Ordinal))
            return Suggestion(a, b, 1.0, MergeReason.Of(SameRegistrationNumber, numberA));
        if ((numberA.Length > 0 && numberB.Length > 0) || DifferentCountries(a, b))
            return null;
        var nameA = NormalizeCompanyName(a.Value);
        var nameB = NormalizeCompanyName(b.Value);
        if (nameA.Length == 0 || nameB.Length == 0)
            return null;
        if (string.Equals(nameA, nameB, StringComparison.Ordinal))
            return Suggestion(a, b, 0.9, MergeReason.Of(SameCompanyName, nameA));
        if (!string.Equals(Digits(nameA), Digits(nameB), StringComparison.Ordinal))
            return null;
        string canonicalA = NameNormalizer.Canonical(nameA), canonicalB = NameNormalizer.Canonical(nameB);
        if (canonicalA.Length > 0 && (string.Equals(canonicalA, canonicalB, StringComparison.Ordinal)
            || string.Equals(NameNormalizer.Skeleton(nameA), NameNormalizer.Skeleton(nameB), StringComparison.Ordinal)))
            return Suggestion(a, b, 0.8, MergeReason.Of(CompanyNameVariant, a.Value.Trim(), b.Value.Trim()));
        return Similarity.JaroWinkler(canonicalA, canonicalB) >= 0.93
            ? Suggestion(a, b, 0.6, MergeReason.Of(SimilarCompanyName, a.Value.Trim(), b.Value.Trim()))
            : null;
    }

    private static MergeSuggestion? Addresses(EntityFacts a, EntityFacts b)
    {
        if (DifferentCountries(a, b))
            return null;
        var left = NormalizeAddress(a.Value);
        var right = NormalizeAddress(b.Value);
        if (left.Length == 0 || right.Length == 0)
            return null;
        if (string.Equals(left, right, StringComparison.Ordinal))
            return Suggestion(a, b, 0.9, MergeReason.Of(SameAddress, a.Value.Trim()));
        // House and flat numbers must agree; the words may differ by a letter or an alphabet.
        if (!string.Equals(Digits(left), Digits(right), StringComparison.Ordinal))
            return null;
        string canonicalA = NameNormalizer.Canonical(left), canonicalB = NameNormalizer.Canonical(right);
        return canonicalA.Length > 0 && (string.Equals(canonicalA, canonicalB, StringComparison.Ordinal) || Similarity.JaroWinkler(canonicalA, canonicalB) >= 0.95)
            ? Suggestion(a, b, 0.6, MergeReason.Of(SimilarAddress, a.Value.Trim(), b.Value.Trim()))
            : null;
    }

    /// <summary>
    /// A person's value as the linkage library's record: the first word the given name, the second the surname, the rest
    /// the patronymic. Names written surname first ("Məmmədov Elçin") are found by the library's swapped-name level.
    /// </summary>
    private static PreparedRecord? Prepare(EntityFacts person)
    {
        var words = (person.Value ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2)
            return null;
        return new PreparedRecord(new PersonRecord(
            person.Id.ToString("N", CultureInfo.InvariantCulture), GivenName: words[0], Surname: words[1],
            Patronymic: words.Length > 2 ? string.Join(' ', words[2..]) : null, DateOfBirth: person.Detail));
    }

    private static MergeSuggestion? Persons(EntityFacts a, PreparedRecord left, EntityFacts b, PreparedRecord right)
    {
        var given = GivenField.Level(left, right);
        var surname = SurnameField.Level(left, right);
        if (given < 2 || surname < 2)
            return null;
        var birth = BirthField.Level(left, right);
        if (birth is 0 or 1)
            return null;

        var reasons = new List<MergeReason>();
        var nameScore = (given + surname) / 8.0;
        double score;
        if (birth == 3)
        {
            score = 0.6 + (0.4 * nameScore);
            reasons.Add(MergeReason.Of(SameBirthDate, a.Detail!.Trim()));
        }
        else if (birth == 2)
        {
            score = 0.45 + (0.4 * nameScore);
            reasons.Add(MergeReason.Of(NearBirthDate, a.Detail!.Trim(), b.Detail!.Trim()));
        }
        else
            score = 0.7 * nameScore;

        var swapped = left.GivenStem.Length > 0 && left.SurnameStem.Length > 0
            && !string.Equals(left.GivenStem, left.SurnameStem, StringComparison.Ordinal)
            && string.Equals(left.GivenStem, right.SurnameStem, StringComparison.Ordinal)
            && string.Equals(left.SurnameStem, right.GivenStem, StringComparison.Ordinal);
        if (swapped)
            reasons.Add(MergeReason.Of(NamesSwapped, a.Value.Trim(), b.Value.Trim()));
        else
        {
            reasons.Add(NamePart(given, left.Source.GivenName!, right.Source.GivenName!));
            reasons.Add(NamePart(surname, left.Source.Surname!, right.Source.Surname!));
        }

        switch (PatronymicField.Level(left, right))
        {
            case 2:
                score += 0.05;
                reasons.Add(MergeReason.Of(SamePatronymic, left.Source.Patronymic!, right.Source.Patronymic!));
                break;
            case 0:
                score *= 0.6;
                reasons.Add(MergeReason.Of(DifferentPatronymic, left.Source.Patronymic!, right.Source.Patronymic!));
                break;
            default:
                break;
        }

        if (birth == ComparisonField.Missing)
            reasons.Add(MergeReason.Of(NoBirthDate));
        return Suggestion(a, b, Math.Min(score, 0.99), [.. reasons]);
    }

    private static MergeReason NamePart(int level, string left, string right) => level switch
    {
        4 => MergeReason.Of(SameName, left, right),
        3 => MergeReason.Of(NameVariant, left, right),
        _ => MergeReason.Of(NameSlip, left, right),
    };

    private static bool DifferentCountries(EntityFacts a, EntityFacts b) =>
        !string.IsNullOrWhiteSpace(a.Country) && !string.IsNullOrWhiteSpace(b.Country)
        && !string.Equals(a.Country.Trim(), b.Country.Trim(), StringComparison.OrdinalIgnoreCase);

    private static string Identifier(string? value) =>
        value is null ? "" : new string(value.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());

    private static string Digits(string value) => new(value.Where(char.IsDigit).ToArray());

    // Lower case that reads Azerbaijani İ as i; I stays i as well (the comparison forms treat ı and i alike).
    private static string Lower(string value) => value.Replace('İ', 'i').ToLowerInvariant();
}
