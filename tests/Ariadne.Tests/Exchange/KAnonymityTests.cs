using Ariadne.Web.Features.Exchange;
using Ariadne.Web.Platform.Statistics;

namespace Ariadne.Tests.Exchange;

/// <summary>The CTDC export's k-anonymity: every released combination occurs at least k times, generalised in the documented order.</summary>
public sealed class KAnonymityTests
{
    private static List<KAnonymity.Record> RandomRecords(int seed, int count)
    {
        var random = new Random(seed);
        string?[] sexes = ["F", "M", null];
        string?[] countries = ["AZE", "RUS", "TUR", "UKR", "GEO", "IRN", null];
        string?[] forms = [.. StatCodes.ExploitationForms.Take(5), null];
        return Enumerable.Range(0, count).Select(_ =>
        {
            var band = random.Next(10) == 0 ? null : StatCodes.AgeBands[random.Next(StatCodes.AgeBands.Count)];
            return new KAnonymity.Record(2020 + random.Next(5), sexes[random.Next(sexes.Length)], band,
                band is null ? null : StatCodes.IsChild(band) ? "minor" : "adult",
                countries[random.Next(countries.Length)], countries[random.Next(countries.Length)], forms[random.Next(forms.Length)]);
        }).ToList();
    }

    [Theory]
    [InlineData(1, 11)]
    [InlineData(2, 5)]
    [InlineData(3, 2)]
    [InlineData(4, 50)]
    public void Every_released_combination_occurs_at_least_k_times(int seed, int k)
    {
        var records = RandomRecords(seed, 2000);
        var (released, suppressed, steps) = KAnonymity.Anonymise(records, k);
        Assert.Equal(records.Count, released.Count + suppressed);
        Assert.Equal(released.Count, steps.Sum());
        Assert.All(released.GroupBy(r => r), g => Assert.True(g.Count() >= k, $"a class of {g.Count()} below k={k}"));
        // A record whose exact combination already has k is released as it is.
        var exact = records.GroupBy(r => r).Where(g => g.Count() >= k).Sum(g => g.Count());
        Assert.Equal(exact, steps[0]);
        // Each released record is a generalisation of an input record (values only dropped, never changed).
        var inputs = records.ToHashSet();
        Assert.All(released, r => Assert.Contains(Enumerable.Range(0, KAnonymity.Steps + 1), s => inputs.Any(i => KAnonymity.Generalise(i, s) == r)));
    }

    [Fact]
    public void The_age_band_goes_first_then_citizenship_and_the_small_remainder_is_suppressed()
    {
        var records = new List<KAnonymity.Record>();
        // Three adults in three bands: together a class of three once the band is dropped.
        records.Add(new(2025, "F", "18-20", "adult", "AZE", "TUR", "sexual"));
        records.Add(new(2025, "F", "21-23", "adult", "AZE", "TUR", "sexual"));
        records.Add(new(2025, "F", "24-26", "adult", "AZE", "TUR", "sexual"));
        // Two of another citizenship and one more: a class only once citizenship goes.
        records.Add(new(2025, "M", "30-38", "adult", "UKR", "RUS", "forced-labour"));
        records.Add(new(2025, "M", "30-38", "adult", "GEO", "RUS", "forced-labour"));
        records.Add(new(2025, "M", "39-47", "adult", "IRN", "RUS", "forced-labour"));
        // A child alone: nothing but suppression hides it among adults.
        records.Add(new(2025, "F", "9-17", "minor", "AZE", "TUR", "sexual"));

        var (released, suppressed, steps) = KAnonymity.Anonymise(records, 3);
        Assert.Equal(1, suppressed);
        Assert.Equal([0, 3, 3, 0, 0, 0], steps);
        Assert.Equal(3, released.Count(r => r == new KAnonymity.Record(2025, "F", null, "adult", "AZE", "TUR", "sexual")));
        Assert.Equal(3, released.Count(r => r == new KAnonymity.Record(2025, "M", null, "adult", null, "RUS", "forced-labour")));
        Assert.DoesNotContain(released, r => r.Majority == "minor");
    }
}
