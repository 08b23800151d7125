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
        SurnameSkeleton = NameNormalizer.Skeleton(source.Surname);
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
    /// <summary>The phonetic key of the whole surname (ending kept).</summary>
    public string SurnameSkeleton { get; }
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
        // Azerbaijani dotted and dotless i read as i whatever the case (kişi, KİŞİ, qadın).
        var v = (value ?? "").Trim().Replace('ı', 'i').Replace('İ', 'I').ToUpperInvariant();
        return v switch
        {
            "F" or "FEMALE" or "W" or "Ж" or "ЖЕН" or "ЖЕНСКИЙ" or "QADIN" or "KADIN" => 'F',
            "M" or "MALE" or "М" or "МУЖ" or "МУЖСКОЙ" or "KIŞI" or "KISI" or "ERKƏK" or "ERKEK" => 'M',
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
        new("given_name", ["different", "similar", "one slip apart", "same sound or swapped", "same"],
            (a, b) => Swapped(a, b) ? (string.Equals(a.Given, b.Surname, StringComparison.Ordinal) ? 4 : 3) : Name(a.Given, b.Given, a.GivenKey, b.GivenKey, a.GivenKey, b.GivenKey)),
        new("surname", ["different", "similar", "one slip apart", "same stem or swapped", "same"],
            (a, b) => Swapped(a, b) ? (string.Equals(a.Surname, b.Given, StringComparison.Ordinal) ? 4 : 3) : Name(a.Surname, b.Surname, a.SurnameStem, b.SurnameStem, a.SurnameSkeleton, b.SurnameSkeleton)),
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

    /// <summary>
    /// A name compared on several keys at once, so that a typo on top of a change of alphabet still scores high:
    /// the written form (canonical transliteration), the stem or first-name key, and the phonetic skeleton, the
    /// level from the best-matching pair. Gendered surname endings and patronymic forms are in none of the keys
    /// that decide the upper levels.
    /// </summary>
    private static int Name(string a, string b, string keyA, string keyB, string skeletonA, string skeletonB)
    {
        if (a.Length == 0 || b.Length == 0)
            return ComparisonField.Missing;
        if (string.Equals(a, b, StringComparison.Ordinal))
            return 4;
        if (keyA.Length > 0 && (string.Equals(keyA, keyB, StringComparison.Ordinal) || string.Equals(skeletonA, skeletonB, StringComparison.Ordinal)))
            return 3;
        // One slip (a letter changed, lost, doubled or two exchanged) on the phonetic key, or very close written forms.
        // A slip keeps the first letter (Aliyev and Valiyev are two names).
        if ((keyA.Length >= 3 && keyB.Length > 0 && keyA[0] == keyB[0] && (Similarity.WithinOneEdit(keyA, keyB) || Transposed(keyA, keyB)))
            || (skeletonA.Length >= 3 && skeletonB.Length > 0 && skeletonA[0] == skeletonB[0] && (Similarity.WithinOneEdit(skeletonA, skeletonB) || Transposed(skeletonA, skeletonB)))
            || (a[0] == b[0] && Similarity.JaroWinkler(a, b) >= 0.94))
            return 2;
        var best = Math.Max(Similarity.JaroWinkler(a, b), Math.Max(Similarity.JaroWinkler(keyA, keyB), Similarity.JaroWinkler(skeletonA, skeletonB)));
        return best >= 0.84 ? 1 : 0;
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
        // One part mistyped (one digit of it, or a day one off), or day and month swapped.
        static bool OneSlip(int x, int y) => Similarity.WithinOneEdit(x.ToString("D2", System.Globalization.CultureInfo.InvariantCulture),
            y.ToString("D2", System.Globalization.CultureInfo.InvariantCulture));
        if ((ya == yb && ma == db && da == mb)
            || (ya == yb && ma == mb && (Math.Abs(da - db) <= 1 || OneSlip(da, db)))
            || (ya == yb && da == db && OneSlip(ma, mb))
            || (ma == mb && da == db && (OneSlip(ya, yb) || Math.Abs(ya - yb) <= 1)))
            return 2;
        return ya == yb ? 1 : 0;
    }
}
