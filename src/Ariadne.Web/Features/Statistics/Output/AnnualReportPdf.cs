using System.Globalization;
using Ariadne.Web.Platform.Statistics;
using Ariadne.Web.Platform.Ui;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Ariadne.Web.Features.Statistics.Output;

/// <summary>
/// The annual report to parliament (the 2005 law on combating trafficking, art. 7.5) as PDF, in az, ru or en, from a
/// published release only: a cover (title, year, National Coordinator, date of publication, release number), the
/// contents, a section per topic with its introduction, each table (continued on the next page with its header repeated
/// when long; a suppressed cell prints the symbol, never a number) followed by its chart, the method note, and page numbers.
/// </summary>
public sealed class AnnualReportPdf(StatLabels labels, StatTableFiles files)
{
    private const double PageWidth = 595.28; // A4, points
    private const double PageHeight = 841.89;
    private const double Margin = 56;
    private const double Bottom = PageHeight - 64; // content ends here; the page number sits below
    private const double ContentWidth = PageWidth - (2 * Margin);
    private const double RowHeight = 14;
    private const int ChartBarsPerPage = 50; // at the chart's thinnest rows, a page holds about 60

    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);
    private static readonly XBrush InkBrush = new XSolidBrush(XColor.FromArgb(11, 12, 12));
    private static readonly XBrush MutedBrush = new XSolidBrush(XColor.FromArgb(80, 90, 95));
    private static readonly XBrush HeaderFill = new XSolidBrush(XColor.FromArgb(243, 242, 241));
    private static readonly XPen RulePen = new(XColor.FromArgb(177, 180, 182), 0.6);

    /// <summary>Renders the report; throws when the fonts (fonts-dejavu-core) are missing.</summary>
    public RenderedReport Render(PublishedSet set, string lang)
    {
        ArgumentNullException.ThrowIfNull(set);
        StatLabels.Checked(lang);
        if (!PdfFonts.EnsureInstalled())
            throw new InvalidOperationException("The report's fonts are missing: install the Debian package fonts-dejavu-core.");

        var title = labels.Text(lang, "StatOut_ReportTitle");
        using var document = new PdfDocument();
        document.Info.Title = title;
        document.Info.Subject = labels.Text(lang, "StatOut_ReportSubtitle");
        document.Info.Author = labels.Text(lang, "StatOut_NationalCoordinator");
        var w = new Writer(document);

        Cover(w, set, lang, title);
        var contentsPage = w.BlankPage(); // drawn once the sections' pages are known
        var contents = new List<(string Heading, int Page)>();

        foreach (var topic in Enum.GetValues<StatTopic>())
        {
            var heading = labels.Topic(topic, lang);
            w.NewPage();
            contents.Add((heading, w.PageNumber));
            w.Paragraph(heading, w.Heading, InkBrush, 8);
            w.Paragraph(labels.TopicIntro(topic, lang), w.Body, InkBrush, 12);
            var tables = set.Tables.Where(t => t.Topic == topic).ToList();
            if (tables.Count == 0)
                w.Paragraph(labels.Text(lang, "StatOut_NoTables"), w.Body, MutedBrush, 8);
            foreach (var table in tables)
            {
                Table(w, table, lang);
                Chart(w, table, lang);
            }
        }

        var method = labels.Text(lang, "StatOut_MethodTitle");
        w.NewPage();
        contents.Add((method, w.PageNumber));
        w.Paragraph(method, w.Heading, InkBrush, 8);
        w.Paragraph(labels.Text(lang, "StatOut_MethodSuppression"), w.Body, InkBrush, 8);
        w.Paragraph(labels.Text(lang, "StatOut_MethodPerturbation"), w.Body, InkBrush, 8);
        w.Paragraph(StatLabels.SuppressedSymbol + ": " + labels.Suppressed(lang), w.Body, InkBrush, 8);
        w.Close();

        Contents(w, contentsPage, contents, lang);
        PageNumbers(w, lang);

        var pages = document.PageCount;
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return new RenderedReport(output.ToArray(), pages, set.Tables.Count);
    }

    private void Cover(Writer w, PublishedSet set, string lang, string title)
    {
        w.NewPage();
        w.Y = 200;
        w.Paragraph(labels.Text(lang, "StatOut_NationalCoordinator"), w.Strong, MutedBrush, 24);
        w.Paragraph(title, w.Title, InkBrush, 16);
        w.Paragraph(labels.Text(lang, "StatOut_ReportSubtitle"), w.Body, InkBrush, 24);
        w.Paragraph(labels.Text(lang, "StatOut_ReportYear", set.Period.Year.ToString(CultureInfo.InvariantCulture)), w.Heading, InkBrush, 4);
        w.Paragraph(files.PeriodText(set.Period, lang), w.Body, InkBrush, 40);
        w.Paragraph(labels.Text(lang, "StatOut_PublishedOn", set.PublishedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            w.Body, InkBrush, 4);
        w.Paragraph(labels.Text(lang, "StatOut_ReleaseNumber", set.Number), w.Body, InkBrush, 4);
        w.Close();
    }

    private void Contents(Writer w, PdfPage page, List<(string Heading, int Page)> entries, string lang)
    {
        using var gfx = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
        var y = Margin;
        gfx.DrawString(labels.Text(lang, "StatOut_Contents"), w.Heading, InkBrush, Margin, y + w.Heading.Size);
        y += w.Heading.Size * 2.2;
        foreach (var (heading, number) in entries)
        {
            var text = number.ToString(CultureInfo.InvariantCulture);
            var numberWidth = gfx.MeasureString(text, w.Body).Width;
            gfx.DrawString(StatChart.Fit(gfx, w.Body, heading, ContentWidth - numberWidth - 16), w.Body, InkBrush, Margin, y + w.Body.Size);
            gfx.DrawString(text, w.Body, InkBrush, PageWidth - Margin - numberWidth, y + w.Body.Size);
            y += w.Body.Size * 1.9;
        }
    }

    private void PageNumbers(Writer w, string lang)
    {
        var total = w.Document.PageCount;
        for (var i = 1; i < total; i++)
        {
            using var gfx = XGraphics.FromPdfPage(w.Document.Pages[i], XGraphicsPdfPageOptions.Append);
            var text = labels.Text(lang, "StatOut_PageOf", (i + 1).ToString(CultureInfo.InvariantCulture), total.ToString(CultureInfo.InvariantCulture));
            var width = gfx.MeasureString(text, w.Small).Width;
            gfx.DrawString(text, w.Small, MutedBrush, (PageWidth - width) / 2, PageHeight - 32);
        }
    }

    private void Table(Writer w, ReleasedTable table, string lang)
    {
        var grid = files.Grid(table, lang);
        var title = labels.Title(table, lang);
        var columns = grid[0].Count;
        var font = columns > 9 ? w.Tiny : w.Cell;
        var bold = columns > 9 ? w.TinyBold : w.CellBold;

        // The first column fits its longest label (within limits); the figures share the rest.
        var labelWidth = grid.Skip(1).Select(r => w.Measure((string)r[0]!, bold)).DefaultIfEmpty(60).Max() + 10;
        labelWidth = Math.Clamp(labelWidth, 90, Math.Max(90, ContentWidth - ((columns - 1) * 34)));
        var figureWidth = (ContentWidth - labelWidth) / Math.Max(1, columns - 1);
        var headerLines = grid[0].Select((h, c) => w.Wrap((string)h!, bold, (c == 0 ? labelWidth : figureWidth) - 6)).ToList();
        var headerHeight = (headerLines.Max(l => l.Count) * (bold.Size * 1.25)) + 6;

        void Header(bool continued)
        {
            w.Paragraph(continued ? labels.Text(lang, "StatOut_Continued", title) : title, w.Strong, InkBrush, 4);
            w.Gfx.DrawRectangle(HeaderFill, Margin, w.Y, ContentWidth, headerHeight);
            for (var c = 0; c < columns; c++)
            {
                var (left, width) = c == 0 ? (Margin, labelWidth) : (Margin + labelWidth + ((c - 1) * figureWidth), figureWidth);
                var lineY = w.Y + 3 + bold.Size;
                foreach (var line in headerLines[c])
                {
                    var x = c == 0 ? left + 3 : left + width - 3 - w.Measure(line, bold);
                    w.Gfx.DrawString(line, bold, InkBrush, x, lineY);
                    lineY += bold.Size * 1.25;
                }
            }
            w.Y += headerHeight;
            w.Gfx.DrawLine(RulePen, Margin, w.Y, Margin + ContentWidth, w.Y);
        }

        w.Y += 6;
        w.Ensure(w.Strong.Size * 2 + headerHeight + (RowHeight * Math.Min(3, grid.Count - 1)));
        Header(continued: false);
        var totalRow = table.Rows != StatDimension.None && table.RowCodes.Count > 1;
        for (var r = 1; r < grid.Count; r++)
        {
            if (w.Y + RowHeight > Bottom)
            {
                w.NewPage();
                Header(continued: true);
            }
            var isTotal = totalRow && r == grid.Count - 1;
            var rowFont = isTotal ? bold : font;
            var baseline = w.Y + RowHeight - 4;
            var row = grid[r];
            w.Gfx.DrawString(StatChart.Fit(w.Gfx, rowFont, (string)row[0]!, labelWidth - 6), rowFont, InkBrush, Margin + 3, baseline);
            for (var c = 1; c < columns; c++)
            {
                var text = StatLabels.Cell((int?)row[c]);
                var right = Margin + labelWidth + (c * figureWidth) - 3;
                w.Gfx.DrawString(text, rowFont, row[c] is null ? MutedBrush : InkBrush, right - w.Measure(text, rowFont), baseline);
            }
            w.Y += RowHeight;
            w.Gfx.DrawLine(RulePen, Margin, w.Y, Margin + ContentWidth, w.Y);
        }
        w.Y += 4;
        w.Paragraph(labels.Text(lang, "StatOut_TableThreshold", table.Threshold), w.Small, MutedBrush, 2);
        if (StatLabels.HasSuppressed(table))
            w.Paragraph(labels.SuppressedNote(table, lang), w.Small, MutedBrush, 2);
        w.Y += 6;
    }

    private void Chart(Writer w, ReleasedTable table, string lang)
    {
        var bars = StatChart.Bars(table, labels, lang).Count;
        for (var first = 0; first < bars; first += ChartBarsPerPage)
        {
            var count = Math.Min(ChartBarsPerPage, bars - first);
            var wanted = (count * 24 + 34) * (ContentWidth / StatChart.Width);
            w.Ensure(Math.Max(StatChart.MinimumHeight(count, ContentWidth), Math.Min(wanted, 220)) + 20);
            var title = StatChart.Title(table, labels, lang);
            w.Paragraph(first == 0 ? title : labels.Text(lang, "StatOut_Continued", title), w.Small, MutedBrush, 2);
            var used = StatChart.Draw(w.Gfx, Margin, w.Y, ContentWidth, Bottom - w.Y, table, labels, lang, PdfFonts.Sans, first, count);
            w.Y += used + 16;
        }
    }

    /// <summary>The pen: the current page, its graphics and the vertical position, with the report's fonts.</summary>
    private sealed class Writer(PdfDocument document)
    {
        public PdfDocument Document { get; } = document;
        public XGraphics Gfx { get; private set; } = null!;
        public double Y { get; set; }
        public int PageNumber => Document.PageCount;

        public XFont Title { get; } = new(PdfFonts.Sans, 22, XFontStyleEx.Bold, Unicode);
        public XFont Heading { get; } = new(PdfFonts.Sans, 16, XFontStyleEx.Bold, Unicode);
        public XFont Strong { get; } = new(PdfFonts.Sans, 11, XFontStyleEx.Bold, Unicode);
        public XFont Body { get; } = new(PdfFonts.Sans, 10.5, XFontStyleEx.Regular, Unicode);
        public XFont Small { get; } = new(PdfFonts.Sans, 8, XFontStyleEx.Regular, Unicode);
        public XFont Cell { get; } = new(PdfFonts.Sans, 8.5, XFontStyleEx.Regular, Unicode);
        public XFont CellBold { get; } = new(PdfFonts.Sans, 8.5, XFontStyleEx.Bold, Unicode);
        public XFont Tiny { get; } = new(PdfFonts.Sans, 7, XFontStyleEx.Regular, Unicode);
        public XFont TinyBold { get; } = new(PdfFonts.Sans, 7, XFontStyleEx.Bold, Unicode);

        public PdfPage NewPage()
        {
            var page = BlankPage();
            Gfx = XGraphics.FromPdfPage(page);
            Y = Margin;
            return page;
        }

        /// <summary>A page left empty for now (an empty content stream would be a damaged one).</summary>
        public PdfPage BlankPage()
        {
            Close();
            var page = Document.AddPage();
            page.Width = XUnit.FromPoint(PageWidth);
            page.Height = XUnit.FromPoint(PageHeight);
            return page;
        }

        public void Close()
        {
            Gfx?.Dispose();
            Gfx = null!;
        }

        /// <summary>Starts a new page unless <paramref name="height"/> still fits on this one.</summary>
        public void Ensure(double height)
        {
            if (Y + height > Bottom && Y > Margin)
                NewPage();
        }

        public double Measure(string text, XFont font) => Gfx.MeasureString(text, font).Width;

        /// <summary>Text wrapped to the content width, then <paramref name="after"/> points of space.</summary>
        public void Paragraph(string text, XFont font, XBrush brush, double after)
        {
            var lineHeight = font.Size * 1.3;
            foreach (var line in Wrap(text, font, ContentWidth))
            {
                Ensure(lineHeight);
                Gfx.DrawString(line, font, brush, Margin, Y + font.Size);
                Y += lineHeight;
            }
            Y += after;
        }

        /// <summary>The text's lines within the width, broken at spaces (a word longer than the width stands alone).</summary>
        public List<string> Wrap(string text, XFont font, double width)
        {
            var lines = new List<string>();
            var line = "";
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && Measure(candidate, font) > width)
                {
                    lines.Add(line);
                    line = word;
                }
                else
                {
                    line = candidate;
                }
            }
            if (line.Length > 0 || lines.Count == 0)
                lines.Add(line);
            return lines;
        }
    }
}
