namespace Ariadne.Linkage;

/// <summary>Settings of a linkage run.</summary>
public sealed record LinkageOptions
{
    /// <summary>Pairs at or above this posterior probability are the same person.</summary>
    public double Threshold { get; init; } = 0.9;
    /// <summary>Random pairs drawn to estimate u.</summary>
    public int RandomPairs { get; init; } = 300_000;
    public int Seed { get; init; } = 20040506;
    public IReadOnlyList<BlockingRule> Rules { get; init; } = Blocking.Default;
    public IReadOnlyList<ComparisonField> Fields { get; init; } = Comparisons.Default;
    /// <summary>Progress messages for long runs (stage and counts, never a record's content).</summary>
    public IProgress<string>? Progress { get; init; }
}

public sealed record DedupeResult(IReadOnlyList<int> ClusterOf, IReadOnlyList<ScoredPair> Matches, long CandidatePairs, FellegiSunterModel Model)
{
    /// <summary>What blocking did: records without a candidate pair, and why; oversized blocks split.</summary>
    public BlockingReport? Blocking { get; init; }

    /// <summary>Cluster sizes, and whether one is far above the expected size.</summary>
    public ClusterStatistics Statistics => _statistics ??= ClusterStatistics.Of(ClusterOf);

    private ClusterStatistics? _statistics;
}

public sealed record LinkResult(IReadOnlyList<ScoredPair> Matches, long CandidatePairs, FellegiSunterModel Model);

/// <summary>Deduplication within one register and linkage between two, by blocking, Fellegi–Sunter with EM, and clustering.</summary>
public static class Linker
{
    public static IReadOnlyList<PreparedRecord> Prepare(IReadOnlyList<PersonRecord> records)
    {
        var prepared = new PreparedRecord[records.Count];
        Parallel.For(0, records.Count, i => prepared[i] = new PreparedRecord(records[i]));
        return prepared;
    }

    public static DedupeResult Dedupe(IReadOnlyList<PersonRecord> records, LinkageOptions? options = null)
    {
        options ??= new LinkageOptions();
        var prepared = Prepare(records);
        options.Progress?.Report($"prepared {prepared.Count:N0} records");
        var (pairs, report) = Blocking.DedupeWithReport(prepared, options.Rules);
        options.Progress?.Report(report.Describe());
        // The model learns from the pairs of the rules that compare everyone alike; pairs found only because a field is
        // missing (names alone for a record without a birth date) all agree on what they were found by, and taught EM
        // that a namesake with another patronymic is the same person (measured: precision 0.94 instead of 0.99 on the
        // variant set). They are scored with the model all the same.
        var training = pairs.Where(p => options.Rules[p.Rule].Probe is null).ToArray();
        var model = Train(prepared, prepared, training.Length > 0 ? training : pairs, options, sameSet: true);
        var priors = ProbePriors(prepared, options.Rules, model, options);
        var matches = Score(prepared, prepared, pairs, model, options, priors);
        var cluster = Clustering.Cluster(prepared.Count, matches.Select(m => (m.Left, m.Right, m.MatchWeight)));
        var result = new DedupeResult(cluster, matches, pairs.Length, model) { Blocking = report };
        options.Progress?.Report(result.Statistics.Describe());
        return result;
    }

    public static LinkResult Link(IReadOnlyList<PersonRecord> left, IReadOnlyList<PersonRecord> right, LinkageOptions? options = null, bool oneToOne = true)
    {
        options ??= new LinkageOptions();
        var a = Prepare(left);
        var b = Prepare(right);
        options.Progress?.Report($"prepared {a.Count:N0} + {b.Count:N0} records");
        var pairs = Blocking.Link(a, b, options.Rules).ToArray();
        options.Progress?.Report($"blocking: {pairs.Length:N0} candidate pairs");
        var model = Train(a, b, pairs, options, sameSet: false);
        var matches = Score(a, b, pairs, model, options);
        if (oneToOne)
        {
            var usedLeft = new HashSet<int>();
            var usedRight = new HashSet<int>();
            // Greedy by weight; a pair whose side is already taken leaves the other side free for its next-best partner.
            matches = matches.OrderByDescending(m => m.MatchWeight)
                .Where(m => !usedLeft.Contains(m.Left) && !usedRight.Contains(m.Right) && usedLeft.Add(m.Left) && usedRight.Add(m.Right)).ToList();
        }
        return new LinkResult(matches, pairs.Length, model);
    }

    private static FellegiSunterModel Train(IReadOnlyList<PreparedRecord> a, IReadOnlyList<PreparedRecord> b, (int Left, int Right, int Rule)[] pairs,
        LinkageOptions options, bool sameSet)
    {
        var fields = options.Fields;
        var candidate = CountPatterns(fields, a, b, pairs);
        var random = new Random(options.Seed);
        var sample = new (int, int, int)[Math.Min(options.RandomPairs, (int)Math.Min(int.MaxValue, (long)a.Count * b.Count))];
        for (var s = 0; s < sample.Length; s++)
        {
            int i = random.Next(a.Count), j = random.Next(b.Count);
            if (sameSet && i == j)
                j = (j + 1) % b.Count;
            sample[s] = (i, j, -1);
        }
        var randomPatterns = CountPatterns(fields, a, b, sample);
        var model = FellegiSunterModel.Train(fields, candidate, randomPatterns, sameSet ? a : a.Concat(b));
        options.Progress?.Report($"model: {model.Iterations} EM iterations, λ = {model.Lambda:G3}");
        return model;
    }

    private static Dictionary<int, long> CountPatterns(IReadOnlyList<ComparisonField> fields, IReadOnlyList<PreparedRecord> a, IReadOnlyList<PreparedRecord> b,
        (int Left, int Right, int Rule)[] pairs)
    {
        var total = new Dictionary<int, long>();
        if (pairs.Length == 0)
            return total;
        var gate = new object();
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, pairs.Length, 50_000), () => new Dictionary<int, long>(), (range, _, local) =>
        {
            for (var p = range.Item1; p < range.Item2; p++)
            {
                var key = FellegiSunterModel.Pattern(fields, a[pairs[p].Left], b[pairs[p].Right]);
                local[key] = local.GetValueOrDefault(key) + 1;
            }
            return local;
        }, local =>
        {
            lock (gate)
                foreach (var (key, count) in local)
                    total[key] = total.GetValueOrDefault(key) + count;
        });
        return total;
    }

    /// <summary>
    /// The prior of a pair found only because a field is missing (names alone for a record without a birth date): the
    /// share of matches among pairs that share the same key and have the field, scored with it (its own fixed point).
    /// λ of all candidates would be far too high for them: those pairs agree on the names by construction, and two
    /// records with the same names are most often two namesakes. Null for the other rules.
    /// </summary>
    public static double?[] ProbePriors(int count, IReadOnlyList<BlockingRule> rules, Func<int, int, string?> key, Func<int, int, bool> probe,
        Func<int, int, double> weight, FellegiSunterModel model, IProgress<string>? progress = null, int maxPairs = 200_000)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(model);
        var priors = new double?[rules.Count];
        for (var r = 0; r < rules.Count; r++)
        {
            if (rules[r].Probe is null)
                continue;
            var blocks = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            for (var i = 0; i < count; i++)
                if (!probe(r, i) && key(r, i) is { } k)
                    (blocks.TryGetValue(k, out var list) ? list : blocks[k] = []).Add(i);
            var weights = new List<double>();
            foreach (var block in blocks.Values)
            {
                // At most the first 20 records of a block: enough pairs, and a huge block cannot take the budget alone.
                var n = Math.Min(block.Count, 20);
                for (var x = 0; x < n && weights.Count < maxPairs; x++)
                    for (var y = x + 1; y < n && weights.Count < maxPairs; y++)
                        weights.Add(weight(block[x], block[y]));
                if (weights.Count >= maxPairs)
                    break;
            }
            if (weights.Count < 10)
                continue; // too few to say: the rule's pairs keep the common λ
            var lambda = model.Lambda;
            for (var step = 0; step < 200; step++)
            {
                var logit = Math.Log2(lambda / (1 - lambda));
                var next = Math.Clamp(weights.Average(w => 1 / (1 + Math.Pow(2, -(w + logit)))), 1e-6, 0.999);
                var moved = Math.Abs(next - lambda);
                lambda = next;
                if (moved < 1e-7)
                    break;
            }
            priors[r] = lambda;
            progress?.Report(FormattableString.Invariant($"prior of '{rules[r].Name}': {lambda:G3} (from {weights.Count:N0} pairs that share its key and have the field)"));
        }
        return priors;
    }

    private static double?[] ProbePriors(IReadOnlyList<PreparedRecord> records, IReadOnlyList<BlockingRule> rules, FellegiSunterModel model, LinkageOptions options)
    {
        var keys = new string?[rules.Count][];
        var probes = new bool[rules.Count][];
        for (var r = 0; r < rules.Count; r++)
        {
            if (rules[r].Probe is not { } probe)
                continue;
            var rule = rules[r];
            var column = keys[r] = new string?[records.Count];
            var flags = probes[r] = new bool[records.Count];
            Parallel.For(0, records.Count, i =>
            {
                flags[i] = probe(records[i]);
                if (!flags[i])
                    column[i] = rule.Key(records[i]); // only records that have the field count
            });
        }
        return ProbePriors(records.Count, rules, (r, i) => keys[r]![i], (r, i) => probes[r][i],
            (i, j) => model.Score(i, j, records[i], records[j], FellegiSunterModel.Pattern(model.Fields, records[i], records[j]), explain: false).MatchWeight,
            model, options.Progress);
    }

    private static List<ScoredPair> Score(IReadOnlyList<PreparedRecord> a, IReadOnlyList<PreparedRecord> b, (int Left, int Right, int Rule)[] pairs,
        FellegiSunterModel model, LinkageOptions options, double?[]? priors = null)
    {
        var found = new System.Collections.Concurrent.ConcurrentBag<List<ScoredPair>>();
        if (pairs.Length == 0)
            return [];
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, pairs.Length, 50_000), range =>
        {
            var local = new List<ScoredPair>();
            for (var p = range.Item1; p < range.Item2; p++)
            {
                var (i, j, rule) = pairs[p];
                var pattern = FellegiSunterModel.Pattern(model.Fields, a[i], b[j]);
                var quick = model.Score(i, j, a[i], b[j], pattern, explain: false);
                var probability = priors is not null && rule >= 0 && priors[rule] is { } prior ? WithPrior(quick.MatchWeight, prior) : quick.Probability;
                if (probability >= options.Threshold)
                    local.Add(model.Score(i, j, a[i], b[j], pattern, explain: true) with { Probability = probability });
            }
            found.Add(local);
        });
        var matches = found.SelectMany(x => x).OrderBy(m => m.Left).ThenBy(m => m.Right).ToList();
        options.Progress?.Report($"scored {pairs.Length:N0} pairs: {matches.Count:N0} at or above {options.Threshold}");
        return matches;
    }

    /// <summary>The posterior of a match weight under a given prior.</summary>
    public static double WithPrior(double weight, double prior) => 1 / (1 + Math.Pow(2, -(weight + Math.Log2(prior / (1 - prior)))));

    /// <summary>Candidates for one probe among a population, best first, with the explanation (used on intake and in person search).</summary>
    public static IReadOnlyList<ScoredPair> Candidates(PersonRecord probe, IReadOnlyList<PersonRecord> population, double threshold = 0.5, LinkageOptions? options = null)
    {
        options ??= new LinkageOptions { RandomPairs = 20_000 };
        if (population.Count == 0)
            return [];
        var left = Prepare([probe]);
        var right = Prepare(population);
        // A search may lack a birth date: its candidates also come from both names alone (in small blocks).
        var pairs = Blocking.Link(left, right, [.. options.Rules, Blocking.NamesOnly]).ToArray();
        if (pairs.Length == 0)
            return [];
        // The model learns from the population's own candidate pairs when it has any, else from the probe's.
        var populationPairs = Blocking.Dedupe(right, options.Rules).ToArray();
        var model = populationPairs.Length > 0 ? Train(right, right, populationPairs, options, sameSet: true) : Train(left, right, pairs, options, sameSet: false);
        return pairs.Select(p => model.Score(p.Left, p.Right, left[p.Left], right[p.Right], FellegiSunterModel.Pattern(model.Fields, left[p.Left], right[p.Right]), true))
            .Where(s => s.Probability >= threshold).OrderByDescending(s => s.MatchWeight).ToList();
    }
}
