using System.Globalization;
using System.Security;
using System.Text;
using Ariadne.Web.Platform.Statistics;
using PdfSharp.Drawing;

namespace Ariadne.Web.Features.Statistics.Output;

/// <summary>
/// A released table as a horizontal bar chart, drawn on the server: inline SVG for the page and vector drawing into the
/// annual report's PDF, from one layout, so both show the same bars. A table with one column charts its rows' cells, one
/// with one row its columns' cells, any other its row totals. A suppressed value is a gap: a dashed empty box marked
/// "x (suppressed)", never a bar. The SVG is an image (<c>role="img"</c>) named by its title and description; it holds
/// no script, no style element or attribute (the site's CSP), no link and no external reference; every text is escaped.
/// The chart never stands alone: its table is beside it (<c>_StatTable.cshtml</c>, the report's table).
/// </summary>
/// <remarks>Hand-written rather than ScottPlot: see docs/decisions.md ("Statistics charts").</remarks>
public static class StatChart
{
    /// <summary>The SVG's width in user units (it scales to its container).</summary>
    public const double Width = 640;

    private const double LabelRight = 206; // labels end here, right-aligned
    private const double BarLeft = 214;
    private const double BarSpan = 340; // the longest bar; its value is written after it
    private const double Top = 8;
    private const double AxisHeight = 26;
    private const double RowHeight = 24;
    private const double ThinnestRow = 9;
    private const double FontSize = 12;
    private const int MaxLabel = 30;
    private const string Ink = "#0b0c0c";
    private const string Bar = "#1d70b8";
    private const string Grid = "#b1b4b6";
    private const string Muted = "#505a5f";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The dimension the bars stand for (see the class remarks).</summary>
    public static StatDimension Dimension(ReleasedTable table) =>
        table.ColumnCodes.Count == 1 || table.RowCodes.Count != 1 ? table.Rows : table.Columns;

    /// <summary>The bars of the chart, in the table's order.</summary>
    public static IReadOnlyList<StatBar> Bars(ReleasedTable table, StatLabels labels, string lang)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(labels);
        if (table.ColumnCodes.Count == 1)
            return [.. table.RowCodes.Select((code, i) => new StatBar(table.Rows, code, labels.Code(table.Rows, code, lang), table.Cells[i][0]))];
        if (table.RowCodes.Count == 1)
            return [.. table.ColumnCodes.Select((code, j) => new StatBar(table.Columns, code, labels.Code(table.Columns, code, lang), table.Cells[0][j]))];
        return [.. table.RowCodes.Select((code, i) => new StatBar(table.Rows, code, labels.Code(table.Rows, code, lang), table.RowTotals[i]))];
    }

    /// <summary>The chart's title (also the SVG's &lt;title&gt;).</summary>
    public static string Title(ReleasedTable table, StatLabels labels, string lang) =>
        labels.Text(lang, "StatOut_ChartTitle", labels.Title(table, lang));

    /// <summary>The chart's description (the SVG's &lt;desc&gt;): what is counted, by what, how many bars, how a gap reads.</summary>
    public static string Description(ReleasedTable table, StatLabels labels, string lang, int bars) =>
        labels.Text(lang, "StatOut_ChartDesc", labels.Title(table, lang), labels.Dimension(Dimension(table), lang), bars);

    /// <summary>The chart as an inline SVG element (the same table and language give the same bytes).</summary>
    public static string Svg(ReleasedTable table, StatLabels labels, string lang)
    {
        var bars = Bars(table, labels, lang);
        var height = Top + (bars.Count * RowHeight) + AxisHeight;
        var id = "sc-" + Slug(table.Code) + "-" + lang;
        var svg = new StringBuilder(1024 + (bars.Count * 400));
        svg.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" class=\"app-stat-chart\" viewBox=\"0 0 ")
            .Append(F(Width)).Append(' ').Append(F(height)).Append("\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" aria-labelledby=\"")
            .Append(id).Append("-t ").Append(id).Append("-d\" font-family=\"sans-serif\" font-size=\"").Append(F(FontSize)).Append("\">")
            .Append("<title id=\"").Append(id).Append("-t\">").Append(Esc(Title(table, labels, lang))).Append("</title>")
            .Append("<desc id=\"").Append(id).Append("-d\">").Append(Esc(Description(table, labels, lang, bars.Count))).Append("</desc>");
        var canvas = new SvgCanvas(svg);
        Paint(canvas, bars, bars.Max(b => b.Value) ?? 0, RowHeight, labels.Suppressed(lang), text => Cut(text, MaxLabel));
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>
    /// Draws the chart into a PDF page at (x, y), <paramref name="width"/> wide and at most <paramref name="maxHeight"/>
    /// high (rows get thinner when there are many); returns the height used. <paramref name="first"/> and
    /// <paramref name="count"/> draw a part of the bars (a long chart over several pages), on the whole chart's scale.
    /// </summary>
    public static double Draw(XGraphics gfx, double x, double y, double width, double maxHeight, ReleasedTable table, StatLabels labels,
        string lang, string fontFamily, int first = 0, int count = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(gfx);
        var all = Bars(table, labels, lang);
        var largest = all.Max(b => b.Value) ?? 0; // one scale for every part of a chart drawn over pages
        var bars = all.Skip(first).Take(count).ToList();
        var scale = width / Width;
        var rowHeight = RowHeight;
        if ((Top + (bars.Count * rowHeight) + AxisHeight) * scale > maxHeight)
            rowHeight = Math.Max(ThinnestRow, ((maxHeight / scale) - Top - AxisHeight) / Math.Max(1, bars.Count));
        var height = Top + (bars.Count * rowHeight) + AxisHeight;
        var state = gfx.Save();
        gfx.TranslateTransform(x, y);
        gfx.ScaleTransform(scale);
        var font = new XFont(fontFamily, Math.Min(FontSize, rowHeight * 0.6), XFontStyleEx.Regular);
        Paint(new PdfCanvas(gfx, font), bars, largest, rowHeight, labels.Suppressed(lang), text => Fit(gfx, font, text, LabelRight - 4));
        gfx.Restore(state);
        return height * scale;
    }

    /// <summary>The least height a PDF chart of so many bars takes at the given width (its rows at their thinnest).</summary>
    public static double MinimumHeight(int bars, double width) => (Top + (bars * ThinnestRow) + AxisHeight) * width / Width;

    /// <summary>The axis: a round maximum at or above the largest value, and its step (at most 5 steps).</summary>
    public static (int Max, int Step) Axis(int largest)
    {
        if (largest <= 0)
            return (1, 1);
        var step = 1;
        while (true)
        {
            foreach (var m in (ReadOnlySpan<int>)[1, 2, 5])
            {
                var s = step * m;
                if ((largest + s - 1) / s <= 5)
                    return ((largest + s - 1) / s * s, s);
            }
            step *= 10;
        }
    }

    private static void Paint(Canvas canvas, IReadOnlyList<StatBar> bars, int largest, double rowHeight, string suppressed, Func<string, string> label)
    {
        var (max, step) = Axis(largest);
        var bottom = Top + (bars.Count * rowHeight);
        for (var tick = 0; tick <= max; tick += step)
        {
            var tx = BarLeft + (BarSpan * tick / max);
            canvas.Line(tx, Top, tx, bottom + 4, Grid);
            canvas.Text(tx, bottom + 18, tick.ToString(Invariant), Muted, "middle");
        }
        canvas.Line(BarLeft, Top, BarLeft, bottom, Ink);
        var barHeight = rowHeight * 0.66;
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var top = Top + (i * rowHeight) + ((rowHeight - barHeight) / 2);
            var baseline = top + (barHeight / 2) + 4;
            canvas.Text(LabelRight, baseline, label(bar.Label), Ink, "end");
            if (bar.Value is { } value)
            {
                var w = BarSpan * value / max;
                canvas.Bar(bar.Code, value, BarLeft, top, w, barHeight);
                canvas.Text(BarLeft + w + 4, baseline, value.ToString(Invariant), Ink, "start");
            }
            else
            {
                canvas.Gap(bar.Code, BarLeft + 2, top, 28, barHeight);
                canvas.Text(BarLeft + 36, baseline, StatLabels.SuppressedSymbol + " (" + suppressed + ")", Muted, "start");
            }
        }
    }

    private abstract class Canvas
    {
        public abstract void Line(double x1, double y1, double x2, double y2, string colour);

        public abstract void Text(double x, double baseline, string text, string colour, string anchor);

        public abstract void Bar(string code, int value, double x, double y, double w, double h);

        public abstract void Gap(string code, double x, double y, double w, double h);
    }

    private sealed class SvgCanvas(StringBuilder svg) : Canvas
    {
        public override void Line(double x1, double y1, double x2, double y2, string colour) =>
            svg.Append("<line x1=\"").Append(F(x1)).Append("\" y1=\"").Append(F(y1)).Append("\" x2=\"").Append(F(x2)).Append("\" y2=\"")
                .Append(F(y2)).Append("\" stroke=\"").Append(colour).Append("\" stroke-width=\"1\"/>");

        public override void Text(double x, double baseline, string text, string colour, string anchor) =>
            svg.Append("<text x=\"").Append(F(x)).Append("\" y=\"").Append(F(baseline)).Append("\" fill=\"").Append(colour)
                .Append("\" text-anchor=\"").Append(anchor).Append("\">").Append(Esc(text)).Append("</text>");

        public override void Bar(string code, int value, double x, double y, double w, double h) =>
            svg.Append("<rect data-code=\"").Append(Esc(code)).Append("\" data-value=\"").Append(value.ToString(Invariant))
                .Append("\" x=\"").Append(F(x)).Append("\" y=\"").Append(F(y)).Append("\" width=\"").Append(F(w)).Append("\" height=\"")
                .Append(F(h)).Append("\" fill=\"").Append(StatChart.Bar).Append("\"/>");

        public override void Gap(string code, double x, double y, double w, double h) =>
            svg.Append("<rect data-code=\"").Append(Esc(code)).Append("\" data-suppressed=\"true\" x=\"").Append(F(x)).Append("\" y=\"")
                .Append(F(y)).Append("\" width=\"").Append(F(w)).Append("\" height=\"").Append(F(h)).Append("\" fill=\"none\" stroke=\"")
                .Append(Muted).Append("\" stroke-width=\"1\" stroke-dasharray=\"4 3\"/>");
    }

    private sealed class PdfCanvas(XGraphics gfx, XFont font) : Canvas
    {
        public override void Line(double x1, double y1, double x2, double y2, string colour) =>
            gfx.DrawLine(new XPen(Colour(colour), 0.8), x1, y1, x2, y2);

        public override void Text(double x, double baseline, string text, string colour, string anchor)
        {
            var width = gfx.MeasureString(text, font).Width;
            var left = anchor switch { "end" => x - width, "middle" => x - (width / 2), _ => x };
            gfx.DrawString(text, font, new XSolidBrush(Colour(colour)), left, baseline);
        }

        public override void Bar(string code, int value, double x, double y, double w, double h) =>
            gfx.DrawRectangle(new XSolidBrush(Colour(StatChart.Bar)), x, y, Math.Max(w, 0.01), h);

        public override void Gap(string code, double x, double y, double w, double h) =>
            gfx.DrawRectangle(new XPen(Colour(Muted), 0.8) { DashStyle = XDashStyle.Dash }, x, y, w, h);

        private static XColor Colour(string hex) => XColor.FromArgb(
            int.Parse(hex.AsSpan(1, 2), NumberStyles.HexNumber, Invariant),
            int.Parse(hex.AsSpan(3, 2), NumberStyles.HexNumber, Invariant),
            int.Parse(hex.AsSpan(5, 2), NumberStyles.HexNumber, Invariant));
    }

    /// <summary>The text cut with an ellipsis until it fits the width in the font.</summary>
    internal static string Fit(XGraphics gfx, XFont font, string text, double width)
    {
        if (gfx.MeasureString(text, font).Width <= width)
            return text;
        var cut = text;
        while (cut.Length > 1 && gfx.MeasureString(cut + "\u2026", font).Width > width)
            cut = cut[..^1];
        return cut.TrimEnd() + "\u2026";
    }

    private static string Cut(string text, int max)
    {
        var info = new StringInfo(text);
        return info.LengthInTextElements <= max ? text : info.SubstringByTextElements(0, max - 1).TrimEnd() + "\u2026";
    }

    private static string Slug(string code)
    {
        var slug = new StringBuilder(code.Length);
        foreach (var c in code.ToLowerInvariant())
            slug.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        return slug.ToString();
    }

    private static string F(double v) => Math.Round(v, 2).ToString(Invariant);

    private static string Esc(string text) => SecurityElement.Escape(text);
}
