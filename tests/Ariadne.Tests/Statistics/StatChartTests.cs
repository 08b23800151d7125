using System.Xml.Linq;
using Ariadne.Web.Features.Statistics.Output;
using Ariadne.Web.Platform.Statistics;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.Tests.Statistics;

/// <summary>The charts: well-formed accessible SVG, one bar per published value, a gap per suppressed one, no style or script.</summary>
public sealed class StatChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static TheoryData<string> Tables => new() { "sex-age", "exploitation", "citizenship", "justice" };

    private static ReleasedTable Table(string name) => name switch
    {
        "sex-age" => StatOutputSamples.SexByAge(),
        "exploitation" => StatOutputSamples.ByExploitation(),
        "citizenship" => StatOutputSamples.LongByCitizenship(),
        _ => StatOutputSamples.JusticeByStage(),
    };

    [Theory]
    [MemberData(nameof(Tables))]
    public void One_bar_per_published_value_and_a_gap_per_suppressed_one(string name)
    {
        using var services = StatOutputSamples.Services();
        var labels = services.GetRequiredService<StatLabels>();
        var table = Table(name);
        var root = XElement.Parse(StatChart.Svg(table, labels, "en"));

        // The values charted, taken from the table here: one column → its cells; otherwise the row totals.
        var values = table.ColumnCodes.Count == 1 ? table.Cells.Select(r => r[0]).ToList() : [.. table.RowTotals];
        var bars = root.Descendants(Svg + "rect").Where(r => r.Attribute("data-value") is not null).ToList();
        var gaps = root.Descendants(Svg + "rect").Where(r => r.Attribute("data-suppressed") is not null).ToList();
        Assert.Equal(values.Where(v => v is not null).Select(v => v!.Value), bars.Select(b => (int)b.Attribute("data-value")!));
        Assert.Equal(values.Count(v => v is null), gaps.Count);
        Assert.Equal(values.Count(v => v is null), root.Descendants(Svg + "text").Count(t => t.Value == "x (suppressed)"));

        // Longer bars for larger values.
        var widths = bars.Select(b => (Value: (int)b.Attribute("data-value")!, Width: (double)b.Attribute("width")!)).ToList();
        foreach (var a in widths)
            foreach (var b in widths.Where(b => b.Value > a.Value))
                Assert.True(b.Width > a.Width);
    }

    [Theory]
    [InlineData("az", "Qadın")]
    [InlineData("ru", "Женщины")]
    [InlineData("en", "Female")]
    public void The_svg_is_an_image_named_by_its_title_and_description(string lang, string female)
    {
        using var services = StatOutputSamples.Services();
        var labels = services.GetRequiredService<StatLabels>();
        var table = StatOutputSamples.SexByAge();
        var root = XElement.Parse(StatChart.Svg(table, labels, lang));
        Assert.Equal("img", (string?)root.Attribute("role"));
        var title = root.Element(Svg + "title")!;
        var desc = root.Element(Svg + "desc")!;
        Assert.Contains(labels.Title(table, lang), title.Value, StringComparison.Ordinal);
        Assert.Contains("4", desc.Value, StringComparison.Ordinal); // four bars
        Assert.Equal($"{(string)title.Attribute("id")!} {(string)desc.Attribute("id")!}", (string?)root.Attribute("aria-labelledby"));
        Assert.Contains(root.Descendants(Svg + "text"), t => t.Value == female);
    }

    [Fact]
    public void The_svg_holds_no_style_script_or_link_and_escapes_its_text()
    {
        using var services = StatOutputSamples.Services();
        var labels = services.GetRequiredService<StatLabels>();
        var table = StatOutputSamples.JusticeByStage() with { RowCodes = ["<script>alert(1)</script>", "a&b"] };
        var svg = StatChart.Svg(table, labels, "en");
        var root = XElement.Parse(svg);
        Assert.DoesNotContain(root.DescendantsAndSelf(), e => e.Attribute("style") is not null);
        Assert.DoesNotContain(root.DescendantsAndSelf(), e => e.Name.LocalName is "style" or "script" or "a" or "foreignObject" or "image");
        Assert.DoesNotContain(root.DescendantsAndSelf().Attributes(), a => a.Name.LocalName.StartsWith("on", StringComparison.Ordinal) || a.Name.LocalName == "href");
        Assert.Contains(root.Descendants(Svg + "text"), t => t.Value == "<script>alert(1)</script>");
        Assert.Equal(svg, StatChart.Svg(table, labels, "en"));
    }

    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(3, 3, 1)]
    [InlineData(6, 6, 2)]
    [InlineData(7, 8, 2)]
    [InlineData(41, 50, 10)]
    [InlineData(912, 1000, 200)]
    public void The_axis_is_round_and_covers_the_largest_value(int largest, int max, int step)
    {
        Assert.Equal((max, step), StatChart.Axis(largest));
    }
}
