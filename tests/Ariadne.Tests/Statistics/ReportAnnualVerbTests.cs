using Ariadne.Web.Features.Statistics.Output;
using Ariadne.Web.Platform.Statistics;
using PigDocument = UglyToad.PdfPig.PdfDocument;

namespace Ariadne.Tests.Statistics;

/// <summary>The <c>report annual</c> verb against a hand-made published set (the statistics engine is the lead's).</summary>
public sealed class ReportAnnualVerbTests
{
    private sealed class Published(PublishedSet? set) : IPublishedStatistics
    {
        public List<StatPeriod> Asked { get; } = [];

        public Task<PublishedSet?> LatestAsync(StatPeriod period, CancellationToken ct = default)
        {
            Asked.Add(period);
            return Task.FromResult(set is not null && set.Period == period ? set : null);
        }
    }

    [Fact]
    public async Task Writes_the_report_of_the_calendar_year_and_prints_one_line()
    {
        var published = new Published(StatOutputSamples.FullSet());
        using var services = StatOutputSamples.Services(published);
        var path = Path.Combine(Path.GetTempPath(), "ariadne-report-" + Guid.NewGuid().ToString("N") + ".pdf");
        try
        {
            var result = await new ReportAnnualVerb().RunAsync(services, ["annual", "--year", "2025", "--lang", "ru", "--out", path]);
            Assert.NotNull(result);
            Assert.Equal(0, result.Value.ExitCode);
            Assert.DoesNotContain('\n', result.Value.Message);
            Assert.Equal(new StatPeriod(StatPeriodKind.Calendar, 2025), Assert.Single(published.Asked));
            using var pdf = PigDocument.Open(path);
            Assert.Contains($"{pdf.NumberOfPages} pages, 4 tables", result.Value.Message, StringComparison.Ordinal);
            Assert.Contains("Ежегодныйотчёт", string.Concat(pdf.GetPage(1).Text.Where(c => !char.IsWhiteSpace(c))), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Exits_1_when_nothing_is_published_for_the_year()
    {
        using var services = StatOutputSamples.Services(new Published(StatOutputSamples.FullSet()));
        var path = Path.Combine(Path.GetTempPath(), "ariadne-report-" + Guid.NewGuid().ToString("N") + ".pdf");
        var result = await new ReportAnnualVerb().RunAsync(services, ["annual", "--year", "2024", "--lang", "az", "--out", path]);
        Assert.Equal(1, result!.Value.ExitCode);
        Assert.Contains("2024", result.Value.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Theory]
    [InlineData("annual", "--year", "2025", "--lang", "de", "--out", "x.pdf")]
    [InlineData("annual", "--year", "twenty", "--lang", "az", "--out", "x.pdf")]
    [InlineData("annual", "--year", "2025", "--year", "2026", "--out", "x.pdf")]
    [InlineData("yearly", "--year", "2025", "--lang", "az", "--out", "x.pdf")]
    [InlineData("annual", "--year", "2025", "--lang", "az")]
    public async Task Wrong_arguments_print_the_usage(params string[] args)
    {
        using var services = StatOutputSamples.Services(new Published(null));
        Assert.Null(await new ReportAnnualVerb().RunAsync(services, args));
    }
}
