using Ariadne.Web.Features.Statistics.Output;
using Ariadne.Web.Platform.Statistics;
using Microsoft.Extensions.DependencyInjection;
using PigDocument = UglyToad.PdfPig.PdfDocument;

namespace Ariadne.Tests.Statistics;

/// <summary>The annual report to parliament, rendered from hand-built releases and read back with PdfPig in each language.</summary>
public sealed class AnnualReportPdfTests
{
    /// <summary>Words the report must carry in each language (from tools/strings_statout.py and the shared strings).</summary>
    public static TheoryData<string, string, string, string, string, string, string, string> Languages => new()
    {
        { "az", "İnsan alverinə qarşı mübarizə haqqında illik hesabat", "Qurbanlar", "Müəyyən edilmiş qurbanlar", "Qadın", "Mündəricat", "Vətəndaşlıq (davamı)", "Milli Koordinator" },
        { "ru", "Ежегодный отчёт о борьбе с торговлей людьми", "Жертвы", "Установленные жертвы", "Женщины", "Содержание", "Гражданство (продолжение)", "Национальный координатор" },
        { "en", "Annual report on the fight against trafficking in human beings", "Victims", "Identified victims", "Female", "Contents", "Citizenship (continued)", "National Coordinator" },
    };

    private static string Squash(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    private static RenderedReport Render(PublishedSet set, string lang)
    {
        using var services = StatOutputSamples.Services();
        return services.GetRequiredService<AnnualReportPdf>().Render(set, lang);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void The_report_reads_in_its_language(string lang, string title, string victims, string tableTitle, string female, string contents,
        string continued, string coordinator)
    {
        var set = StatOutputSamples.FullSet();
        var report = Render(set, lang);
        using var pdf = PigDocument.Open(report.Pdf);
        Assert.Equal(report.Pages, pdf.NumberOfPages);
        Assert.Equal(4, report.Tables);
        var pages = pdf.GetPages().Select(p => Squash(p.Text)).ToList();
        var all = string.Concat(pages);

        Assert.Contains(Squash(title), pages[0], StringComparison.Ordinal);
        Assert.Contains(Squash(coordinator), pages[0], StringComparison.Ordinal);
        Assert.Contains("2025-C-07", pages[0], StringComparison.Ordinal);
        Assert.Contains("2026-02-14", pages[0], StringComparison.Ordinal);
        Assert.Contains(Squash(contents), pages[1], StringComparison.Ordinal);
        Assert.Contains(Squash(victims), pages[1], StringComparison.Ordinal);
        Assert.Contains(Squash(tableTitle), all, StringComparison.Ordinal);
        Assert.Contains(Squash(female), all, StringComparison.Ordinal);
        Assert.Contains(Squash(continued), all, StringComparison.Ordinal);

        // Every language's own section headings, and none of another language's.
        using var services = StatOutputSamples.Services();
        var labels = services.GetRequiredService<StatLabels>();
        foreach (var topic in Enum.GetValues<StatTopic>())
            Assert.Contains(Squash(labels.Topic(topic, lang)), all, StringComparison.Ordinal);
        foreach (var other in new[] { "az", "ru", "en" }.Where(l => l != lang))
            Assert.DoesNotContain(Squash(labels.Text(other, "StatOut_ReportTitle")), all, StringComparison.Ordinal);
    }

    [Fact]
    public void Azerbaijani_and_cyrillic_letters_survive_extraction()
    {
        var az = Render(StatOutputSamples.Set(StatOutputSamples.SexByAge()), "az");
        var ru = Render(StatOutputSamples.Set(StatOutputSamples.SexByAge()), "ru");
        using var azPdf = PigDocument.Open(az.Pdf);
        using var ruPdf = PigDocument.Open(ru.Pdf);
        var azText = string.Concat(azPdf.GetPages().Select(p => p.Text));
        var ruText = string.Concat(ruPdf.GetPages().Select(p => p.Text));
        foreach (var letter in "əğışçöü")
            Assert.Contains(letter, azText);
        Assert.Contains("Мужчины", ruText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("az", "Qadın")]
    [InlineData("ru", "Женщины")]
    [InlineData("en", "Female")]
    public void A_suppressed_cell_prints_the_symbol_never_a_number(string lang, string female)
    {
        var table = StatOutputSamples.SexByAge();
        var report = Render(StatOutputSamples.Set(table), lang);
        using var pdf = PigDocument.Open(report.Pdf);

        // The table's row for women: the highest line on its page that starts with the word (the chart's label is below).
        var page = pdf.GetPages().First(p => p.GetWords().Any(w => w.Text == female));
        var words = page.GetWords().ToList();
        var label = words.Where(w => w.Text == female).OrderByDescending(w => w.BoundingBox.Bottom).First();
        var line = words.Where(w => Math.Abs(w.BoundingBox.Bottom - label.BoundingBox.Bottom) < 1.5 && w.BoundingBox.Left > label.BoundingBox.Right)
            .OrderBy(w => w.BoundingBox.Left).Select(w => w.Text).ToList();

        var expected = table.Cells[0].Append(table.RowTotals[0]).Select(v => v is null ? "x" : v.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Contains("x", expected);
        Assert.Equal(expected, line);

        // And the totals row (the word in the first column): the suppressed column total is the symbol too.
        var totalLabel = words.Where(w => w.Text == TotalWord(lang) && w.BoundingBox.Left < 100).OrderByDescending(w => w.BoundingBox.Bottom).First();
        var totals = words.Where(w => Math.Abs(w.BoundingBox.Bottom - totalLabel.BoundingBox.Bottom) < 1.5 && w.BoundingBox.Left > totalLabel.BoundingBox.Right)
            .OrderBy(w => w.BoundingBox.Left).Select(w => w.Text).ToList();
        var expectedTotals = table.ColumnTotals.Append(table.Total).Select(v => v is null ? "x" : v.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(expectedTotals, totals);
    }

    private static string TotalWord(string lang) => lang switch { "az" => "Cəmi", "ru" => "Всего", _ => "Total" };

    [Fact]
    public void A_long_table_runs_over_pages_with_its_header_repeated()
    {
        var table = StatOutputSamples.LongByCitizenship();
        var report = Render(StatOutputSamples.Set(table), "en");
        using var pdf = PigDocument.Open(report.Pdf);
        var pages = pdf.GetPages().ToList();
        var withRows = pages.Where(p => p.GetWords().Any(w => w.Text == "Citizenship")).ToList();
        Assert.True(withRows.Count > 1, "the 90-row table must continue on a further page");
        Assert.True(report.Pages > 4);
        // Each page that continues it repeats the header's dimension word and the title with "(continued)".
        var continued = pages.Where(p => Squash(p.Text).Contains("Citizenship(continued)", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(continued);
        Assert.All(continued, p => Assert.Contains("Citizenship", p.GetWords().Select(w => w.Text)));
        // The last rows made it into the PDF.
        var all = string.Concat(pages.Select(p => Squash(p.Text)));
        Assert.Contains("Z89", all, StringComparison.Ordinal);
        Assert.Contains("Azerbaijan", all, StringComparison.Ordinal);
    }

    [Fact]
    public void Page_numbers_count_every_page()
    {
        var report = Render(StatOutputSamples.FullSet(), "en");
        using var pdf = PigDocument.Open(report.Pdf);
        var total = pdf.NumberOfPages;
        foreach (var page in pdf.GetPages().Skip(1))
            Assert.Contains($"Page{page.Number}of{total}", Squash(page.Text), StringComparison.Ordinal);
    }

    [Fact]
    public void A_period_with_no_table_says_so_in_each_section()
    {
        var report = Render(StatOutputSamples.Set(), "en");
        using var pdf = PigDocument.Open(report.Pdf);
        var all = string.Concat(pdf.GetPages().Select(p => Squash(p.Text)));
        Assert.Equal(Enum.GetValues<StatTopic>().Length,
            CountOf(all, Squash("No table on this topic was published for the period.")));
        Assert.Equal(0, report.Tables);
    }

    private static int CountOf(string text, string part)
    {
        var n = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
            n++;
        return n;
    }

    [Fact]
    public void A_chart_of_many_bars_continues_over_pages_and_stays_on_them()
    {
        var table = StatOutputSamples.LongByCitizenship();
        var tall = table with
        {
            RowCodes = [.. Enumerable.Range(0, 3).SelectMany(k => table.RowCodes.Select(c => c + k.ToString(System.Globalization.CultureInfo.InvariantCulture)))],
            Cells = [.. Enumerable.Range(0, 3).SelectMany(_ => table.Cells)],
            RowTotals = [.. Enumerable.Range(0, 3).SelectMany(_ => table.RowTotals)],
        };
        var report = Render(StatOutputSamples.Set(tall), "en");
        using var pdf = PigDocument.Open(report.Pdf);
        var pages = pdf.GetPages().ToList();
        Assert.True(pages.Count(p => Squash(p.Text).Contains("Chart:Citizenship(continued)", StringComparison.Ordinal)) >= 4);
        // Nothing is drawn into the bottom margin, where the page number stands alone.
        foreach (var page in pages)
            Assert.All(page.GetWords().Where(w => w.BoundingBox.Bottom < 56), w => Assert.Matches("^(Page|[0-9]+|of)$", w.Text));
    }

    [Fact]
    public void An_unknown_language_is_refused()
    {
        using var services = StatOutputSamples.Services();
        Assert.Throws<ArgumentException>(() => services.GetRequiredService<AnnualReportPdf>().Render(StatOutputSamples.FullSet(), "de"));
    }
}
