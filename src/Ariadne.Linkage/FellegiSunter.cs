namespace Ariadne.Linkage;

/// <summary>One field's contribution to a pair's score: the level reached and its weight (log2 of m/u).</summary>
public sealed record FieldEvidence(string Field, string Level, double Weight);

/// <summary>A scored pair with its explanation.</summary>
public sealed record ScoredPair(int Left, int Right, double MatchWeight, double Probability, IReadOnlyList<FieldEvidence> Evidence);

/// <summary>
/// A Fellegi–Sunter model: for each field and level, m (the probability of that level among true
/// matches) and u (among non-matches), and the prior λ. u is estimated from random pairs (nearly all
/// non-matches); m and λ by expectation–maximisation over the blocked candidate pairs, never set by
/// hand. Exact agreement on names is adjusted for the name's frequency: a common name proves less.
/// </summary>
public sealed class FellegiSunterModel
{
    private const double Floor = 1e-6;
    private readonly Dictionary<string, double>[] _termFrequencies;

    private FellegiSunterModel(IReadOnlyList<ComparisonField> fields, double[][] m, double[][] u, double lambda, Dictionary<string, double>[] termFrequencies)
    {
        Fields = fields;
        M = m;
        U = u;
        Lambda = lambda;
        _termFrequencies = termFrequencies;
    }

    public IReadOnlyList<ComparisonField> Fields { get; }
    public double[][] M { get; }
    public double[][] U { get; }
    public double Lambda { get; private set; }
    public int Iterations { get; private set; }

    /// <summary>The comparison vector of a pair, packed base 5 (missing = 4), one digit per field.</summary>
    public static int Pattern(IReadOnlyList<ComparisonField> fields, PreparedRecord a, PreparedRecord b)
    {
        var key = 0;
        for (var f = 0; f < fields.Count; f++)
        {
            var level = fields[f].Level(a, b);
            key = (key * 5) + (level < 0 ? 4 : level);
        }
        return key;
    }

    public static int LevelOf(int pattern, int field, int fieldCount)
    {
        for (var i = fieldCount - 1; i > field; i--)
            pattern /= 5;
        var digit = pattern % 5;
        return digit == 4 ? ComparisonField.Missing : digit;
    }

    /// <summary>
    /// Estimates the model. <paramref name="candidatePatterns"/> are the comparison patterns of the
    /// blocked pairs with their counts; <paramref name="randomPatterns"/> those of random pairs.
    /// </summary>
    public static FellegiSunterModel Train(IReadOnlyList<ComparisonField> fields, IReadOnlyDictionary<int, long> candidatePatterns,
        IReadOnlyDictionary<int, long> randomPatterns, IEnumerable<PreparedRecord> population, int maxIterations = 50, bool estimateU = true)
    {
        var n = fields.Count;
        var u = new double[n][];
        var m = new double[n][];
        for (var f = 0; f < n; f++)
        {
            var levels = fields[f].Levels.Length;
            u[f] = Distribution(randomPatterns, f, n, levels, null);
            // Start: true matches mostly agree fully.
            m[f] = new double[levels];
            for (var l = 0; l < levels; l++)
                m[f][l] = l == levels - 1 ? 0.9 : 0.1 / (levels - 1);
        }
        var randomU = u.Select(x => (double[])x.Clone()).ToArray();
        var model = new FellegiSunterModel(fields, m, u, 0.1, TermFrequencies(population));
        var patterns = candidatePatterns.ToArray();
        var posterior = new double[patterns.Length];
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            model.Iterations = iteration + 1;
            // E-step: the probability that each pattern is a match.
            double matches = 0, total = 0;
            for (var p = 0; p < patterns.Length; p++)
            {
                posterior[p] = model.Probability(model.Weight(patterns[p].Key));
                matches += posterior[p] * patterns[p].Value;
                total += patterns[p].Value;
            }
            // M-step: m from the expected matches, u from the expected non-matches among the candidates
            // (they agree on a blocking key more often than random pairs do; the random-pair u only starts it).
            var change = 0.0;
            var complement = posterior.Select(x => 1 - x).ToArray();
            for (var f = 0; f < n; f++)
            {
                var updated = Distribution(candidatePatterns, f, n, fields[f].Levels.Length, null, patterns, posterior);
                for (var l = 0; l < updated.Length; l++)
                    change = Math.Max(change, Math.Abs(updated[l] - m[f][l]));
                m[f] = updated;
                if (estimateU)
                {
                    // Never far below the random-pair estimate: candidate non-matches agree on their blocking
                    // keys by construction, and without this floor "disagree" could come out as rare (and so as
                    // evidence of a match) among them.
                    var estimated = Distribution(candidatePatterns, f, n, fields[f].Levels.Length, null, patterns, complement);
                    for (var l = 0; l < estimated.Length; l++)
                        estimated[l] = Math.Max(estimated[l], 0.5 * randomU[f][l]);
                    for (var l = 0; l < estimated.Length; l++)
                        u[f][l] = estimated[l];
                }
            }
            var lambda = Math.Clamp(matches / Math.Max(1, total), 1e-9, 0.999);
            change = Math.Max(change, Math.Abs(lambda - model.Lambda));
            model.Lambda = lambda;
            if (change < 1e-5)
                break;
        }
        return model;
    }

    private static double[] Distribution(IReadOnlyDictionary<int, long> patterns, int field, int fieldCount, int levels, Func<int, double>? weightOf,
        KeyValuePair<int, long>[]? ordered = null, double[]? posterior = null)
    {
        var counts = new double[levels];
        if (ordered is not null && posterior is not null)
        {
            for (var p = 0; p < ordered.Length; p++)
            {
                var level = LevelOf(ordered[p].Key, field, fieldCount);
                if (level >= 0)
                    counts[level] += ordered[p].Value * posterior[p];
            }
        }
        else
        {
            foreach (var (pattern, count) in patterns)
            {
                var level = LevelOf(pattern, field, fieldCount);
                if (level >= 0)
                    counts[level] += count * (weightOf?.Invoke(pattern) ?? 1);
            }
        }
        var sum = counts.Sum();
        return counts.Select(c => Math.Max(Floor, (c + 0.5) / (sum + (0.5 * levels)))).ToArray();
    }

    private static Dictionary<string, double>[] TermFrequencies(IEnumerable<PreparedRecord> population)
    {
        var given = new Dictionary<string, double>(StringComparer.Ordinal);
        var surname = new Dictionary<string, double>(StringComparer.Ordinal);
        var total = 0;
        foreach (var r in population)
        {
            total++;
            if (r.Given.Length > 0)
                given[r.Given] = given.GetValueOrDefault(r.Given) + 1;
            if (r.Surname.Length > 0)
                surname[r.Surname] = surname.GetValueOrDefault(r.Surname) + 1;
        }
        foreach (var table in new[] { given, surname })
            foreach (var key in table.Keys.ToList())
                table[key] /= Math.Max(1, total);
        return [given, surname];
    }

    /// <summary>The match weight of a pattern, without frequency adjustment.</summary>
    public double Weight(int pattern)
    {
        var weight = 0.0;
        for (var f = 0; f < Fields.Count; f++)
        {
            var level = LevelOf(pattern, f, Fields.Count);
            if (level >= 0)
                weight += Math.Log2(M[f][level] / U[f][level]);
        }
        return weight;
    }

    /// <summary>The posterior probability of a match for a total match weight.</summary>
    public double Probability(double weight)
    {
        var prior = Math.Log2(Lambda / (1 - Lambda));
        return 1 / (1 + Math.Pow(2, -(weight + prior)));
    }

    /// <summary>Scores one pair with the frequency adjustment on exact name agreement, and explains it.</summary>
    public ScoredPair Score(int left, int right, PreparedRecord a, PreparedRecord b, int pattern, bool explain)
    {
        var evidence = explain ? new List<FieldEvidence>(Fields.Count) : null;
        var weight = 0.0;
        for (var f = 0; f < Fields.Count; f++)
        {
            var level = LevelOf(pattern, f, Fields.Count);
            if (level < 0)
                continue;
            var u = U[f][level];
            var top = level == Fields[f].Levels.Length - 1;
            if (top && Fields[f].Name is "given_name" or "surname")
            {
                // Term-frequency adjustment: the chance that two different people share this very name.
                var which = Fields[f].Name == "given_name" ? 0 : 1;
                if (_termFrequencies[which].TryGetValue(which == 0 ? a.Given : a.Surname, out var frequency))
                    u = Math.Max(Floor, frequency);
            }
            var w = Math.Log2(M[f][level] / u);
            weight += w;
            evidence?.Add(new FieldEvidence(Fields[f].Name, Fields[f].Levels[level], Math.Round(w, 2)));
        }
        return new ScoredPair(left, right, weight, Probability(weight), (IReadOnlyList<FieldEvidence>?)evidence ?? []);
    }
}
