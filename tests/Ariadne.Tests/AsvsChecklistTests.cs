using System.Text.RegularExpressions;

namespace Ariadne.Tests;

/// <summary>docs/asvs.md's summary counts what its rows say, chapter by chapter, so that a row marked met cannot leave the summary behind.</summary>
public sealed partial class AsvsChecklistTests
{
    [GeneratedRegex(@"^\| (?<chapter>\d+)\.\d+\.\d+ \|[^|]*\|[^|]*\| (?<status>[^|]*)\|", RegexOptions.Multiline)]
    private static partial Regex Row();

    [GeneratedRegex(@"^\| V(?<chapter>\d+) [^|]*\| (?<total>\d+) \| (?<met>\d+) \| (?<partly>\d+) \| (?<gap>\d+) \| (?<na>\d+) \|", RegexOptions.Multiline)]
    private static partial Regex Summary();

    private static string Kind(string status) => status.Trim() switch
    {
        var s when s.StartsWith("Met", StringComparison.Ordinal) || s.StartsWith("Yes", StringComparison.Ordinal) => "met",
        var s when s.StartsWith("Partly", StringComparison.Ordinal) => "partly",
        var s when s.StartsWith("Gap", StringComparison.Ordinal) => "gap",
        var s when s.StartsWith("N/A", StringComparison.Ordinal) => "na",
        var s => throw new InvalidOperationException($"docs/asvs.md: a status that is none of Met, Partly, Gap, N/A: \"{s}\""),
    };

    [Fact]
    public void The_summary_counts_the_rows()
    {
        var doc = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "docs", "asvs.md"));
        var counted = Row().Matches(doc)
            .Select(m => (Chapter: m.Groups["chapter"].Value, Kind: Kind(m.Groups["status"].Value)))
            .ToLookup(r => r.Chapter);
        var summaries = Summary().Matches(doc).ToList();
        Assert.Equal(7, summaries.Count);
        foreach (var s in summaries)
        {
            var rows = counted[s.Groups["chapter"].Value].ToList();
            var expected = (rows.Count, rows.Count(r => r.Kind == "met"), rows.Count(r => r.Kind == "partly"), rows.Count(r => r.Kind == "gap"), rows.Count(r => r.Kind == "na"));
            var written = (int.Parse(s.Groups["total"].Value), int.Parse(s.Groups["met"].Value), int.Parse(s.Groups["partly"].Value),
                int.Parse(s.Groups["gap"].Value), int.Parse(s.Groups["na"].Value));
            Assert.True(expected == written, $"V{s.Groups["chapter"].Value}: the rows say {expected}, the summary {written}");
        }
    }
}
