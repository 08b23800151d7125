using Ariadne.Linkage;
using Ariadne.Web.Platform.Statistics;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Ariadne.Web.Features.Statistics.Output;

/// <summary>
/// Released tables as files, with their words in the chosen language: CSV through the system's one CSV writer
/// (<see cref="CsvWriter"/>: UTF-8 with a byte order mark, RFC 4180, formula injection neutralised), and XLSX with one
/// sheet per table (title, header row, numbers as numbers, suppressed cells as the symbol) and a notes sheet (source,
/// period, thresholds, the suppression and perturbation method). Published cells only: these files hold nothing the
/// release did not publish.
/// </summary>
public sealed class StatTableFiles(StatLabels labels)
{
    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The table's grid of words and values: a header row, one row per row code, and the totals row.</summary>
    public IReadOnlyList<IReadOnlyList<object?>> Grid(ReleasedTable table, string lang)
    {
        ArgumentNullException.ThrowIfNull(table);
        StatLabels.Checked(lang);
        var totalColumn = table.Columns != StatDimension.None && table.ColumnCodes.Count > 1;
        var totalRow = table.Rows != StatDimension.None && table.RowCodes.Count > 1;
        var header = new List<object?> { labels.Dimension(table.Rows, lang) };
        header.AddRange(table.ColumnCodes.Select(c => labels.Code(table.Columns, c, lang)));
        if (totalColumn)
            header.Add(labels.Total(lang));
        var grid = new List<IReadOnlyList<object?>> { header };
        for (var i = 0; i < table.RowCodes.Count; i++)
        {
            var row = new List<object?> { labels.Code(table.Rows, table.RowCodes[i], lang) };
            row.AddRange(table.Cells[i].Select(v => (object?)v));
            if (totalColumn)
                row.Add(table.RowTotals[i]);
            grid.Add(row);
        }
        if (totalRow)
        {
            var row = new List<object?> { labels.Total(lang) };
            row.AddRange(table.ColumnTotals.Select(v => (object?)v));
            if (totalColumn)
                row.Add(table.Total);
            grid.Add(row);
        }
        return grid;
    }

    /// <summary>One table as CSV: the header row, then the rows; a suppressed cell is the symbol.</summary>
    public byte[] Csv(ReleasedTable table, string lang)
    {
        var grid = Grid(table, lang);
        return CsvWriter.ToBytes(grid[0].Select(Text), grid.Skip(1).Select(row => row.Select(Text)));
    }

    /// <summary>The tables of a release as one workbook: a sheet per table, then the notes.</summary>
    public byte[] Xlsx(PublishedSet set, string lang)
    {
        ArgumentNullException.ThrowIfNull(set);
        StatLabels.Checked(lang);
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            uint sheetId = 1;
            foreach (var table in set.Tables)
            {
                var rows = new List<IReadOnlyList<object?>>
                {
                    new object?[] { labels.Title(table, lang) },
                };
                rows.AddRange(Grid(table, lang));
                if (StatLabels.HasSuppressed(table))
                    rows.Add(new object?[] { labels.SuppressedNote(table, lang) });
                AddSheet(workbook, sheets, sheetId++, SheetName(sheetId - 1 + ". " + table.Code, names), rows);
            }
            var notes = new List<IReadOnlyList<object?>>
            {
                new object?[] { labels.Text(lang, "StatOut_Notes") },
                new object?[] { labels.Text(lang, "StatOut_Source"), labels.Text(lang, "StatOut_SourceValue", set.Number) },
                new object?[] { labels.Text(lang, "StatOut_Period"), PeriodText(set.Period, lang) },
                new object?[] { labels.Text(lang, "StatOut_Published"), set.PublishedAt.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) },
                new object?[] { labels.Text(lang, "StatOut_Threshold"), labels.Text(lang, "StatOut_MethodSuppression") },
                new object?[] { labels.Text(lang, "StatOut_Perturbation"), labels.Text(lang, "StatOut_MethodPerturbation") },
                new object?[] { StatLabels.SuppressedSymbol, labels.Suppressed(lang) },
                Array.Empty<object?>(),
                new object?[] { labels.Text(lang, "StatOut_Table"), labels.Text(lang, "StatOut_Threshold") },
            };
            notes.AddRange(set.Tables.Select(t => (IReadOnlyList<object?>)[labels.Title(t, lang), t.Threshold]));
            AddSheet(workbook, sheets, sheetId, SheetName(labels.Text(lang, "StatOut_Notes"), names), notes);
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    /// <summary>The period in words (calendar year, or April to March).</summary>
    public string PeriodText(StatPeriod period, string lang)
    {
        ArgumentNullException.ThrowIfNull(period);
        return period.Kind == StatPeriodKind.Calendar
            ? labels.Text(lang, "StatOut_PeriodCalendar", period.Year.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : labels.Text(lang, "StatOut_PeriodAprilMarch", period.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
                (period.Year + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static string? Text(object? value) => value switch
    {
        null => StatLabels.SuppressedSymbol,
        int n => StatLabels.Cell(n),
        _ => value.ToString(),
    };

    private static void AddSheet(WorkbookPart workbook, Sheets sheets, uint id, string name, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        uint r = 0;
        foreach (var values in rows)
        {
            r++;
            var row = new Row { RowIndex = r };
            for (var c = 0; c < values.Count; c++)
            {
                var reference = Column(c) + r.ToString(System.Globalization.CultureInfo.InvariantCulture);
                row.Append(values[c] switch
                {
                    int n => new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(n) },
                    _ => new Cell
                    {
                        CellReference = reference,
                        DataType = CellValues.InlineString,
                        InlineString = new InlineString(new Text(Text(values[c]) ?? "")),
                    },
                });
            }
            data.Append(row);
        }
        part.Worksheet = new Worksheet(data);
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id, Name = name });
    }

    /// <summary>A spreadsheet column's letters (0 → A, 26 → AA).</summary>
    internal static string Column(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
            name = (char)('A' + ((n - 1) % 26)) + name;
        return name;
    }

    /// <summary>A valid, unique sheet name: no []:*?/\, at most 31 characters.</summary>
    private static string SheetName(string wanted, HashSet<string> taken)
    {
        var clean = new string([.. wanted.Select(c => "[]:*?/\\'".Contains(c, StringComparison.Ordinal) ? '-' : c)]).Trim();
        if (clean.Length == 0)
            clean = "Sheet";
        var name = clean.Length > 31 ? clean[..31] : clean;
        for (var n = 2; !taken.Add(name); n++)
        {
            var suffix = " " + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            name = (clean.Length + suffix.Length > 31 ? clean[..(31 - suffix.Length)] : clean) + suffix;
        }
        return name;
    }
}
