namespace Ariadne.Linkage;

/// <summary>A blocking rule: records are compared only with records that share its key. <see cref="Fields"/> are the comparison fields the key is made of.</summary>
public sealed record BlockingRule(string Name, Func<PreparedRecord, string?> Key, params string[] Fields)
{
    /// <summary>Blocks with more records than this are skipped for this rule (a coarse key in a large register).</summary>
    public int MaxBlock { get; init; } = Blocking.MaxBlock;
}

/// <summary>
/// Candidate pairs from the union of several blocking rules, each pair once (a pair is produced by the
/// first rule that groups it). Blocks larger than <see cref="MaxBlock"/> are skipped: a key shared by
/// that many records (a very common surname in one birth year, in a national register) cannot tell people
/// apart, and the narrower rules still see them. The pairs compared stay far below n².
/// </summary>
public static class Blocking
{
    public const int MaxBlock = 250;

    private static string? Join(string a, string b) => a.Length == 0 || b.Length == 0 ? null : a + "|" + b;

    public static IReadOnlyList<BlockingRule> Default { get; } =
    [
        new("document", r => r.Document.Length == 0 ? null : r.Document, "document_number"),
        new("phone", r => r.Phone.Length < 7 ? null : r.Phone, "phone"),
        new("birth+given", r => r.Birth == 0 ? null : Join(r.Birth.ToString(System.Globalization.CultureInfo.InvariantCulture), r.GivenKey), "date_of_birth", "given_name"),
        new("birth+surname", r => r.Birth == 0 ? null : Join(r.Birth.ToString(System.Globalization.CultureInfo.InvariantCulture), r.SurnameStem), "date_of_birth", "surname"),
        // Names alone are not a block: namesakes are common (a surname and a given name shared by hundreds), and
        // pairing them all taught the model that the name is the person. Names with the birth year instead.
        new("names in either order+year", r => r.GivenStem.Length == 0 || r.SurnameStem.Length == 0 || r.Birth == 0 ? null
            : (string.CompareOrdinal(r.GivenStem, r.SurnameStem) < 0 ? r.GivenStem + "|" + r.SurnameStem : r.SurnameStem + "|" + r.GivenStem)
              + "|" + (r.Birth / 10000).ToString(System.Globalization.CultureInfo.InvariantCulture), "given_name", "surname", "date_of_birth"),
        // Surname and birth year catch a typo in the given name and in the date; in a national register a common
        // surname makes such blocks large, so only small ones are used, and the initial narrows the rest.
        new("surname+year", r => r.Birth == 0 ? null : Join(r.SurnameStem, (r.Birth / 10000).ToString(System.Globalization.CultureInfo.InvariantCulture)), "surname", "date_of_birth")
            { MaxBlock = 12 },
        new("surname+year+initial", r => r.Birth == 0 || r.GivenKey.Length == 0 ? null
            : Join(r.SurnameStem, (r.Birth / 10000).ToString(System.Globalization.CultureInfo.InvariantCulture) + r.GivenKey[0]), "surname", "date_of_birth"),
    ];

    /// <summary>A probe-only rule for searches without a birth date: both names in either order, small blocks only.</summary>
    public static BlockingRule NamesOnly { get; } = new("names in either order", r => r.GivenStem.Length == 0 || r.SurnameStem.Length == 0 ? null
        : string.CompareOrdinal(r.GivenStem, r.SurnameStem) < 0 ? r.GivenStem + "|" + r.SurnameStem : r.SurnameStem + "|" + r.GivenStem, "given_name", "surname")
    { MaxBlock = 50 };

    /// <summary>Pairs within one set (i &lt; j).</summary>
    public static IEnumerable<(int Left, int Right, int Rule)> Dedupe(IReadOnlyList<PreparedRecord> records, IReadOnlyList<BlockingRule> rules)
    {
        var keys = Keys(records, rules);
        var sizes = Sizes(keys);
        for (var r = 0; r < rules.Count; r++)
        {
            var blocks = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            for (var i = 0; i < records.Count; i++)
                if (keys[r][i] is { } key)
                    (blocks.TryGetValue(key, out var list) ? list : blocks[key] = []).Add(i);
            foreach (var block in blocks.Values)
            {
                if (block.Count < 2 || block.Count > rules[r].MaxBlock)
                    continue;
                for (var x = 0; x < block.Count; x++)
                    for (var y = x + 1; y < block.Count; y++)
                        if (!EarlierRuleGroups(keys, keys, sizes, rules, r, block[x], block[y]))
                            yield return (block[x], block[y], r);
            }
        }
    }

    /// <summary>Pairs across two sets.</summary>
    public static IEnumerable<(int Left, int Right, int Rule)> Link(IReadOnlyList<PreparedRecord> left, IReadOnlyList<PreparedRecord> right, IReadOnlyList<BlockingRule> rules)
    {
        var leftKeys = Keys(left, rules);
        var rightKeys = Keys(right, rules);
        var sizes = Sizes(rightKeys);
        for (var r = 0; r < rules.Count; r++)
        {
            var blocks = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            for (var j = 0; j < right.Count; j++)
                if (rightKeys[r][j] is { } key)
                    (blocks.TryGetValue(key, out var list) ? list : blocks[key] = []).Add(j);
            for (var i = 0; i < left.Count; i++)
            {
                if (leftKeys[r][i] is not { } key || !blocks.TryGetValue(key, out var block) || block.Count > rules[r].MaxBlock)
                    continue;
                foreach (var j in block)
                    if (!EarlierRuleGroups(leftKeys, rightKeys, sizes, rules, r, i, j))
                        yield return (i, j, r);
            }
        }
    }

    /// <summary>How many records share each key, per rule (on the side whose blocks are enumerated).</summary>
    private static Dictionary<string, int>[] Sizes(string?[][] keys)
    {
        var sizes = new Dictionary<string, int>[keys.Length];
        for (var r = 0; r < keys.Length; r++)
        {
            var counts = sizes[r] = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var key in keys[r])
                if (key is not null)
                    counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        return sizes;
    }

    private static string?[][] Keys(IReadOnlyList<PreparedRecord> records, IReadOnlyList<BlockingRule> rules)
    {
        var keys = new string?[rules.Count][];
        for (var r = 0; r < rules.Count; r++)
        {
            var column = keys[r] = new string?[records.Count];
            var rule = rules[r];
            Parallel.For(0, records.Count, i => column[i] = rule.Key(records[i]));
        }
        return keys;
    }

    /// <summary>Did an earlier rule already produce this pair? Only if they shared its key in a block it did not skip.</summary>
    private static bool EarlierRuleGroups(string?[][] leftKeys, string?[][] rightKeys, Dictionary<string, int>[] sizes, IReadOnlyList<BlockingRule> rules,
        int rule, int i, int j)
    {
        for (var e = 0; e < rule; e++)
            if (leftKeys[e][i] is { } a && rightKeys[e][j] is { } b && string.Equals(a, b, StringComparison.Ordinal)
                && sizes[e].GetValueOrDefault(a) <= rules[e].MaxBlock)
                return true;
        return false;
    }
}
