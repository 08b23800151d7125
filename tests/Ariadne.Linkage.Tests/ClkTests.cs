using System.Diagnostics;
using System.Globalization;
using System.Numerics;

namespace Ariadne.Linkage.Tests;

/// <summary>Keyed Bloom-filter encodings (CLKs), Dice similarity and all-pairs linkage of encodings.</summary>
public sealed class ClkTests
{
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] OtherKey = Enumerable.Range(101, 32).Select(i => (byte)i).ToArray();

    private static readonly ClkField GivenName = new("given_name", 10);
    private static readonly ClkField Surname = new("surname", 10);
    private static readonly ClkField DateOfBirth = new("date_of_birth", 10);
    private static readonly ClkField Document = new("document_number", 10);

    public static TheoryData<ClkHardening> Hardenings => new(Enum.GetValues<ClkHardening>());

    private static (ClkField, string?)[] Person(string given, string surname, string dob, string document) =>
        [(GivenName, given), (Surname, surname), (DateOfBirth, dob), (Document, document)];

    private static readonly (ClkField, string?)[] Katherine = Person("katherine", "mammadova", "19870512", "aa1234567");

    [Fact]
    public void The_key_must_be_at_least_32_bytes()
    {
        Assert.Throws<ArgumentException>(() => new ClkEncoder(new byte[31]));
        Assert.Throws<ArgumentException>(() => new ClkEncoder([]));
        Assert.ThrowsAny<ArgumentException>(() => new ClkEncoder(null!));
        using var encoder = new ClkEncoder(new byte[32]);
        Assert.Equal(16, encoder.Encode(Katherine).Length);
    }

    [Fact]
    public void The_default_is_1024_bits_with_xor_folding()
    {
        using var encoder = new ClkEncoder(Key);
        Assert.Equal(new ClkOptions(1024, ClkHardening.XorFolded), encoder.Options);
        Assert.Equal(16, encoder.Words);
    }

    [Theory]
    [MemberData(nameof(Hardenings))]
    public void Encodings_are_exactly_1024_bits(ClkHardening hardening)
    {
        using var encoder = new ClkEncoder(Key, new ClkOptions(1024, hardening));
        Assert.Equal(16, encoder.Encode(Katherine).Length);
        Assert.Equal(16, encoder.Encode([]).Length);
        Assert.Equal(16, encoder.Encode([(GivenName, null), (Surname, "")]).Length);
    }

    [Theory]
    [MemberData(nameof(Hardenings))]
    public void The_same_input_and_key_give_the_same_encoding(ClkHardening hardening)
    {
        var options = new ClkOptions(1024, hardening);
        using var first = new ClkEncoder(Key, options);
        using var second = new ClkEncoder((byte[])Key.Clone(), options);
        var encoding = first.Encode(Katherine);
        Assert.Equal(encoding, first.Encode(Katherine));
        Assert.Equal(encoding, second.Encode(Katherine));
        Assert.NotEqual(0, Dice.PopCount(encoding));
    }

    [Theory]
    [MemberData(nameof(Hardenings))]
    public void A_different_key_gives_an_unrelated_encoding(ClkHardening hardening)
    {
        var options = new ClkOptions(1024, hardening);
        using var mine = new ClkEncoder(Key, options);
        using var theirs = new ClkEncoder(OtherKey, options);
        var a = mine.Encode(Katherine);
        var b = theirs.Encode(Katherine);
        Assert.NotEqual(a, b);
        Assert.True(Dice.Similarity(a, b) < 0.6, $"Dice {Dice.Similarity(a, b):F3} across keys");
    }

    [Theory]
    [MemberData(nameof(Hardenings))]
    public void A_one_letter_typo_stays_similar_and_another_person_does_not(ClkHardening hardening)
    {
        using var encoder = new ClkEncoder(Key, new ClkOptions(1024, hardening));
        var original = encoder.Encode(Katherine);
        var typo = encoder.Encode(Person("katherina", "mammadova", "19870512", "aa1234567"));
        var surnameTypo = encoder.Encode(Person("katherine", "mamedova", "19870512", "aa1234567"));
        var someoneElse = encoder.Encode(Person("rashad", "aliyev", "19920830", "aa7654321"));
        var sameNameOtherPerson = encoder.Encode(Person("leyla", "huseynova", "19760203", "c09876543"));

        double typoDice = Dice.Similarity(original, typo), surnameDice = Dice.Similarity(original, surnameTypo);
        double otherDice = Dice.Similarity(original, someoneElse), otherDice2 = Dice.Similarity(original, sameNameOtherPerson);
        TestContext.Current.SendDiagnosticMessage($"{hardening}: typo {typoDice:F3}, surname typo {surnameDice:F3}, others {otherDice:F3} {otherDice2:F3}");
        Assert.True(typoDice > 0.8, $"typo Dice {typoDice:F3}");
        Assert.True(surnameDice > 0.8, $"surname typo Dice {surnameDice:F3}");
        Assert.True(otherDice < 0.6, $"other person Dice {otherDice:F3}");
        Assert.True(otherDice2 < 0.6, $"other person Dice {otherDice2:F3}");
    }

    [Fact]
    public void A_single_name_with_a_typo_stays_similar_and_a_different_name_does_not()
    {
        using var encoder = new ClkEncoder(Key, new ClkOptions(1024, ClkHardening.None));
        var name = new ClkField("given_name", 20);
        var a = encoder.Encode([(name, "christopher")]);
        var typo = encoder.Encode([(name, "christophr")]);
        var other = encoder.Encode([(name, "ilham")]);
        Assert.True(Dice.Similarity(a, typo) > 0.8, $"typo Dice {Dice.Similarity(a, typo):F3}");
        Assert.True(Dice.Similarity(a, other) < 0.6, $"other name Dice {Dice.Similarity(a, other):F3}");
    }

    [Fact]
    public void The_same_value_in_different_fields_sets_different_bits()
    {
        using var encoder = new ClkEncoder(Key, new ClkOptions(1024, ClkHardening.None));
        var asGiven = encoder.Encode([(new ClkField("given_name", 20), "ali")]);
        var asSurname = encoder.Encode([(new ClkField("surname", 20), "ali")]);
        Assert.True(Dice.Similarity(asGiven, asSurname) < 0.2, $"Dice {Dice.Similarity(asGiven, asSurname):F3}");
    }

    [Fact]
    public void A_plain_encoding_is_the_union_of_its_fields_and_sets_k_bits_per_bigram_at_most()
    {
        using var encoder = new ClkEncoder(Key, new ClkOptions(1024, ClkHardening.None));
        var whole = encoder.Encode(Katherine);
        var union = new ulong[16];
        foreach (var field in Katherine)
        {
            var part = encoder.Encode([field]);
            for (var w = 0; w < 16; w++)
                union[w] |= part[w];
        }
        Assert.Equal(union, whole);
        Assert.Equal(whole, encoder.Encode(Katherine.Reverse().ToArray()));
        // "ann" → _a, an, nn, n_: four bigrams, at most 4·k bits, and exactly k for a bigram.
        var ann = encoder.Encode([(new ClkField("given_name", 7), "ann")]);
        Assert.InRange(Dice.PopCount(ann), 7, 28);
        Assert.Equal(0, Dice.PopCount(encoder.Encode([(new ClkField("given_name", 0), "ann")])));
    }

    [Fact]
    public void Balanced_encodings_have_exactly_half_their_bits_set()
    {
        using var encoder = new ClkEncoder(Key, new ClkOptions(1024, ClkHardening.Balanced));
        Assert.Equal(512, Dice.PopCount(encoder.Encode(Katherine)));
        Assert.Equal(512, Dice.PopCount(encoder.Encode([])));
        Assert.Equal(512, Dice.PopCount(encoder.Encode([(GivenName, "a")])));
        Assert.Equal(512, Dice.PopCount(encoder.Encode(Person("rashad", "aliyev", "19920830", "aa7654321"))));
    }

    [Theory]
    [InlineData(ClkHardening.None, 10)]
    [InlineData(ClkHardening.Balanced, 10)]
    [InlineData(ClkHardening.XorFolded, 0)]
    public void Only_xor_folding_leaves_no_position_that_marks_a_frequent_bigram(ClkHardening hardening, int atLeast)
    {
        // Pattern mining: positions set in every encoding of records sharing a bigram give the bigram away.
        using var encoder = new ClkEncoder(Key, new ClkOptions(1024, hardening));
        var random = new Random(17);
        string Letters(int n) => new([.. Enumerable.Range(0, n).Select(_ => (char)('a' + random.Next(26)))]);
        var always = Enumerable.Repeat(ulong.MaxValue, 16).ToArray();
        var never = Enumerable.Repeat(ulong.MaxValue, 16).ToArray();
        for (var i = 0; i < 300; i++)
        {
            var encoding = encoder.Encode(Person(Letters(random.Next(1, 4)) + "ann" + Letters(random.Next(0, 3)), Letters(random.Next(4, 9)),
                $"19{random.Next(10, 99)}0{random.Next(1, 9)}{random.Next(10, 28)}", Letters(2) + random.Next(1000000, 9999999)));
            for (var w = 0; w < 16; w++)
            {
                always[w] &= encoding[w];
                never[w] &= ~encoding[w];
            }
        }
        var marked = Dice.PopCount(always);
        TestContext.Current.SendDiagnosticMessage($"{hardening}: {marked} positions set in all 300 encodings (all share the bigrams an, nn, _1, 19), {Dice.PopCount(never)} in none");
        if (atLeast == 0)
            Assert.Equal(0, marked);
        else
            Assert.True(marked >= atLeast, $"{marked} marked positions");
    }

    [Fact]
    public void Other_lengths_work_and_invalid_options_are_refused()
    {
        using var encoder = new ClkEncoder(Key, new ClkOptions(192, ClkHardening.None));
        Assert.Equal(3, encoder.Encode(Katherine).Length);
        using var folded = new ClkEncoder(Key, new ClkOptions(192, ClkHardening.XorFolded));
        Assert.Equal(3, folded.Encode(Katherine).Length);
        using var balanced = new ClkEncoder(Key, new ClkOptions(256, ClkHardening.Balanced));
        Assert.Equal(128, Dice.PopCount(balanced.Encode(Katherine)));
        Assert.Throws<ArgumentException>(() => new ClkEncoder(Key, new ClkOptions(1000)));
        Assert.Throws<ArgumentException>(() => new ClkEncoder(Key, new ClkOptions(192, ClkHardening.Balanced)));
        Assert.Throws<ArgumentException>(() => new ClkEncoder(Key, new ClkOptions(0)));
    }

    [Fact]
    public void The_encoder_is_thread_safe()
    {
        using var encoder = new ClkEncoder(Key);
        var people = Enumerable.Range(0, 400).Select(i => Person($"name{i}", $"surname{i % 37}", $"19{i % 90 + 10}0101", $"d{i}")).ToArray();
        var sequential = people.Select(p => encoder.Encode(p)).ToArray();
        var parallel = new ulong[people.Length][];
        Parallel.For(0, people.Length, i => parallel[i] = encoder.Encode(people[i]));
        for (var i = 0; i < people.Length; i++)
            Assert.Equal(sequential[i], parallel[i]);
    }

    [Fact]
    public void Dice_is_symmetric_bounded_and_agrees_with_a_naive_count()
    {
        var random = new Random(5);
        foreach (var words in new[] { 1, 3, 16, 17, 32 })
        {
            for (var trial = 0; trial < 200; trial++)
            {
                var a = RandomBits(random, words, random.NextDouble());
                var b = RandomBits(random, words, random.NextDouble());
                var naive = 0;
                for (var w = 0; w < words; w++)
                    naive += BitOperations.PopCount(a[w] & b[w]);
                Assert.Equal(naive, Dice.IntersectionCount(a, b));
                var ab = Dice.Similarity(a, b);
                Assert.Equal(ab, Dice.Similarity(b, a));
                Assert.InRange(ab, 0.0, 1.0);
                Assert.Equal(ab, Dice.Similarity(a, Dice.PopCount(a), b, Dice.PopCount(b)));
                if (Dice.PopCount(a) > 0)
                    Assert.Equal(1.0, Dice.Similarity(a, a));
            }
        }
        Assert.Equal(0.0, Dice.Similarity(new ulong[16], new ulong[16]));
        Assert.Equal(0.0, Dice.Similarity([0xF0UL], [0x0FUL]));
        Assert.Equal(2.0 / 3, Dice.Similarity([0b11UL], [0b01UL]), 12);
        Assert.Throws<ArgumentException>(() => Dice.IntersectionCount(new ulong[16], new ulong[15]));
    }

    [Theory]
    [InlineData(16, 0.0)]
    [InlineData(16, 0.3)]
    [InlineData(16, 0.55)]
    [InlineData(16, 0.7)]
    [InlineData(16, 1.0)]
    [InlineData(3, 0.6)]
    public void ForEachAbove_finds_exactly_the_pairs_brute_force_finds(int words, double threshold)
    {
        var random = new Random(11 + (int)(threshold * 100));
        var left = RandomSet(random, words, 150);
        var right = RandomSet(random, words, 170, left);

        var found = new Dictionary<(int, int), double>();
        var comparisons = left.ForEachAbove(right, threshold, (i, j, d) => Assert.True(found.TryAdd((i, j), d)));
        var expected = new Dictionary<(int, int), double>();
        for (var i = 0; i < left.Count; i++)
        {
            for (var j = 0; j < right.Count; j++)
            {
                var dice = Dice.Similarity(left.Get(i), right.Get(j));
                if (dice >= threshold)
                    expected.Add((i, j), dice);
            }
        }
        Assert.Equal(expected.OrderBy(p => p.Key), found.OrderBy(p => p.Key));
        Assert.InRange(comparisons, expected.Count, (long)left.Count * right.Count);

        var within = new Dictionary<(int, int), double>();
        var withinComparisons = left.ForEachAbove(left, threshold, (i, j, d) =>
        {
            Assert.True(i < j);
            Assert.True(within.TryAdd((i, j), d));
        });
        var expectedWithin = new Dictionary<(int, int), double>();
        for (var i = 0; i < left.Count; i++)
        {
            for (var j = i + 1; j < left.Count; j++)
            {
                var dice = Dice.Similarity(left.Get(i), left.Get(j));
                if (dice >= threshold)
                    expectedWithin.Add((i, j), dice);
            }
        }
        Assert.Equal(expectedWithin.OrderBy(p => p.Key), within.OrderBy(p => p.Key));
        Assert.InRange(withinComparisons, expectedWithin.Count, (long)left.Count * (left.Count - 1) / 2);
        if (threshold >= 0.7)
            Assert.True(comparisons < (long)left.Count * right.Count, "the popcount prefilter skipped nothing");
    }

    [Fact]
    public void A_set_refuses_wrong_lengths_and_thresholds()
    {
        var set = new ClkSet();
        Assert.Throws<ArgumentException>(() => set.Add(new ulong[15]));
        Assert.Equal(0, set.Add(new ulong[16]));
        Assert.Equal(1, set.Count);
        Assert.Throws<ArgumentException>(() => set.ForEachAbove(new ClkSet(512), 0.5, (_, _, _) => { }));
        Assert.Throws<ArgumentOutOfRangeException>(() => set.ForEachAbove(set, 1.5, (_, _, _) => { }));
        Assert.Throws<ArgumentOutOfRangeException>(() => set.ForEachAbove(set, double.NaN, (_, _, _) => { }));
        Assert.Throws<ArgumentOutOfRangeException>(() => set.Get(1));
    }

    [Fact]
    public void Dice_throughput_is_measured()
    {
        const int n = 4000;
        var random = new Random(3);
        var left = new ClkSet(1024, n);
        var right = new ClkSet(1024, n);
        for (var i = 0; i < n; i++)
        {
            left.Add(RandomBits(random, 16, 0.35));
            right.Add(RandomBits(random, 16, 0.35));
        }

        var matches = 0;
        left.ForEachAbove(right, 0.9, (_, _, _) => matches++);
        var best = 0.0;
        long comparisons = 0;
        for (var round = 0; round < 3; round++)
        {
            var clock = Stopwatch.StartNew();
            comparisons = left.ForEachAbove(right, 0.9, (_, _, _) => matches++);
            best = Math.Max(best, comparisons / clock.Elapsed.TotalSeconds);
        }

        var span = left.Data;
        var other = right.Data;
        long sum = 0;
        var spanClock = Stopwatch.StartNew();
        for (var i = 0; i < n; i++)
        {
            var a = span.Slice(i * 16, 16);
            for (var j = 0; j < n; j++)
                sum += Dice.IntersectionCount(a, other.Slice(j * 16, 16));
        }
        var spanRate = (double)n * n / spanClock.Elapsed.TotalSeconds;

        using var encoder = new ClkEncoder(Key);
        var people = Enumerable.Range(0, 5000).Select(i => Person($"given{i}", $"surname{i}", $"19{i % 90 + 10}0{i % 9 + 1}1{i % 10}", $"aa{i:D7}")).ToArray();
        var buffer = new ulong[16];
        var encodeClock = Stopwatch.StartNew();
        foreach (var person in people)
            encoder.Encode(person, buffer);
        var encodeRate = people.Length / encodeClock.Elapsed.TotalSeconds;

        TestContext.Current.SendDiagnosticMessage(
            $"CLK Dice on one core: ForEachAbove {best:E3} comparisons/s ({comparisons:N0} of {(long)n * n:N0} pairs compared), " +
            $"Dice.IntersectionCount over spans {spanRate:E3}/s; encoding {encodeRate:N0} records/s (4 fields, ~40 bigrams)");
        Assert.Equal(0, matches);
        Assert.True(sum > 0);
        Assert.InRange(comparisons, 1, (long)n * n);
    }

    public static TheoryData<ClkHardening, double> FebrlThresholds => new()
    {
        { ClkHardening.XorFolded, 0.58 },
        { ClkHardening.None, 0.70 },
        { ClkHardening.Balanced, 0.74 },
    };

    private static readonly ClkField[] FebrlFields =
    [
        new("given_name", 10),
        new("surname", 10),
        new("street_number", 5),
        new("address_1", 5),
        new("address_2", 5),
        new("suburb", 5),
        new("postcode", 5),
        new("state", 3),
        new("date_of_birth", 10),
        new("soc_sec_id", 10),
    ];

    [Theory]
    [MemberData(nameof(FebrlThresholds))]
    public void Febrl4_links_by_encodings_alone_with_precision_and_recall_of_at_least_0_99(ClkHardening hardening, double threshold)
    {
        var left = ReadFebrlRows("dataset4a.csv");
        var right = ReadFebrlRows("dataset4b.csv");
        using var encoder = new ClkEncoder(Key, new ClkOptions(1024, hardening));
        var clock = Stopwatch.StartNew();
        var leftSet = EncodeAll(encoder, left);
        var rightSet = EncodeAll(encoder, right);
        var encodeSeconds = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var candidates = new List<(int Left, int Right, double Dice)>();
        var comparisons = leftSet.ForEachAbove(rightSet, threshold, (i, j, d) => candidates.Add((i, j, d)));
        var linkSeconds = clock.Elapsed.TotalSeconds;

        // Greedy one-to-one: best scores first, each record used once.
        candidates.Sort((x, y) => y.Dice.CompareTo(x.Dice));
        var leftUsed = new bool[left.Count];
        var rightUsed = new bool[right.Count];
        int correct = 0, wrong = 0;
        foreach (var (i, j, _) in candidates)
        {
            if (leftUsed[i] || rightUsed[j])
                continue;
            leftUsed[i] = rightUsed[j] = true;
            if (left[i].Entity == right[j].Entity)
                correct++;
            else
                wrong++;
        }
        var truePairs = left.Select(r => r.Entity).Intersect(right.Select(r => r.Entity)).Count();
        Assert.Equal(5000, truePairs);
        double precision = (double)correct / Math.Max(1, correct + wrong), recall = (double)correct / truePairs;
        var f1 = 2 * precision * recall / (precision + recall);
        var rawPrecision = (double)candidates.Count(c => left[c.Left].Entity == right[c.Right].Entity) / Math.Max(1, candidates.Count);

        TestContext.Current.SendDiagnosticMessage(
            $"FEBRL4 CLK {hardening} at Dice ≥ {threshold}: precision {precision:F4} recall {recall:F4} F1 {f1:F4} " +
            $"(before one-to-one: {candidates.Count:N0} pairs, precision {rawPrecision:F4}); " +
            $"encoded 10,000 records in {encodeSeconds:F2} s, {comparisons:N0} comparisons in {linkSeconds:F2} s");
        Assert.True(precision >= 0.99, $"precision {precision:F4}");
        Assert.True(recall >= 0.99, $"recall {recall:F4}");
    }

    private static ClkSet EncodeAll(ClkEncoder encoder, List<FebrlRow> rows)
    {
        var set = new ClkSet(1024, rows.Count);
        var buffer = new ulong[16];
        var fields = new (ClkField, string?)[FebrlFields.Length];
        foreach (var row in rows)
        {
            for (var f = 0; f < FebrlFields.Length; f++)
                fields[f] = (FebrlFields[f], row.Values[f]);
            encoder.Encode(fields, buffer);
            set.Add(buffer);
        }
        return set;
    }

    private sealed record FebrlRow(int Entity, string[] Values);

    /// <summary>
    /// Rows of a FEBRL file: rec_id, then the ten fields of <see cref="FebrlFields"/>, separated by ", ",
    /// trimmed and lower-cased; the entity is N of rec-N-org / rec-N-dup-0.
    /// </summary>
    private static List<FebrlRow> ReadFebrlRows(string file)
    {
        var path = Path.Combine(FebrlDirectory(), file);
        var rows = new List<FebrlRow>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            if (string.IsNullOrWhiteSpace(line))
                continue;
            var parts = line.Split(',').Select(p => p.Trim().ToLowerInvariant()).ToArray();
            Assert.Equal(FebrlFields.Length + 1, parts.Length);
            var entity = int.Parse(parts[0].Split('-')[1], CultureInfo.InvariantCulture);
            rows.Add(new FebrlRow(entity, parts[1..]));
        }
        return rows;
    }

    private static string FebrlDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data", "febrl");
            if (Directory.Exists(candidate))
                return candidate;
        }
        Assert.Fail($"The FEBRL data (shared/data/febrl/dataset4a.csv and dataset4b.csv) was not found in any directory above {AppContext.BaseDirectory}.");
        return "";
    }

    private static ulong[] RandomBits(Random random, int words, double density)
    {
        var bits = new ulong[words];
        for (var b = 0; b < words * 64; b++)
        {
            if (random.NextDouble() < density)
                bits[b >> 6] |= 1UL << b;
        }
        return bits;
    }

    /// <summary>
    /// Random encodings of varied density (some empty), a third of them near-copies of an earlier one
    /// or of one in <paramref name="source"/>, so that some pairs score high.
    /// </summary>
    private static ClkSet RandomSet(Random random, int words, int count, ClkSet? source = null)
    {
        var set = new ClkSet(words * 64, count);
        var previous = RandomBits(random, words, 0.3);
        for (var i = 0; i < count; i++)
        {
            ulong[] bits;
            if (i % 3 == 1)
            {
                bits = source is null ? (ulong[])previous.Clone() : source.Get(random.Next(source.Count)).ToArray();
                for (var flip = random.Next(0, 40); flip > 0; flip--)
                {
                    var b = random.Next(words * 64);
                    bits[b >> 6] ^= 1UL << b;
                }
            }
            else
            {
                bits = RandomBits(random, words, i % 10 == 0 ? 0.0 : 0.05 + 0.6 * random.NextDouble());
            }
            set.Add(bits);
            previous = bits;
        }
        return set;
    }
}
