using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Ariadne.Linkage;

/// <summary>
/// What an agency hands over for deduplication on encodings: the record-level CLK (for linkage and the national
/// count), one Bloom filter per field, and keyed hashes of the record's blocking keys.
/// </summary>
/// <param name="Clk">The record-level encoding (<see cref="LinkageCommand.Encode"/>).</param>
/// <param name="Fields">One <see cref="ClkFieldEncodings.Words"/>-word filter per field of <see cref="ClkFieldEncodings.Fields"/>, one after another.</param>
/// <param name="Keys">Keyed hashes of the keys of <see cref="Blocking.Default"/> (0 for none), then of <see cref="Blocking.Refinements"/>.</param>
/// <param name="Probes">Bit r set when rule r's probe holds for the record (a field is missing: already visible as an empty filter).</param>
public sealed record ClkRecord(ulong[] Clk, ulong[] Fields, ulong[] Keys, int Probes);

/// <summary>
/// Per-field encodings and deduplication on them: each field's Dice gives a comparison level, so that
/// Fellegi–Sunter weights, EM and term frequency work on encodings as on plain values, and the clusters come from
/// <see cref="Clustering"/> (never from a Dice threshold closed transitively).
/// </summary>
/// <remarks>
/// Per-field Bloom filters reveal more than one record-level CLK: a field's filter can be attacked by the frequency
/// of its values on its own. They are XOR-folded, keyed per field, and carry each name with its phonetic keys (more
/// bigrams a filter). Sex and citizenship (two or three values) get no filter of their own: they would read as plain
/// text by frequency. The blocking keys are HMACs: equal keys are visible as equal, nothing else.
/// </remarks>
public static class ClkFieldEncodings
{
    /// <summary>Bits of each field's filter (XOR-folded from twice as many).</summary>
    public const int Bits = 512;

    /// <summary>Words of each field's filter.</summary>
    public const int Words = Bits / 64;

    /// <summary>The fields with a filter of their own, in order.</summary>
    public static IReadOnlyList<string> Fields { get; } = ["given_name", "surname", "patronymic", "date_of_birth", "document_number", "phone", "address"];

    private static readonly ClkField Given = new("pf.given_name", 6), GivenKey = new("pf.given_key", 6);
    private static readonly ClkField Surname = new("pf.surname", 6), SurnameStem = new("pf.surname_stem", 6), SurnameSkeleton = new("pf.surname_skeleton", 4);
    private static readonly ClkField Patronymic = new("pf.patronymic", 8);
    private static readonly ClkField BirthYear = new("pf.birth_year", 8), BirthMonth = new("pf.birth_month", 8), BirthDay = new("pf.birth_day", 8),
        BirthUnordered = new("pf.birth_unordered", 8);
    private static readonly ClkField Document = new("pf.document_number", 8), Phone = new("pf.phone", 8), Address = new("pf.address", 6);

    /// <summary>The comparison levels of each field on encodings: the Dice of its filters, missing when either is empty.</summary>
    public static IReadOnlyList<ComparisonField> Comparisons { get; } =
    [
        new("given_name", ["different", "similar", "close", "very close", "same"], NotPlain),
        new("surname", ["different", "similar", "close", "very close", "same"], NotPlain),
        new("patronymic", ["different", "similar", "same"], NotPlain),
        new("date_of_birth", ["different", "similar", "close", "same"], NotPlain),
        new("document_number", ["different", "one character off", "same"], NotPlain),
        new("phone", ["different", "same"], NotPlain),
        new("address", ["different", "similar", "same"], NotPlain),
    ];

    // Dice from which each level (above "different") starts, per field.
    private static readonly double[][] Thresholds =
    [
        [0.5, 0.7, 0.85, 0.999], [0.5, 0.7, 0.85, 0.999], [0.7, 0.999], [0.55, 0.7, 0.999], [0.75, 0.999], [0.999], [0.7, 0.999],
    ];

    private static int NotPlain(PreparedRecord a, PreparedRecord b) => throw new NotSupportedException("compared on encodings");

    /// <summary>The encodings of one person: record-level CLK, per-field filters, keyed blocking keys.</summary>
    /// <param name="encoder">The record-level encoder (1024 bits).</param>
    /// <param name="fieldEncoder">An encoder of <see cref="Bits"/> bits under the same secret.</param>
    public static ClkRecord Encode(ClkEncoder encoder, ClkEncoder fieldEncoder, PersonRecord person)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(fieldEncoder);
        var p = new PreparedRecord(person);
        var fields = new ulong[Fields.Count * Words];
        void Field(int f, params (ClkField, string?)[] values)
        {
            if (values.Any(v => !string.IsNullOrEmpty(v.Item2)))
                fieldEncoder.Encode(values, fields.AsSpan(f * Words, Words));
        }
        Field(0, (Given, p.Given), (GivenKey, p.GivenKey));
        Field(1, (Surname, p.Surname), (SurnameStem, p.SurnameStem), (SurnameSkeleton, p.SurnameSkeleton));
        Field(2, (Patronymic, p.Patronymic));
        if (p.Birth != 0)
        {
            int month = p.Birth / 100 % 100, day = p.Birth % 100;
            // Year, month and day as tokens of their own, and day and month in order of size: a typo in one part keeps
            // the others (Dice about 0.75–0.9), a day/month swap keeps the year and the unordered pair (about 0.65), another
            // date in the same year keeps the year alone (about 0.35).
            Field(3, (BirthYear, (p.Birth / 10000).ToString(CultureInfo.InvariantCulture)), (BirthMonth, month.ToString("D2", CultureInfo.InvariantCulture)),
                (BirthDay, day.ToString("D2", CultureInfo.InvariantCulture)),
                (BirthUnordered, string.Create(CultureInfo.InvariantCulture, $"{Math.Min(month, day):D2}|{Math.Max(month, day):D2}")));
        }
        Field(4, (Document, p.Document));
        Field(5, (Phone, p.Phone));
        Field(6, (Address, p.Address));

        var rules = Blocking.Default;
        var keys = new ulong[rules.Count + Blocking.Refinements.Count];
        var probes = 0;
        for (var r = 0; r < rules.Count; r++)
        {
            if (rules[r].Key(p) is { } key)
                keys[r] = encoder.KeyHash(rules[r].Name, key);
            if (rules[r].Probe is { } probe && probe(p))
                probes |= 1 << r;
        }
        for (var d = 0; d < Blocking.Refinements.Count; d++)
            keys[rules.Count + d] = encoder.KeyHash("refinement " + d.ToString(CultureInfo.InvariantCulture), Blocking.Refinements[d](p));
        return new ClkRecord(LinkageCommand.Encode(encoder, person), fields, keys, probes);
    }

    /// <summary>The per-field filters and keys as one base64 text each (the encode command's fields and keys columns).</summary>
    public static (string Fields, string Keys) Format(ClkRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var keys = new byte[4 + (8 * record.Keys.Length)];
        BinaryPrimitives.WriteInt32LittleEndian(keys, record.Probes);
        for (var k = 0; k < record.Keys.Length; k++)
            BinaryPrimitives.WriteUInt64LittleEndian(keys.AsSpan(4 + (8 * k)), record.Keys[k]);
        return (Convert.ToBase64String(MemoryMarshal.AsBytes(record.Fields.AsSpan())), Convert.ToBase64String(keys));
    }

    /// <summary>Reads the fields and keys columns back; false when they are not of this version's layout.</summary>
    public static bool TryParse(ReadOnlySpan<ulong> clk, string fields, string keys, out ClkRecord? record)
    {
        record = null;
        var fieldBytes = new byte[Fields.Count * Words * 8];
        var keyCount = Blocking.Default.Count + Blocking.Refinements.Count;
        var keyBytes = new byte[4 + (8 * keyCount)];
        if (!Convert.TryFromBase64String(fields, fieldBytes, out var written) || written != fieldBytes.Length
            || !Convert.TryFromBase64String(keys, keyBytes, out written) || written != keyBytes.Length)
            return false;
        var parsedKeys = new ulong[keyCount];
        for (var k = 0; k < keyCount; k++)
            parsedKeys[k] = BinaryPrimitives.ReadUInt64LittleEndian(keyBytes.AsSpan(4 + (8 * k)));
        record = new ClkRecord(clk.ToArray(), MemoryMarshal.Cast<byte, ulong>(fieldBytes).ToArray(), parsedKeys, BinaryPrimitives.ReadInt32LittleEndian(keyBytes));
        return true;
    }

    /// <summary>The comparison pattern of two encoded records.</summary>
    public static int Pattern(ClkRecord a, ClkRecord b)
    {
        Span<int> levels = stackalloc int[Fields.Count];
        for (var f = 0; f < Fields.Count; f++)
            levels[f] = Level(f, a.Fields.AsSpan(f * Words, Words), b.Fields.AsSpan(f * Words, Words));
        return FellegiSunterModel.Pack(levels);
    }

    private static int Level(int field, ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        int popA = Dice.PopCount(a), popB = Dice.PopCount(b);
        if (popA == 0 || popB == 0)
            return ComparisonField.Missing;
        var dice = Dice.Similarity(a, popA, b, popB);
        var thresholds = Thresholds[field];
        var level = 0;
        while (level < thresholds.Length && dice >= thresholds[level])
            level++;
        return level;
    }

    /// <summary>
    /// Deduplication on encodings: blocking on the keyed keys (oversized blocks split, never dropped), per-field
    /// levels, Fellegi–Sunter with EM (u from random pairs, shrunk as for plain values), term frequency of identical
    /// name filters, and clustering that does not chain.
    /// </summary>
    public static DedupeResult Dedupe(IReadOnlyList<ClkRecord> records, double threshold = 0.9, int randomPairs = 300_000, int seed = 20040506,
        IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        var rules = Blocking.Default;
        var n = records.Count;
        var keys = new string?[rules.Count][];
        var probes = new bool[]?[rules.Count];
        for (var r = 0; r < rules.Count; r++)
        {
            var column = keys[r] = new string?[n];
            for (var i = 0; i < n; i++)
                column[i] = records[i].Keys[r] == 0 ? null : records[i].Keys[r].ToString("x16", CultureInfo.InvariantCulture);
            if (rules[r].Probe is not null)
            {
                var flags = probes[r] = new bool[n];
                for (var i = 0; i < n; i++)
                    flags[i] = (records[i].Probes & (1 << r)) != 0;
            }
        }
        var refinements = new string[Blocking.Refinements.Count][];
        for (var d = 0; d < refinements.Length; d++)
        {
            var column = refinements[d] = new string[n];
            for (var i = 0; i < n; i++)
                column[i] = records[i].Keys[rules.Count + d].ToString("x16", CultureInfo.InvariantCulture);
        }
        var (pairs, report) = Blocking.DedupeWithReport(n, rules, keys, probes, refinements);
        progress?.Report(report.Describe());

        var fields = Comparisons;
        var training = pairs.Where(p => rules[p.Rule].Probe is null).ToArray();
        var candidate = Count(records, training.Length > 0 ? training : pairs);
        var random = new Random(seed);
        var sample = new (int, int, int)[n < 2 ? 0 : Math.Min(randomPairs, (int)Math.Min(int.MaxValue, (long)n * (n - 1)))];
        for (var s = 0; s < sample.Length; s++)
        {
            int i = random.Next(n), j = random.Next(n - 1);
            sample[s] = (i, j >= i ? j + 1 : j, -1);
        }
        var model = FellegiSunterModel.Train(fields, candidate, Count(records, sample), []);
        progress?.Report($"model: {model.Iterations} EM iterations, λ = {model.Lambda:G3}");

        // Term frequency: how often this very name filter occurs, relative to the mean over agreeing pairs.
        var frequencies = new[] { Frequencies(records, 0), Frequencies(records, 1) };
        double Weight(int i, int j)
        {
            var pattern = Pattern(records[i], records[j]);
            Span<double> scale = stackalloc double[fields.Count];
            scale.Fill(1);
            for (var f = 0; f < 2; f++)
            {
                if (FellegiSunterModel.LevelOf(pattern, f, fields.Count) == fields[f].Levels.Length - 1
                    && frequencies[f].Table.TryGetValue(FilterKey(records[i], f), out var count))
                    scale[f] = count / frequencies[f].Mean;
            }
            return model.Weight(pattern, scale);
        }
        // Pairs found only because a field is missing get the prior of pairs that share their key and have the field.
        var priors = Linker.ProbePriors(n, rules, (r, i) => keys[r][i], (r, i) => probes[r]![i], Weight, model, progress);
        var matches = new List<ScoredPair>();
        foreach (var (i, j, rule) in pairs)
        {
            var weight = Weight(i, j);
            var probability = priors[rule] is { } prior ? Linker.WithPrior(weight, prior) : model.Probability(weight);
            if (probability >= threshold)
                matches.Add(new ScoredPair(i, j, weight, probability, []));
        }
        progress?.Report($"scored {pairs.Length:N0} pairs: {matches.Count:N0} at or above {threshold}");
        var cluster = Clustering.Cluster(n, matches.Select(m => (m.Left, m.Right, m.MatchWeight)));
        return new DedupeResult(cluster, matches, pairs.Length, model) { Blocking = report };
    }

    private static Dictionary<int, long> Count(IReadOnlyList<ClkRecord> records, (int Left, int Right, int Rule)[] pairs)
    {
        var counts = new Dictionary<int, long>();
        foreach (var (i, j, _) in pairs)
        {
            var pattern = Pattern(records[i], records[j]);
            counts[pattern] = counts.GetValueOrDefault(pattern) + 1;
        }
        return counts;
    }

    private static string FilterKey(ClkRecord record, int field) =>
        Convert.ToBase64String(MemoryMarshal.AsBytes(record.Fields.AsSpan(field * Words, Words)));

    private static (Dictionary<string, double> Table, double Mean) Frequencies(IReadOnlyList<ClkRecord> records, int field)
    {
        var table = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var record in records)
            if (Dice.PopCount(record.Fields.AsSpan(field * Words, Words)) > 0)
                table[FilterKey(record, field)] = table.GetValueOrDefault(FilterKey(record, field)) + 1;
        double sum = table.Values.Sum(), squares = table.Values.Sum(c => c * c);
        return (table, sum == 0 ? 1 : squares / sum);
    }
}
