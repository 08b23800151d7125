namespace Ariadne.Linkage;

/// <summary>String and date comparisons used by the comparison levels. Allocation-free.</summary>
public static class Similarity
{
    /// <summary>Jaro–Winkler similarity in [0, 1] (prefix scale 0.1, up to 4 characters).</summary>
    public static double JaroWinkler(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length == 0 || b.Length == 0)
            return a.Length == b.Length ? 1 : 0;
        if (a.SequenceEqual(b))
            return 1;
        var window = Math.Max(0, (Math.Max(a.Length, b.Length) / 2) - 1);
        Span<bool> aMatched = a.Length <= 64 ? stackalloc bool[a.Length] : new bool[a.Length];
        Span<bool> bMatched = b.Length <= 64 ? stackalloc bool[b.Length] : new bool[b.Length];
        var matches = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var from = Math.Max(0, i - window);
            var to = Math.Min(b.Length - 1, i + window);
            for (var j = from; j <= to; j++)
            {
                if (bMatched[j] || a[i] != b[j])
                    continue;
                aMatched[i] = bMatched[j] = true;
                matches++;
                break;
            }
        }
        if (matches == 0)
            return 0;
        var transpositions = 0;
        var k = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (!aMatched[i])
                continue;
            while (!bMatched[k])
                k++;
            if (a[i] != b[k])
                transpositions++;
            k++;
        }
        double m = matches;
        var jaro = ((m / a.Length) + (m / b.Length) + ((m - (transpositions / 2.0)) / m)) / 3.0;
        var prefix = 0;
        while (prefix < Math.Min(4, Math.Min(a.Length, b.Length)) && a[prefix] == b[prefix])
            prefix++;
        return jaro + (prefix * 0.1 * (1 - jaro));
    }

    /// <summary>True when the Levenshtein distance is at most one (one substitution, insertion or deletion).</summary>
    public static bool WithinOneEdit(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (Math.Abs(a.Length - b.Length) > 1)
            return false;
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
            i++;
        if (a.Length == b.Length)
            return a[(i + (i < a.Length ? 1 : 0))..].SequenceEqual(b[(i + (i < b.Length ? 1 : 0))..]);
        return a.Length > b.Length ? a[(i + 1)..].SequenceEqual(b[i..]) : a[i..].SequenceEqual(b[(i + 1)..]);
    }

    /// <summary>
    /// A date of birth as yyyymmdd (20000214), from ISO 8601 (2000-02-14), compact (20000214) or
    /// day-first (14.02.2000, 14/02/2000, or with a two-digit year: 14.02.85); 0 when it cannot be read.
    /// </summary>
    public static int ParseDate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return 0;
        Span<int> parts = stackalloc int[3];
        var count = 0;
        var current = -1;
        var digits = 0;
        Span<int> lengths = stackalloc int[3];
        foreach (var c in value.AsSpan().Trim())
        {
            if (char.IsAsciiDigit(c))
            {
                current = (current < 0 ? 0 : current * 10) + (c - '0');
                digits++;
            }
            else if (current >= 0)
            {
                if (count == 3)
                    return 0;
                lengths[count] = digits;
                parts[count++] = current;
                current = -1;
                digits = 0;
            }
        }
        if (current >= 0)
        {
            if (count == 3)
                return 0;
            lengths[count] = digits;
            parts[count++] = current;
        }
        int year, month, day;
        if (count == 1 && lengths[0] == 8)
            (year, month, day) = (parts[0] / 10000, parts[0] / 100 % 100, parts[0] % 100);
        else if (count == 3 && lengths[0] == 4)
            (year, month, day) = (parts[0], parts[1], parts[2]);
        else if (count == 3 && lengths[2] == 4)
            (year, month, day) = (parts[2], parts[1], parts[0]);
        else if (count == 3 && lengths[2] == 2 && lengths[0] <= 2 && lengths[1] <= 2)
            // A two-digit year (14.02.85): 00–29 are read as 2000–2029, 30–99 as 1930–1999.
            (year, month, day) = (parts[2] + (parts[2] < 30 ? 2000 : 1900), parts[1], parts[0]);
        else
            return 0;
        // A plausible date only; a swapped day and month (12/31) is kept as written: the comparison tolerates it.
        if (year is < 1880 or > 2100 || month is < 1 or > 31 || day is < 1 or > 31 || (month > 12 && day > 12))
            return 0;
        return (year * 10000) + (month * 100) + day;
    }
}
