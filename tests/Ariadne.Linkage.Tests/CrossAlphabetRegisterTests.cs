using Ariadne.Linkage.Testing;

namespace Ariadne.Linkage.Tests;

/// <summary>
/// The generated cross-alphabet register (3,000 people, 2–4 registrations each in seven writings, 30 % with one
/// more difference, siblings, cousins and namesakes) deduplicated through the command, as a user runs it.
/// </summary>
public sealed class CrossAlphabetRegisterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ariadne-register-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly Lazy<RegisterSet> Register = new(() => CrossAlphabetRegister.Generate(seed: 20_260_312, people: 3000));

    [Fact]
    public void The_generator_makes_the_register_the_issue_asks_for()
    {
        var set = Register.Value;
        Assert.Equal(3000, set.People.Count);
        Assert.All(set.Records.GroupBy(r => r.Person), g => Assert.InRange(g.Count(), 2, 4));
        var changed = set.Records.Where(r => r.Difference is not null).Select(r => r.Person).Distinct().Count();
        Assert.InRange(changed / 3000.0, 0.27, 0.33);
        Assert.True(set.Records.Select(r => r.Writing).Distinct().Count() == 7);
        Assert.True(set.People.Count(p => p.Kind is "sibling" or "cousin" or "namesake") >= 1000);
        var minimal = set.Records.Count(r => r.Record.DocumentNumber is null && r.Record.Phone is null && r.Record.Sex is null && r.Record.Patronymic is null);
        Assert.True(minimal > set.Records.Count / 5, $"{minimal} registrations with names and birth date only");
        // Deterministic for a seed.
        Assert.Equal(set.Records.Select(r => r.Record), CrossAlphabetRegister.Generate(seed: 20_260_312, people: 3000).Records.Select(r => r.Record));
    }

    private async Task<(double Precision, double Recall, double F1, string Error)> DedupeAsync(bool clk)
    {
        var set = Register.Value;
        var input = Path.Combine(_dir, "register.csv");
        set.WriteCsv(input);
        var output = Path.Combine(_dir, "clusters.csv");
        string[] args = ["dedupe", "--in", input, "--out", output];
        if (clk)
        {
            var key = Path.Combine(_dir, "key");
            await File.WriteAllBytesAsync(key, Enumerable.Range(7, 32).Select(i => (byte)i).ToArray());
            var encoded = Path.Combine(_dir, "clks.csv");
            using var quiet = new StringWriter();
            Assert.Equal(0, await LinkageCommand.RunAsync(["encode", "--in", input, "--out", encoded, "--key-file", key], quiet, quiet));
            args = ["dedupe", "--in", encoded, "--out", output, "--privacy", "clk"];
        }
        using var error = new StringWriter();
        Assert.Equal(0, await LinkageCommand.RunAsync(args, TextWriter.Null, error));
        var (precision, recall, f1) = set.ScoreFile(output);
        TestContext.Current.SendDiagnosticMessage($"register {(clk ? "CLK" : "plain")}: precision {precision:F4} recall {recall:F4} F1 {f1:F4}");
        return (precision, recall, f1, error.ToString());
    }

    [Fact]
    public async Task Plain_dedupe_reaches_F1_0_95_with_precision_0_97()
    {
        var (precision, recall, f1, error) = await DedupeAsync(clk: false);
        Assert.True(precision >= 0.97 && f1 >= 0.95, $"precision {precision:F4} recall {recall:F4} F1 {f1:F4}");
        Assert.Contains("records reached no candidate pair", error, StringComparison.Ordinal);
        Assert.Contains("clusters: ", error, StringComparison.Ordinal);
    }
}
