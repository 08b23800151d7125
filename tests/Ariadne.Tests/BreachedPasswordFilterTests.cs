using Ariadne.Web.Platform.Security;

namespace Ariadne.Tests;

/// <summary>The offline breached-password filter (ASVS 6.2.12): no false negatives, the false-positive rate it was built for, damaged files refused.</summary>
public sealed class BreachedPasswordFilterTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ariadne-bloom-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Build(IReadOnlyList<string> passwords, double rate)
    {
        var path = Path.Combine(_directory, Guid.NewGuid().ToString("N"));
        using (var file = File.Create(path))
            Assert.Equal(passwords.Count, BreachedPasswordFilter.Write(file, passwords.Select(BreachedPasswordFilter.Digest), passwords.Count, rate));
        return path;
    }

    [Fact]
    public void Every_listed_password_is_found_and_others_are_found_about_as_often_as_the_rate_it_was_built_for()
    {
        var listed = Enumerable.Range(0, 20_000).Select(i => $"listed-{i}-{Guid.NewGuid():N}").ToList();
        var filter = BreachedPasswordFilter.Read(Build(listed, 0.001), out var problem);
        Assert.Null(problem);
        Assert.NotNull(filter);
        Assert.Equal(20_000, filter.Entries);
        Assert.Equal(10, filter.Probes); // ln 2 · 14.4 bits per entry
        Assert.All(listed, p => Assert.True(filter.Contains(p)));
        // 200,000 others: about 200 expected at 0.1 %; more than 400 would mean the probes are not independent.
        var falsePositives = Enumerable.Range(0, 200_000).Count(i => filter.Contains($"other-{i}-{Guid.NewGuid():N}"));
        Assert.InRange(falsePositives, 0, 400);
        // Exact strings, as the lists hold them: another case is another password (found only as a false positive).
        Assert.InRange(listed.Take(1000).Count(p => filter.Contains(p.ToUpperInvariant())), 0, 10);
    }

    [Fact]
    public void A_file_that_is_not_a_whole_filter_is_refused_with_its_reason()
    {
        var good = Build(["one-password-here", "two-password-here"], 0.01);
        Assert.True(BreachedPasswordFilter.IsFilterFile(good, out _));

        var text = Path.Combine(_directory, "list.txt");
        File.WriteAllText(text, "password\n123456\n");
        Assert.Null(BreachedPasswordFilter.Read(text, out var notFilter));
        Assert.Equal("not a breached-password filter", notFilter);
        Assert.False(BreachedPasswordFilter.IsFilterFile(text, out _));

        var cut = Path.Combine(_directory, "cut.bloom");
        var bytes = File.ReadAllBytes(good);
        File.WriteAllBytes(cut, bytes[..^1]);
        Assert.Null(BreachedPasswordFilter.Read(cut, out var damaged));
        Assert.StartsWith("a damaged breached-password filter", damaged, StringComparison.Ordinal);

        Assert.False(BreachedPasswordFilter.IsFilterFile(Path.Combine(_directory, "absent.bloom"), out var absent));
        Assert.StartsWith("a file that cannot be read", absent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1_000_000, 0.001, 14_377_588, 10)]
    [InlineData(1_000_000, 0.01, 9_585_059, 7)]
    public void The_filter_is_sized_by_the_textbook_formula(long entries, double rate, long bits, int probes) =>
        Assert.Equal((probes, bits), BreachedPasswordFilter.Size(entries, rate));
}
