namespace Ariadne.Linkage;

/// <summary>A record with every field in its comparison forms, computed once.</summary>
public sealed class PreparedRecord
{
    public PreparedRecord(PersonRecord source)
    {
        Source = source;
        Given = NameNormalizer.Canonical(source.GivenName);
        GivenKey = NameNormalizer.GivenKey(source.GivenName) ?? "";
        Surname = NameNormalizer.Canonical(source.Surname);
        SurnameStem = NameNormalizer.SurnameStem(source.Surname);
        GivenStem = NameNormalizer.SurnameStem(source.GivenName);
        Patronymic = NameNormalizer.PatronymicKey(source.Patronymic) ?? "";
        Sex = NormalizeSex(source.Sex);
        Birth = Similarity.ParseDate(source.DateOfBirth);
        Citizenship = (source.Citizenship ?? "").Trim().ToUpperInvariant();
        Document = Normalize(source.DocumentNumber, letters: true);
        Address = NameNormalizer.Canonical(source.Address);
        var phone = Normalize(source.Phone, letters: false);
        Phone = phone.Length > 9 ? phone[^9..] : phone;
    }

    public PersonRecord Source { get; }
    public string Given { get; }
    public string GivenKey { get; }
    public string Surname { get; }
    public string SurnameStem { get; }
    /// <summary>The given name through the surname stemmer: with <see cref="SurnameStem"/>, an order-free key for swapped names.</summary>
    public string GivenStem { get; }
    public string Patronymic { get; }
    public char Sex { get; }
    public int Birth { get; }
    public string Citizenship { get; }
    public string Document { get; }
    public string Phone { get; }
    public string Address { get; }

    private static char NormalizeSex(string? value)
    {
        var v = (value ?? "").Trim().ToUpperInvariant();
        return v switch
        {
            "F" or "FEMALE" or "W" or "Ж" or "QADIN" or "QADİN" => 'F',
            "M" or "MALE" or "М" or "KİŞİ" or "KISI" => 'M',
            _ => '\0',
        };
    }

    private static string Normalize(string? value, bool letters) =>
        new((value ?? "").Where(c => char.IsAsciiDigit(c) || (letters && char.IsAsciiLetter(c))).Select(char.ToUpperInvariant).ToArray());
}

/// <summary>A field compared between two records, its levels from "disagree" (0) upwards, and how to compute the level.</summary>
public sealed record ComparisonField(string Name, string[] Levels, Func<PreparedRecord, PreparedRecord, int> Level)
{
    public const int Missing = -1;
}

/// <summary>The comparison levels of each field. Each returns -1 when either side is missing.</summary>
public static class Comparisons
{
    public static IReadOnlyList<ComparisonField> Default { get; } =
    [
        new("given_name", ["different", "similar", "same sound or swapped", "same"], (a, b) => Swapped(a, b) ? 2 : Name(a.Given, b.Given, a.GivenKey, b.GivenKey)),
        new("surname", ["different", "similar", "same stem or swapped", "same"], (a, b) => Swapped(a, b) ? 2 : Name(a.Surname, b.Surname, a.SurnameStem, b.SurnameStem)),
        new("patronymic", ["different", "similar", "same"], (a, b) => Short(a.Patronymic, b.Patronymic)),
        new("date_of_birth", ["different", "same year", "one part off or day/month swapped", "same"], (a, b) => Birth(a.Birth, b.Birth)),
        new("sex", ["different", "same"], (a, b) => a.Sex == '\0' || b.Sex == '\0' ? ComparisonField.Missing : a.Sex == b.Sex ? 1 : 0),
        new("citizenship", ["different", "same"], (a, b) => Exact(a.Citizenship, b.Citizenship)),
        new("document_number", ["different", "one character off", "same"], (a, b) => Identifier(a.Document, b.Document)),
        new("phone", ["different", "same"], (a, b) => Exact(a.Phone, b.Phone)),
        new("address", ["different", "similar", "same"], (a, b) => Short(a.Address, b.Address)),
    ];

    /// <summary>Given name and surname written in each other's place.</summary>
    private static bool Swapped(PreparedRecord a, PreparedRecord b) =>
        a.GivenStem.Length > 0 && a.SurnameStem.Length > 0 && !string.Equals(a.GivenStem, a.SurnameStem, StringComparison.Ordinal)
        && string.Equals(a.GivenStem, b.SurnameStem, StringComparison.Ordinal) && string.Equals(a.SurnameStem, b.GivenStem, StringComparison.Ordinal);

    private static int Name(string a, string b, string keyA, string keyB)
    {
        if (a.Length == 0 || b.Length == 0)
            return ComparisonField.Missing;
        if (string.Equals(a, b, StringComparison.Ordinal))
            return 3;
        if (keyA.Length > 0 && string.Equals(keyA, keyB, StringComparison.Ordinal))
            return 2;
        return Similarity.JaroWinkler(a, b) >= 0.88 ? 1 : 0;
    }

    private static int Short(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0)
            return ComparisonField.Missing;
        if (string.Equals(a, b, StringComparison.Ordinal))
            return 2;
        return Similarity.JaroWinkler(a, b) >= 0.88 ? 1 : 0;
    }

    private static int Exact(string a, string b) =>
        a.Length == 0 || b.Length == 0 ? ComparisonField.Missing : string.Equals(a, b, StringComparison.Ordinal) ? 1 : 0;

    private static int Identifier(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0)
            return ComparisonField.Missing;
        if (string.Equals(a, b, StringComparison.Ordinal))
            return 2;
        return Similarity.WithinOneEdit(a, b) || Transposed(a, b) ? 1 : 0;
    }

    private static bool Transposed(string a, string b)
    {
        if (a.Length != b.Length)
            return false;
        var first = -1;
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] == b[i])
                continue;
            if (first >= 0)
                return i == first + 1 && a[first] == b[i] && a[i] == b[first] && a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i + 1));
            first = i;
        }
        return false;
    }

    private static int Birth(int a, int b)
    {
        if (a == 0 || b == 0)
            return ComparisonField.Missing;
        if (a == b)
            return 3;
        int ya = a / 10000, ma = a / 100 % 100, da = a % 100, yb = b / 10000, mb = b / 100 % 100, db = b % 100;
        var sameParts = (ya == yb ? 1 : 0) + (ma == mb ? 1 : 0) + (da == db ? 1 : 0);
        if (sameParts == 2 || (ya == yb && ma == db && da == mb) || (ya == yb && ma == mb && Math.Abs(da - db) <= 1)
            || Similarity.WithinOneEdit(a.ToString(System.Globalization.CultureInfo.InvariantCulture), b.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            return 2;
        return ya == yb ? 1 : 0;
    }
}
