namespace Ariadne.Web.Features.Exchange;

/// <summary>
/// k-anonymity over the CTDC quasi-identifiers (year of registration, gender, age band with its majority status,
/// citizenship, country of exploitation, type of exploitation) by local generalisation in a fixed order, then suppression.
/// A record whose combination is shared by at least k records is released as it is; the others are generalised one step
/// and looked at again together with every record already released (so a step can only make a class larger):
/// <list type="number">
/// <item>the age band is dropped, its majority status (adult/minor) kept;</item>
/// <item>the citizenship is dropped;</item>
/// <item>the country of exploitation is dropped;</item>
/// <item>the type of exploitation is dropped;</item>
/// <item>the year of registration is dropped;</item>
/// </list>
/// and what still falls in a class of fewer than k is suppressed. A class is released whole at the step it reaches k, so
/// every combination in the output occurs at least k times. "Dropped" is CTDC's own convention for a generalised value: missing (-99).
/// </summary>
public static class KAnonymity
{
    /// <summary>One record's quasi-identifiers (codes as the statistics keep them; null = missing).</summary>
    public sealed record Record(int? Year, string? Sex, string? AgeBand, string? Majority, string? Citizenship, string? Country, string? Exploitation);

    public const int Steps = 5;

    /// <summary>The record generalised by the first <paramref name="step"/> steps.</summary>
    public static Record Generalise(Record r, int step) => r with
    {
        AgeBand = step >= 1 ? null : r.AgeBand,
        Citizenship = step >= 2 ? null : r.Citizenship,
        Country = step >= 3 ? null : r.Country,
        Exploitation = step >= 4 ? null : r.Exploitation,
        Year = step >= 5 ? null : r.Year,
    };

    /// <summary>The released records (in the input's order, generalised as far as each needed) and how many were suppressed.</summary>
    public static (IReadOnlyList<Record> Released, int Suppressed, int[] Generalised) Anonymise(IReadOnlyList<Record> records, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var current = records.ToArray();
        var done = new bool[records.Count];
        var generalised = new int[Steps + 1];
        for (var step = 0; step <= Steps; step++)
        {
            for (var i = 0; i < current.Length; i++)
                if (!done[i])
                    current[i] = Generalise(records[i], step);
            var sizes = current.GroupBy(r => r).ToDictionary(g => g.Key, g => g.Count());
            for (var i = 0; i < current.Length; i++)
                if (!done[i] && sizes[current[i]] >= k)
                {
                    done[i] = true;
                    generalised[step]++;
                }
        }
        var released = current.Where((_, i) => done[i]).ToList();
        return (released, records.Count - released.Count, generalised);
    }
}
