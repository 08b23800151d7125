using System.Globalization;

namespace Ariadne.Linkage;

/// <summary>Cluster size statistics of a deduplication, and whether a cluster is far above the expected size.</summary>
/// <param name="Clusters">People found.</param>
/// <param name="Singletons">People with one record.</param>
/// <param name="Largest">Records in the largest cluster.</param>
/// <param name="MeanMultiSize">The mean size of the clusters of two or more records.</param>
/// <param name="Sizes">How many clusters have each size.</param>
public sealed record ClusterStatistics(int Clusters, int Singletons, int Largest, double MeanMultiSize, IReadOnlyDictionary<int, int> Sizes)
{
    /// <summary>A cluster is suspicious above this many records: four times the mean size of multi-record clusters, and at least 10.</summary>
    public int Expected => (int)Math.Max(10, Math.Ceiling(4 * MeanMultiSize));

    /// <summary>Clusters above <see cref="Expected"/>.</summary>
    public int Outsized => Sizes.Where(s => s.Key > Expected).Sum(s => s.Value);

    public static ClusterStatistics Of(IReadOnlyList<int> clusterOf)
    {
        var sizes = clusterOf.GroupBy(c => c).Select(g => g.Count()).ToList();
        var multi = sizes.Where(s => s > 1).ToList();
        return new ClusterStatistics(sizes.Count, sizes.Count(s => s == 1), sizes.Count == 0 ? 0 : sizes.Max(), multi.Count == 0 ? 1 : multi.Average(),
            sizes.GroupBy(s => s).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count()));
    }

    /// <summary>The statistics in words (counts only), with a warning line when a cluster is far above the expected size.</summary>
    public string Describe()
    {
        var histogram = string.Join(", ", Sizes.GroupBy(s => s.Key >= 10 ? "10+" : s.Key.ToString(CultureInfo.InvariantCulture))
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key}: {g.Sum(x => x.Value):N0}")));
        var text = string.Create(CultureInfo.InvariantCulture,
            $"clusters: {Clusters:N0} people, {Singletons:N0} with one record; sizes {histogram}; largest {Largest:N0}, mean of multi-record clusters {MeanMultiSize:F2}");
        if (Outsized > 0)
            text += string.Create(CultureInfo.InvariantCulture,
                $"{Environment.NewLine}warning: {Outsized:N0} cluster(s) above {Expected:N0} records (largest {Largest:N0}): far above the expected size; check them, or raise --threshold");
        return text;
    }
}

/// <summary>
/// Clustering of matched pairs that resists chaining: pairs are taken from the strongest down, and two clusters
/// merge only when at least half of the pairs between them are matches themselves. One false link between two
/// people (namesakes, siblings) no longer joins everyone connected to either: transitive closure on a threshold
/// alone does.
/// </summary>
public static class Clustering
{
    /// <summary>The cluster of each record, named by its smallest record index.</summary>
    /// <param name="count">Records.</param>
    /// <param name="matches">Matched pairs (each at most once) with their strength (a weight or a similarity; only the order matters).</param>
    /// <param name="support">The share of pairs between two clusters that must be matches for them to merge.</param>
    /// <param name="compared">
    /// Every pair that was compared (candidate pairs, matched or not), or null: then every pair between two clusters
    /// counts, and a pair never compared counts as a non-match. With it, only compared pairs count: blocking does not
    /// compare every pair of one person's records, and a pair it never saw says nothing.
    /// </param>
    public static int[] Cluster(int count, IEnumerable<(int Left, int Right, double Strength)> matches, double support = 0.5,
        IEnumerable<(int Left, int Right)>? compared = null)
    {
        var edges = matches.Where(m => m.Left != m.Right).OrderByDescending(m => m.Strength).ThenBy(m => m.Left).ThenBy(m => m.Right).ToList();
        var neighbours = new List<int>?[count];
        foreach (var (a, b, _) in edges)
        {
            (neighbours[a] ??= []).Add(b);
            (neighbours[b] ??= []).Add(a);
        }
        List<int>?[]? seen = null;
        if (compared is not null)
        {
            seen = new List<int>?[count];
            foreach (var (a, b) in compared)
            {
                if (a == b)
                    continue;
                (seen[a] ??= []).Add(b);
                (seen[b] ??= []).Add(a);
            }
        }
        var parent = new int[count];
        var members = new List<int>?[count];
        for (var i = 0; i < count; i++)
            parent[i] = i;
        int Find(int x)
        {
            while (parent[x] != x)
                x = parent[x] = parent[parent[x]];
            return x;
        }
        List<int> Members(int root) => members[root] ??= [root];
        foreach (var (a, b, _) in edges)
        {
            int ra = Find(a), rb = Find(b);
            if (ra == rb)
                continue;
            List<int> ma = Members(ra), mb = Members(rb);
            if (ma.Count > 1 || mb.Count > 1)
            {
                // Matches between the two clusters, counted from the smaller one's neighbours.
                var (small, otherRoot) = ma.Count <= mb.Count ? (ma, rb) : (mb, ra);
                long between = 0, pairs = 0;
                foreach (var x in small)
                {
                    foreach (var y in neighbours[x] ?? [])
                        if (Find(y) == otherRoot)
                            between++;
                    if (seen is not null)
                        foreach (var y in seen[x] ?? [])
                            if (Find(y) == otherRoot)
                                pairs++;
                }
                if (seen is null)
                    pairs = (long)ma.Count * mb.Count;
                if (between < support * pairs)
                    continue;
            }
            var (keep, drop) = ma.Count >= mb.Count ? (ra, rb) : (rb, ra);
            Members(keep).AddRange(Members(drop));
            members[drop] = null;
            parent[drop] = keep;
        }
        var result = new int[count];
        var name = new Dictionary<int, int>();
        for (var i = 0; i < count; i++)
        {
            var root = Find(i);
            if (!name.TryGetValue(root, out var smallest))
                name[root] = smallest = i; // i ascends: the first member seen is the smallest
            result[i] = smallest;
        }
        return result;
    }
}
