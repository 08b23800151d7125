using System.Globalization;

namespace Ariadne.Linkage;

/// <summary>A blocking rule: records are compared only with records that share its key. <see cref="Fields"/> are the comparison fields the key is made of.</summary>
public sealed record BlockingRule(string Name, Func<PreparedRecord, string?> Key, params string[] Fields)
{
    /// <summary>Blocks with more records than this are split by further keys (or, with <see cref="NarrowedBy"/>, left to a narrower rule).</summary>
    public int MaxBlock { get; init; } = Blocking.MaxBlock;

    /// <summary>
    /// The name of a later rule whose key extends this one's: blocks over <see cref="MaxBlock"/> are left to it
    /// (it sees the same records in narrower blocks) instead of being split here.
    /// </summary>
    public string? NarrowedBy { get; init; }

    /// <summary>When set, a pair is produced only if at least one of its records satisfies this (e.g. names alone only for a record without a birth date).</summary>
    public Func<PreparedRecord, bool>? Probe { get; init; }

    /// <summary>The keys that split an oversized block, in order, as positions in <see cref="Blocking.Refinements"/>; null for all of them in order.</summary>
    public IReadOnlyList<int>? Refinements { get; init; }
}

/// <summary>What blocking did with a register: no record is dropped without being counted and explained.</summary>
/// <param name="Records">Records blocked.</param>
/// <param name="CandidatePairs">Pairs produced.</param>
/// <param name="WithoutKey">Records no rule gives a key (too few fields: no birth date, document or phone, and not both names).</param>
/// <param name="SharingNoKey">Records with a key that no other record shares (nobody like them in the register).</param>
/// <param name="SplitBlocks">Blocks over their rule's size that were split by further keys.</param>
/// <param name="WindowedRecords">Records of blocks that further keys could not split (identical records): each compared with its neighbours in sorted order.</param>
public sealed record BlockingReport(int Records, long CandidatePairs, int WithoutKey, int SharingNoKey, int SplitBlocks, int WindowedRecords)
{
    /// <summary>Records that reached no candidate pair.</summary>
    public int WithoutPair => WithoutKey + SharingNoKey;

    /// <summary>The report in words (counts only, never a record's content).</summary>
    public string Describe() =>
        FormattableString.Invariant($"blocking: {CandidatePairs:N0} candidate pairs; {SplitBlocks:N0} oversized blocks split by further keys")
        + (WindowedRecords > 0 ? FormattableString.Invariant($" ({WindowedRecords:N0} records in blocks no key could split, each compared with its {Blocking.Window} neighbours)") : "")
        + FormattableString.Invariant($"; {WithoutPair:N0} of {Records:N0} records reached no candidate pair: {WithoutKey:N0} have no blocking key ")
        + FormattableString.Invariant($"(no birth date, document or phone, and not both names), {SharingNoKey:N0} share no key with another record");
}

/// <summary>
/// Candidate pairs from the union of several blocking rules, each pair once (a pair is produced by the
/// first rule that groups it). A block larger than its rule's <see cref="BlockingRule.MaxBlock"/> is never
/// dropped: it is split by further keys (given name, birth date, surname, patronymic, sex, document, phone),
/// recursively, and a block that no key can split (the same person registered thousands of times) is compared
/// by sorted neighbourhood: each record with its <see cref="Window"/> neighbours. The pairs compared stay far below n².
/// </summary>
public static class Blocking
{
    public const int MaxBlock = 250;

    /// <summary>Neighbours each record of an unsplittable block is compared with.</summary>
    public const int Window = 20;

    private static string? Join(string a, string b) => a.Length == 0 || b.Length == 0 ? null : a + "|" + b;

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The birth date with day and month in order of size: a date and its day/month swap share it.</summary>
    private static string? BirthKey(PreparedRecord r)
    {
        if (r.Birth == 0)
            return null;
        int month = r.Birth / 100 % 100, day = r.Birth % 100;
        return Text((r.Birth / 10000 * 10000) + (Math.Min(month, day) * 100) + Math.Max(month, day));
    }

    private static string? Names(PreparedRecord r) => r.GivenStem.Length == 0 || r.SurnameStem.Length == 0 ? null
        : string.CompareOrdinal(r.GivenStem, r.SurnameStem) < 0 ? r.GivenStem + "|" + r.SurnameStem : r.SurnameStem + "|" + r.GivenStem;

    /// <summary>The keys that split an oversized block, in order.</summary>
    public static IReadOnlyList<Func<PreparedRecord, string>> Refinements { get; } =
    [
        r => r.GivenKey, r => Text(r.Birth), r => r.SurnameStem, r => r.Patronymic, r => r.Sex.ToString(), r => r.Document, r => r.Phone,
    ];

    public static IReadOnlyList<BlockingRule> Default { get; } =
    [
        new("document", r => r.Document.Length == 0 ? null : r.Document, "document_number"),
        new("phone", r => r.Phone.Length < 7 ? null : r.Phone, "phone"),
        new("birth+given", r => Join(BirthKey(r) ?? "", r.GivenKey), "date_of_birth", "given_name"),
        new("birth+surname", r => Join(BirthKey(r) ?? "", r.SurnameStem), "date_of_birth", "surname"),
        // Names alone are not a block for dated records: namesakes are common (a surname and a given name shared by
        // hundreds), and pairing them all taught the model that the name is the person. Names with the birth year instead,
        // or with day and month (a mistyped year).
        new("names in either order+year", r => r.Birth == 0 || Names(r) is not { } names ? null : names + "|" + Text(r.Birth / 10000),
            "given_name", "surname", "date_of_birth"),
        new("names in either order+day and month", r => r.Birth == 0 || Names(r) is not { } names ? null : names + "|" + (BirthKey(r)![4..]),
            "given_name", "surname", "date_of_birth"),
        // Surname and birth year catch a typo in the given name and in the date; in a national register a common
        // surname makes such blocks large, so only small ones are used, and the initial narrows the rest.
        new("surname+year", r => r.Birth == 0 ? null : Join(r.SurnameStem, Text(r.Birth / 10000)), "surname", "date_of_birth")
            { MaxBlock = 12, NarrowedBy = "surname+year+initial" },
        new("surname+year+initial", r => r.Birth == 0 || r.GivenKey.Length == 0 ? null
            : Join(r.SurnameStem, Text(r.Birth / 10000) + r.GivenKey[0]), "surname", "date_of_birth"),
        // A record without one of the names meets the records of the other name and its birth year.
        new("given+year, one without a surname", r => r.Birth == 0 || r.GivenKey.Length == 0 ? null : r.GivenKey + "|" + Text(r.Birth / 10000), "given_name", "date_of_birth")
            { Probe = r => r.SurnameStem.Length == 0 },
        new("surname+year, one without a given name", r => r.Birth == 0 || r.SurnameStem.Length == 0 ? null : r.SurnameStem + "|" + Text(r.Birth / 10000), "surname", "date_of_birth")
            { Probe = r => r.GivenKey.Length == 0 },
        // A record without a birth date meets the records of its names (whether they have a date or not).
        new("names, one without a birth date", Names, "given_name", "surname")
        {
            MaxBlock = 1000,
            Probe = r => r.Birth == 0,
            Refinements = [4, 3, 5, 6], // sex, patronymic, document, phone: not the birth date this rule is for
        },
    ];

    /// <summary>
    /// A probe-only rule for searches without a birth date: both names in either order, small blocks only (a name shared
    /// by more than 50 people is left to the other rules, which the search runs too: hence <see cref="BlockingRule.NarrowedBy"/>).
    /// </summary>
    public static BlockingRule NamesOnly { get; } = new("names in either order", Names, "given_name", "surname") { MaxBlock = 50, NarrowedBy = "the other rules of the search" };

    /// <summary>Pairs within one set (i &lt; j).</summary>
    public static IEnumerable<(int Left, int Right, int Rule)> Dedupe(IReadOnlyList<PreparedRecord> records, IReadOnlyList<BlockingRule> rules) =>
        DedupeWithReport(records, rules).Pairs;

    /// <summary>Pairs within one set (i &lt; j), and what blocking did.</summary>
    public static ((int Left, int Right, int Rule)[] Pairs, BlockingReport Report) DedupeWithReport(IReadOnlyList<PreparedRecord> records, IReadOnlyList<BlockingRule> rules)
    {
        var (keys, probes, refinements) = Columns(records, rules);
        return DedupeWithReport(records.Count, rules, keys, probes, refinements);
    }

    /// <summary>
    /// The same on keys computed elsewhere (keyed hashes of them, for encodings): <paramref name="keys"/>[rule][record]
    /// (null for none), <paramref name="probes"/>[rule][record] for the rules with a probe, and
    /// <paramref name="refinements"/>[position in <see cref="Refinements"/>][record].
    /// </summary>
    public static ((int Left, int Right, int Rule)[] Pairs, BlockingReport Report) DedupeWithReport(int count, IReadOnlyList<BlockingRule> rules,
        string?[][] keys, bool[]?[] probes, string[][] refinements)
    {
        var plan = Plan(count, rules, keys, probes, refinements);
        var pairs = new List<(int, int, int)>();
        var windowed = new HashSet<(int, int)>();
        for (var r = 0; r < rules.Count; r++)
        {
            var probe = plan.Probes[r];
            var blocks = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
                if (plan.Keys[r][i] is { } key)
                    (blocks.TryGetValue(key, out var list) ? list : blocks[key] = []).Add(i);
            foreach (var block in blocks.Values)
            {
                for (var x = 0; x < block.Count; x++)
                    for (var y = x + 1; y < block.Count; y++)
                        if ((probe is null || probe[block[x]] || probe[block[y]]) && !Earlier(plan, rules, r, block[x], block[y], windowed))
                            pairs.Add((block[x], block[y], r));
            }
            foreach (var list in plan.Windowed[r])
            {
                for (var x = 0; x < list.Count; x++)
                    for (var y = x + 1; y < Math.Min(list.Count, x + 1 + Window); y++)
                    {
                        int a = Math.Min(list[x], list[y]), b = Math.Max(list[x], list[y]);
                        if ((probe is null || probe[a] || probe[b]) && !Earlier(plan, rules, r, a, b, windowed) && windowed.Add((a, b)))
                            pairs.Add((a, b, r));
                    }
            }
        }
        var paired = new bool[count];
        foreach (var (a, b, _) in pairs)
            paired[a] = paired[b] = true;
        int withoutKey = 0, sharingNone = 0;
        for (var i = 0; i < count; i++)
        {
            if (paired[i])
                continue;
            if (plan.Raw.All(k => k[i] is null))
                withoutKey++;
            else
                sharingNone++;
        }
        var array = pairs.ToArray();
        return (array, new BlockingReport(count, array.Length, withoutKey, sharingNone, plan.SplitBlocks, plan.WindowedRecords));
    }

    /// <summary>Pairs across two sets.</summary>
    public static IEnumerable<(int Left, int Right, int Rule)> Link(IReadOnlyList<PreparedRecord> left, IReadOnlyList<PreparedRecord> right, IReadOnlyList<BlockingRule> rules)
    {
        // Both sides are planned together, so that a block split on one side is split the same way on the other.
        var all = left.Concat(right).ToList();
        var (keys, probes, refinements) = Columns(all, rules);
        var plan = Plan(all.Count, rules, keys, probes, refinements);
        var n = left.Count;
        var windowed = new HashSet<(int, int)>();
        for (var r = 0; r < rules.Count; r++)
        {
            var probe = plan.Probes[r];
            var blocks = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            for (var j = 0; j < right.Count; j++)
                if (plan.Keys[r][n + j] is { } key)
                    (blocks.TryGetValue(key, out var list) ? list : blocks[key] = []).Add(j);
            for (var i = 0; i < left.Count; i++)
            {
                if (plan.Keys[r][i] is not { } key || !blocks.TryGetValue(key, out var block))
                    continue;
                foreach (var j in block)
                    if ((probe is null || probe[i] || probe[n + j]) && !Earlier(plan, rules, r, i, n + j, windowed))
                        yield return (i, j, r);
            }
            foreach (var list in plan.Windowed[r])
            {
                for (var x = 0; x < list.Count; x++)
                    for (var y = x + 1; y < Math.Min(list.Count, x + 1 + Window); y++)
                    {
                        int a = Math.Min(list[x], list[y]), b = Math.Max(list[x], list[y]);
                        if (a >= n || b < n || (probe is not null && !probe[a] && !probe[b]) || Earlier(plan, rules, r, a, b, windowed)
                            || !windowed.Add((a, b)))
                            continue;
                        yield return (a, b - n, r);
                    }
            }
        }
    }

    private sealed record BlockingPlan(string?[][] Raw, string?[][] Keys, bool[]?[] Probes, List<List<int>>[] Windowed, int SplitBlocks, int WindowedRecords);

    /// <summary>Each rule's key, probe and each refinement key of every record.</summary>
    private static (string?[][] Keys, bool[]?[] Probes, string[][] Refinements) Columns(IReadOnlyList<PreparedRecord> records, IReadOnlyList<BlockingRule> rules)
    {
        var keys = new string?[rules.Count][];
        var probes = new bool[]?[rules.Count];
        for (var r = 0; r < rules.Count; r++)
        {
            var rule = rules[r];
            var column = keys[r] = new string?[records.Count];
            Parallel.For(0, records.Count, i => column[i] = rule.Key(records[i]));
            if (rule.Probe is { } probe)
            {
                var flags = probes[r] = new bool[records.Count];
                for (var i = 0; i < records.Count; i++)
                    flags[i] = probe(records[i]);
            }
        }
        var refinements = new string[Refinements.Count][];
        for (var d = 0; d < Refinements.Count; d++)
        {
            var refine = Refinements[d];
            var column = refinements[d] = new string[records.Count];
            Parallel.For(0, records.Count, i => column[i] = refine(records[i]));
        }
        return (keys, probes, refinements);
    }

    /// <summary>
    /// Each record's key under each rule after oversized blocks are split (a refined key), left to a narrower rule
    /// (null), or found unsplittable (null, and the block listed for sorted-neighbourhood comparison).
    /// </summary>
    private static BlockingPlan Plan(int count, IReadOnlyList<BlockingRule> rules, string?[][] raw, bool[]?[] probes, string[][] refinementColumns)
    {
        var keys = new string?[rules.Count][];
        var windowed = new List<List<int>>[rules.Count];
        var split = 0;
        var inWindow = new bool[count];
        var all = Enumerable.Range(0, refinementColumns.Length).ToArray();
        for (var r = 0; r < rules.Count; r++)
        {
            var rule = rules[r];
            var column = raw[r];
            var refined = keys[r] = (string?[])column.Clone();
            windowed[r] = [];
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var key in column)
                if (key is not null)
                    counts[key] = counts.GetValueOrDefault(key) + 1;
            if (!counts.Values.Any(c => c > rule.MaxBlock))
                continue;
            var oversized = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
                if (column[i] is { } key && counts[key] > rule.MaxBlock)
                    (oversized.TryGetValue(key, out var list) ? list : oversized[key] = []).Add(i);
            var refinements = rule.Refinements ?? all;
            foreach (var (key, block) in oversized)
            {
                if (rule.NarrowedBy is not null)
                {
                    foreach (var i in block)
                        refined[i] = null;
                    continue;
                }
                split++;
                Split(block, key, 0);
            }

            void Split(List<int> block, string prefix, int depth)
            {
                if (block.Count <= rule.MaxBlock)
                {
                    foreach (var i in block)
                        refined[i] = prefix;
                    return;
                }
                if (depth == refinements.Count)
                {
                    // Nothing tells these records apart: compare each with its neighbours (in a stable order).
                    foreach (var i in block)
                    {
                        refined[i] = null;
                        inWindow[i] = true;
                    }
                    windowed[r].Add(block);
                    return;
                }
                var values = refinementColumns[refinements[depth]];
                foreach (var group in block.GroupBy(i => values[i], StringComparer.Ordinal))
                    Split(group.ToList(), prefix + "\u001f" + group.Key, depth + 1);
            }
        }
        return new BlockingPlan(raw, keys, probes, windowed, split, inWindow.Count(x => x));
    }

    /// <summary>Did an earlier rule already produce this pair (in a block, or in a sorted neighbourhood)?</summary>
    private static bool Earlier(BlockingPlan plan, IReadOnlyList<BlockingRule> rules, int rule, int i, int j, HashSet<(int, int)> windowed)
    {
        for (var e = 0; e < rule; e++)
            if (plan.Keys[e][i] is { } a && plan.Keys[e][j] is { } b && string.Equals(a, b, StringComparison.Ordinal)
                && (plan.Probes[e] is not { } probe || probe[i] || probe[j]))
                return true;
        return windowed.Count > 0 && windowed.Contains((Math.Min(i, j), Math.Max(i, j)));
    }
}
