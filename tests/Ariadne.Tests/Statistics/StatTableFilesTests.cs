using System.Text;
using Ariadne.Web.Features.Statistics.Output;
using Ariadne.Web.Platform.Statistics;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.Tests.Statistics;

/// <summary>Released tables as CSV (the one formula-safe writer) and XLSX, read back independently.</summary>
public sealed class StatTableFilesTests
{
    private static StatTableFiles Files(ServiceProvider services) => services.GetRequiredService<StatTableFiles>();

    /// <summary>An RFC 4180 reader, written here so that the test does not trust the writer's own code.</summary>
    private static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') { row.Add(field.ToString()); field.Clear(); rows.Add(row); row = []; i++; }
            else field.Append(c);
        }
        Assert.True(field.Length == 0 && row.Count == 0, "the file ends with CRLF");
        return rows;
    }

    private static string N(int? v) => v is null ? "x" : v.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("az", "Cins", "Qadın", "Cəmi", "18–20 yaş")]
    [InlineData("ru", "Пол", "Женщины", "Всего", "18–20 лет")]
    [InlineData("en", "Sex", "Female", "Total", "18–20 years")]
    public void Csv_has_a_bom_labels_in_the_language_and_round_trips(string lang, string sex, string female, string total, string band)
    {
        using var services = StatOutputSamples.Services();
        var table = StatOutputSamples.SexByAge();
        var bytes = Files(services).Csv(table, lang);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var rows = ParseCsv(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));

        Assert.Equal(1 + table.RowCodes.Count + 1, rows.Count);
        Assert.All(rows, r => Assert.Equal(1 + table.ColumnCodes.Count + 1, r.Count));
        Assert.Equal(sex, rows[0][0]);
        Assert.Equal(band, rows[0][1 + 2]);
        Assert.Equal(total, rows[0][^1]);
        Assert.Equal(female, rows[1][0]);
        Assert.Equal(total, rows[^1][0]);
        for (var i = 0; i < table.RowCodes.Count; i++)
        {
            Assert.Equal([.. table.Cells[i].Select(N), N(table.RowTotals[i])], rows[1 + i].Skip(1));
        }
        Assert.Equal([.. table.ColumnTotals.Select(N), N(table.Total)], rows[^1].Skip(1));
    }

    [Fact]
    public void Csv_neutralises_cells_a_spreadsheet_would_run_as_formulas()
    {
        using var services = StatOutputSamples.Services();
        var table = StatOutputSamples.JusticeByStage();
        var bytes = Files(services).Csv(table, "en");
        var rows = ParseCsv(Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));

        // Codes without words of their own are written as they are, but never as a live formula.
        Assert.Equal("'=HYPERLINK(\"http://x\")", rows[2][0]);
        Assert.Equal(["Referred", "'+cmd", "'-2", "'@SUM(A1)", "'\tlead", "'\rcr", "plain, \"quoted\""], rows[0].Skip(1).Take(7));
        Assert.Equal("Identified victims", rows[1][0]);
        Assert.All(rows.SelectMany(r => r), f => Assert.False(f.Length > 0 && "=+-@\t\r".Contains(f[0], StringComparison.Ordinal), f));
    }

    [Fact]
    public void Xlsx_has_a_sheet_per_table_numbers_as_numbers_and_notes()
    {
        using var services = StatOutputSamples.Services();
        var set = StatOutputSamples.FullSet();
        var bytes = Files(services).Xlsx(set, "az");
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var workbook = document.WorkbookPart!;
        var sheets = workbook.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(set.Tables.Count + 1, sheets.Count);
        Assert.Equal("Qeydlər", sheets[^1].Name!.Value);

        Cell? At(Sheet sheet, string reference) =>
            ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet.Descendants<Cell>().SingleOrDefault(c => c.CellReference == reference);
        string Value(Cell c) => c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText : c.CellValue!.Text;

        // The first table: title, header (row 2), rows from row 3; a figure is a number, a suppressed cell the symbol.
        var first = sheets[0];
        var table = set.Tables[0];
        Assert.Equal("Müəyyən edilmiş qurbanlar", Value(At(first, "A1")!));
        Assert.Equal("Cins", Value(At(first, "A2")!));
        Assert.Equal("Qadın", Value(At(first, "A3")!));
        for (var j = 0; j < table.ColumnCodes.Count; j++)
        {
            var cell = At(first, StatTableFiles.Column(1 + j) + "3")!;
            if (table.Cells[0][j] is { } v)
            {
                Assert.Equal(CellValues.Number, cell.DataType!.Value);
                Assert.Equal(v, int.Parse(cell.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                Assert.Equal(CellValues.InlineString, cell.DataType!.Value);
                Assert.Equal("x", Value(cell));
            }
        }
        var totalColumn = StatTableFiles.Column(1 + table.ColumnCodes.Count);
        Assert.Equal("Cəmi", Value(At(first, totalColumn + "2")!));
        Assert.Equal("Cəmi", Value(At(first, "A" + (3 + table.RowCodes.Count).ToString(System.Globalization.CultureInfo.InvariantCulture))!));

        // The notes: source with the release number, the period, the method, each table's threshold.
        var notes = ((WorksheetPart)workbook.GetPartById(sheets[^1].Id!)).Worksheet.Descendants<Cell>().Select(Value).ToList();
        Assert.Contains(notes, n => n.Contains("2025-C-07", StringComparison.Ordinal));
        Assert.Contains("2025 təqvim ili", notes);
        Assert.Contains(notes, n => n.Contains("xana açarı", StringComparison.Ordinal));
        Assert.Contains("5", notes); // the exploitation table's threshold
    }

    [Fact]
    public void Xlsx_sheet_names_are_valid_and_unique()
    {
        using var services = StatOutputSamples.Services();
        var long1 = StatOutputSamples.SexByAge() with { Code = "victims.a-very-long-code-that-goes-on/and:on" };
        var long2 = long1 with { };
        var bytes = Files(services).Xlsx(StatOutputSamples.Set(long1, long2), "en");
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var names = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(names, n => Assert.True(n.Length <= 31 && n.IndexOfAny(['[', ']', ':', '*', '?', '/', '\\']) < 0, n));
    }
}
