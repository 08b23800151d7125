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
/// A missing value (on either side) is a level of its own, after the field's named levels
/// (<c>M[f][Levels.Length]</c>), with its own m and u: in a register where some sources hold only names and a
/// birth date, a missing field is neither agreement nor disagreement, and how much it says is estimated.
/// </summary>
public sealed class FellegiSunterModel
{
    private const double Floor = 1e-6;

    // The weight, in pairs, of the random-pair estimate of u when EM re-estimates u among the candidates.
    // 100 (measured: 30–100 leave FEBRL and the generated register as they are; 1,000 takes FEBRL1 to 0.968).
    private const double PriorPairs = 100;

    // When EM finds nearly every candidate a match, it is refit with random pairs anchoring the non-match class.
    private const double Degenerate = 0.99;
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

    // Patterns are packed base 8: levels 0..6, and 7 for missing (at most 10 fields fit an int).
    private const int Radix = 8;
    private const int MissingDigit = Radix - 1;

    /// <summary>The comparison vector of a pair, packed base 8 (missing = 7), one digit per field.</summary>
    public static int Pattern(IReadOnlyList<ComparisonField> fields, PreparedRecord a, PreparedRecord b)
    {
        var key = 0;
        for (var f = 0; f < fields.Count; f++)
        {
            var level = fields[f].Level(a, b);
            key = (key * Radix) + (level < 0 ? MissingDigit : level);
        }
        return key;
    }

    /// <summary>The pattern of levels computed elsewhere (on encodings), one a field, <see cref="ComparisonField.Missing"/> for missing.</summary>
    public static int Pack(ReadOnlySpan<int> levels)
    {
        var key = 0;
        foreach (var level in levels)
            key = (key * Radix) + (level < 0 ? MissingDigit : level);
        return key;
    }

    /// <summary>
    /// The match weight of a pattern with the u of some fields scaled (a term-frequency adjustment computed elsewhere,
    /// e.g. on encodings: how common this very encoded name is, relative to an average one); 1 leaves a field as it is.
    /// </summary>
    public double Weight(int pattern, ReadOnlySpan<double> uScale)
    {
        var weight = 0.0;
        for (var f = 0; f < Fields.Count; f++)
        {
            var slot = Slot(pattern, f);
            var u = uScale.Length > f && uScale[f] != 1 ? Math.Clamp(U[f][slot] * uScale[f], Floor, 0.999) : U[f][slot];
            weight += Math.Log2(M[f][slot] / u);
        }
        return weight;
    }

    /// <summary>The level of a field in a pattern, or <see cref="ComparisonField.Missing"/>.</summary>
    public static int LevelOf(int pattern, int field, int fieldCount)
    {
        for (var i = fieldCount - 1; i > field; i--)
            pattern /= Radix;
        var digit = pattern % Radix;
        return digit == MissingDigit ? ComparisonField.Missing : digit;
    }

    // The index in M and U of a level: missing is the slot after the named levels.
    private int Slot(int pattern, int field)
    {
        var level = LevelOf(pattern, field, Fields.Count);
        return level < 0 ? Fields[field].Levels.Length : level;
    }

    /// <summary>
    /// Estimates the model. <paramref name="candidatePatterns"/> are the comparison patterns of the
    /// blocked pairs with their counts; <paramref name="randomPatterns"/> those of random pairs.
    /// </summary>
    public static FellegiSunterModel Train(IReadOnlyList<ComparisonField> fields, IReadOnlyDictionary<int, long> candidatePatterns,
        IReadOnlyDictionary<int, long> randomPatterns, IEnumerable<PreparedRecord> population, int maxIterations = 50, bool estimateU = true, bool estimateMissing = false)
    {
        var model = Train(fields, candidatePatterns, randomPatterns, population, maxIterations, estimateU, estimateMissing, anchor: 0);
        // Nearly every candidate a match (FEBRL1 on encodings: λ 0.999): EM then learns the few non-matches as what a
        // match looks like. Refit with random pairs, as many as the candidates, in the non-match class.
        return model.Lambda >= Degenerate && randomPatterns.Count > 0
            ? Train(fields, candidatePatterns, randomPatterns, population, maxIterations, estimateU, estimateMissing, anchor: 1)
            : model;
    }

    private static FellegiSunterModel Train(IReadOnlyList<ComparisonField> fields, IReadOnlyDictionary<int, long> candidatePatterns,
        IReadOnlyDictionary<int, long> randomPatterns, IEnumerable<PreparedRecord> population, int maxIterations, bool estimateU, bool estimateMissing, double anchor)
    {
        var n = fields.Count;
        var u = new double[n][];
        var m = new double[n][];
        if (n > 10 || fields.Any(f => f.Levels.Length >= MissingDigit))
            throw new ArgumentException("At most 10 fields of at most 7 levels each.", nameof(fields));
        for (var f = 0; f < n; f++)
        {
            var levels = fields[f].Levels.Length;
            u[f] = Distribution(randomPatterns, f, n, levels, null);
            // Start: true matches mostly agree fully; missing as often as among random pairs.
            m[f] = new double[levels + 1];
            var missing = u[f][levels];
            for (var l = 0; l < levels; l++)
                m[f][l] = (1 - missing) * (l == levels - 1 ? 0.9 : 0.1 / (levels - 1));
            m[f][levels] = missing;
        }
        // Missing levels start (and, unless estimateMissing, stay) neutral.
        var randomU = u.Select(x => (double[])x.Clone()).ToArray();
        var model = new FellegiSunterModel(fields, m, u, 0.1, TermFrequencies(population));
        // EM runs over the candidate pairs and, with an anchor, random pairs worth anchor × the candidates (nearly all
        // non-matches); λ for scoring is then the share of matches among the candidates alone.
        var candidates = candidatePatterns.ToArray();
        var candidateTotal = candidates.Sum(p => (double)p.Value);
        var randomTotal = randomPatterns.Sum(p => (double)p.Value);
        anchor = anchor > 0 && randomTotal > 0 ? anchor * candidateTotal / randomTotal : 0;
        var patterns = anchor > 0 ? [.. candidates, .. randomPatterns] : candidates;
        var scale = patterns.Select((_, p) => p < candidates.Length ? 1.0 : anchor).ToArray();
        var posterior = new double[patterns.Length];
        var lambdaCandidates = model.Lambda;
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            model.Iterations = iteration + 1;
            // E-step: the probability that each pattern is a match.
            double matches = 0, total = 0, candidateMatches = 0;
            for (var p = 0; p < patterns.Length; p++)
            {
                posterior[p] = model.Probability(model.Weight(patterns[p].Key));
                matches += posterior[p] * patterns[p].Value * scale[p];
                total += patterns[p].Value * scale[p];
                if (p < candidates.Length)
                    candidateMatches += posterior[p] * patterns[p].Value;
            }
            lambdaCandidates = candidateMatches / Math.Max(1, candidateTotal);
            // M-step: m from the expected matches, u from the expected non-matches among the candidates
            // (they agree on a blocking key more often than random pairs do; the random-pair u only starts it).
            var change = 0.0;
            var complement = posterior.Select((x, p) => (1 - x) * scale[p]).ToArray();
            for (var p = 0; p < posterior.Length; p++)
                posterior[p] *= scale[p];
            var nonMatches = total - matches;
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
                    // Shrunk towards the random-pair estimate by a prior worth PriorPairs pairs: where blocking leaves
                    // few non-matches among the candidates (Splink's fake_1000: 97 % of them match), their u says little,
                    // and EM would otherwise split the matches themselves into two classes.
                    var estimated = Distribution(candidatePatterns, f, n, fields[f].Levels.Length, null, patterns, complement);
                    for (var l = 0; l < estimated.Length; l++)
                        estimated[l] = Math.Max(((nonMatches * estimated[l]) + (PriorPairs * randomU[f][l])) / (nonMatches + PriorPairs), 0.5 * randomU[f][l]);
                    for (var l = 0; l < estimated.Length; l++)
                        u[f][l] = estimated[l];
                }
                // Missing: its share among candidate pairs says how blocking chose them, not whether they match (a record
                // without a birth date is compared only through its names). Estimated by EM, missing-date pairs came out
                // as evidence of a match (m 0.17 against u 0.015 on the generated register, precision 0.935 instead of
                // 0.958). So, as Splink's null level, missing keeps a Bayes factor of 1: m = u, the random-pair share.
                if (!estimateMissing)
                    m[f][^1] = u[f][^1] = randomU[f][^1];
            }
            var lambda = Math.Clamp(matches / Math.Max(1, total), 1e-9, 0.999);
            change = Math.Max(change, Math.Abs(lambda - model.Lambda));
            model.Lambda = lambda;
            if (change < 1e-5)
                break;
        }
        if (anchor > 0)
        {
            // λ among the candidates alone, with m and u as estimated: its own fixed point.
            model.Lambda = Math.Clamp(lambdaCandidates, 1e-9, 0.999);
            for (var step = 0; step < 100; step++)
            {
                var expected = candidates.Sum(p => model.Probability(model.Weight(p.Key)) * p.Value) / Math.Max(1, candidateTotal);
                var next = Math.Clamp(expected, 1e-9, 0.999);
                var moved = Math.Abs(next - model.Lambda);
                model.Lambda = next;
                if (moved < 1e-6)
                    break;
            }
        }
        return model;
    }

    private static double[] Distribution(IReadOnlyDictionary<int, long> patterns, int field, int fieldCount, int levels, Func<int, double>? weightOf,
        KeyValuePair<int, long>[]? ordered = null, double[]? posterior = null)
    {
        // One slot per level and one for missing.
        var counts = new double[levels + 1];
        if (ordered is not null && posterior is not null)
        {
            for (var p = 0; p < ordered.Length; p++)
            {
                var level = LevelOf(ordered[p].Key, field, fieldCount);
                counts[level < 0 ? levels : level] += ordered[p].Value * posterior[p];
            }
        }
        else
        {
            foreach (var (pattern, count) in patterns)
            {
                var level = LevelOf(pattern, field, fieldCount);
                counts[level < 0 ? levels : level] += count * (weightOf?.Invoke(pattern) ?? 1);
            }
        }
        var sum = counts.Sum();
        return counts.Select(c => Math.Max(Floor, (c + 0.5) / (sum + (0.5 * (levels + 1))))).ToArray();
    }

    // Name frequencies: given name and surname as written (canonical), and their phonetic keys (given-name key,
    // surname stem), each with the mean frequency of a name two agreeing records share (Σf² / Σf).
    private static Dictionary<string, double>[] TermFrequencies(IEnumerable<PreparedRecord> population)
    {
        var tables = new Dictionary<string, double>[4];
        for (var t = 0; t < tables.Length; t++)
            tables[t] = new Dictionary<string, double>(StringComparer.Ordinal);
        var total = 0;
        foreach (var r in population)
        {
            total++;
            string[] values = [r.Given, r.Surname, r.GivenKey, r.SurnameStem];
            for (var t = 0; t < tables.Length; t++)
                if (values[t].Length > 0)
                    tables[t][values[t]] = tables[t].GetValueOrDefault(values[t]) + 1;
        }
        foreach (var table in tables)
        {
            double sum = 0, squares = 0;
            foreach (var key in table.Keys.ToList())
            {
                var f = table[key] /= Math.Max(1, total);
                sum += f;
                squares += f * f;
            }
            table[MeanKey] = sum == 0 ? 1 : squares / sum;
        }
        return tables;
    }

    private const string MeanKey = "\u0000mean";

    /// <summary>The match weight of a pattern, without frequency adjustment.</summary>
    public double Weight(int pattern)
    {
        var weight = 0.0;
        for (var f = 0; f < Fields.Count; f++)
        {
            var slot = Slot(pattern, f);
            weight += Math.Log2(M[f][slot] / U[f][slot]);
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
            {
                // Missing: its own estimated weight, left out of the explanation (no value was compared).
                var slot = Fields[f].Levels.Length;
                weight += Math.Log2(M[f][slot] / U[f][slot]);
                continue;
            }
            var u = U[f][level];
            var top = level == Fields[f].Levels.Length - 1;
            if (level >= Fields[f].Levels.Length - 2 && Fields[f].Name is "given_name" or "surname")
            {
                // Term-frequency adjustment: the chance that two different people share this very name (as written at
                // the top level, by its phonetic key at the level below), relative to that of an average shared name.
                var given = Fields[f].Name == "given_name";
                var table = _termFrequencies[(top ? 0 : 2) + (given ? 0 : 1)];
                var value = top ? (given ? a.Given : a.Surname) : given ? a.GivenKey : a.SurnameStem;
                if (table.TryGetValue(value, out var frequency))
                    u = Math.Clamp(u * frequency / table[MeanKey], Floor, 0.999);
            }
            var w = Math.Log2(M[f][level] / u);
            weight += w;
            evidence?.Add(new FieldEvidence(Fields[f].Name, Fields[f].Levels[level], Math.Round(w, 2)));
        }
        return new ScoredPair(left, right, weight, Probability(weight), (IReadOnlyList<FieldEvidence>?)evidence ?? []);
    }
}
