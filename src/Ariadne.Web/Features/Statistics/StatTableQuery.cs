using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Statistics;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Statistics;

/// <summary>
/// Counts a table's cells from the facts: one GROUP BY over the subject's facts in the period, giving per cell the count, the
/// sum of amounts and the sum of record keys (the cell key). Column names come from a fixed list (never from input); the
/// period, subject and filters are parameters.
/// </summary>
public sealed class StatTableQuery(AriadneDbContext db)
{
    private sealed record Row(string? R, string? C, long N, long A, long K);

    private string Column(StatDimension d) => d switch
    {
        StatDimension.None => "'*'",
        StatDimension.Sex => "\"Sex\"",
        StatDimension.AgeBand => "\"AgeBand\"",
        StatDimension.Citizenship => "\"Citizenship\"",
        StatDimension.Exploitation => "\"Exploitation\"",
        StatDimension.Country => "\"Country\"",
        StatDimension.Region => "CAST(\"Region\" AS " + (db.Database.IsNpgsql() ? "text" : "TEXT") + ")",
        StatDimension.Stage => "\"Stage\"",
        StatDimension.Category => "\"Category\"",
        StatDimension.InstitutionKind => "CAST(\"InstitutionKind\" AS " + (db.Database.IsNpgsql() ? "text" : "TEXT") + ")",
        StatDimension.Year => db.Database.IsNpgsql() ? "CAST(EXTRACT(YEAR FROM \"Month\") AS text)" : "substr(\"Month\", 1, 4)",
        _ => throw new ArgumentOutOfRangeException(nameof(d)),
    };

    /// <summary>The GROUP BY of a table's dimensions; a dimension of none is a constant, left out (PostgreSQL refuses a constant there).</summary>
    private string GroupBy(StatTable table)
    {
        var columns = new[] { table.Rows, table.Columns }.Where(d => d != StatDimension.None).Select(Column).ToList();
        return columns.Count == 0 ? "" : " GROUP BY " + string.Join(", ", columns);
    }

    /// <summary>The table's raw cells for the period, over every institution's facts or one institution's only.</summary>
    public Task<Disclosure.RawTable> CountAsync(StatTable table, StatPeriod period, Guid? institution = null, CancellationToken ct = default) =>
        CountAsync(table, period.From, period.Until, institution, ct);

    /// <summary>The table's raw cells for the months from <paramref name="from"/> to before <paramref name="until"/>.</summary>
    public async Task<Disclosure.RawTable> CountAsync(StatTable table, DateOnly from, DateOnly until, Guid? institution = null, CancellationToken ct = default)
    {
        var parameters = new List<object> { (int)table.Subject, from, until };
        var where = "\"Subject\" = {0} AND \"Month\" >= {1} AND \"Month\" < {2}";
        string In(IReadOnlyList<string> values, string column)
        {
            var names = new List<string>();
            foreach (var v in values)
            {
                names.Add("{" + parameters.Count + "}");
                parameters.Add(v);
            }
            return $" AND \"{column}\" IN ({string.Join(", ", names)})";
        }
        if (table.Stages is { Count: > 0 } stages)
            where += In(stages, "Stage");
        if (table.Categories is { Count: > 0 } categories)
            where += In(categories, "Category");
        if (institution is { } id)
        {
            where += " AND \"InstitutionId\" = {" + parameters.Count + "}";
            // SQLite keeps a Guid as upper-case text.
            parameters.Add(db.Database.IsNpgsql() ? id : id.ToString().ToUpperInvariant());
        }
        // Sums of 32-bit keys over a million facts stay far inside 64 bits; the modulo is taken here, in the key's own arithmetic.
        var sql = $"SELECT {Column(table.Rows)} AS \"R\", {Column(table.Columns)} AS \"C\", COUNT(*) AS \"N\", "
            + "CAST(COALESCE(SUM(\"Amount\"), 0) AS bigint) AS \"A\", CAST(COALESCE(SUM(\"RecordKey\"), 0) AS bigint) AS \"K\" "
            + $"FROM stat_facts WHERE {where}" + GroupBy(table);
        var rows = await db.Database.SqlQueryRaw<Row>(sql, [.. parameters]).ToListAsync(ct);
        return Build(table, rows.Select(r => (r.R ?? ReleasedTable.Unknown, r.C ?? ReleasedTable.Unknown, new Disclosure.RawCell(r.N, r.A, r.K))));
    }

    /// <summary>Every cell's count by its (row, column) codes, totals included as "*".</summary>
    public static Dictionary<(string Row, string Column), long> Counts(Disclosure.RawTable t)
    {
        var counts = new Dictionary<(string, string), long>();
        for (var r = 0; r <= t.RowCodes.Count; r++)
            for (var c = 0; c <= t.ColumnCodes.Count; c++)
                counts[(r == t.RowCodes.Count ? ReleasedTable.All : t.RowCodes[r], c == t.ColumnCodes.Count ? ReleasedTable.All : t.ColumnCodes[c])] = Disclosure.At(t, r, c).Count;
        return counts;
    }

    /// <summary>The codes of a dimension in their natural order: the known codes first (all of them, so that a zero is a zero), then whatever else appeared, then unknown.</summary>
    public static IReadOnlyList<string> Codes(StatDimension d, IEnumerable<string> seen)
    {
        IReadOnlyList<string> known = d switch
        {
            StatDimension.None => [ReleasedTable.All],
            StatDimension.Sex => [StatCodes.Female, StatCodes.Male, StatCodes.OtherSex],
            StatDimension.AgeBand => StatCodes.AgeBands,
            StatDimension.Exploitation => StatCodes.ExploitationForms,
            _ => [],
        };
        var extra = seen.Where(s => s != ReleasedTable.Unknown && !known.Contains(s)).Distinct().Order(StringComparer.Ordinal).ToList();
        return [.. known, .. extra, .. seen.Contains(ReleasedTable.Unknown) ? [ReleasedTable.Unknown] : Array.Empty<string>()];
    }

    /// <summary>Lays the counted cells out as a table with totals (pure).</summary>
    public static Disclosure.RawTable Build(StatTable table, IEnumerable<(string Row, string Column, Disclosure.RawCell Cell)> counted)
    {
        var list = counted.ToList();
        var rowCodes = Codes(table.Rows, list.Select(x => x.Row));
        var columnCodes = Codes(table.Columns, list.Select(x => x.Column));
        var cells = new Disclosure.RawCell[rowCodes.Count, columnCodes.Count];
        var rowTotals = new Disclosure.RawCell[rowCodes.Count];
        var columnTotals = new Disclosure.RawCell[columnCodes.Count];
        var total = default(Disclosure.RawCell);
        static Disclosure.RawCell Add(Disclosure.RawCell a, Disclosure.RawCell b) => new(a.Count + b.Count, a.Amount + b.Amount, unchecked(a.KeySum + b.KeySum) & 0xFFFFFFFF);
        var rowIndex = rowCodes.Select((code, i) => (code, i)).ToDictionary(x => x.code, x => x.i);
        var columnIndex = columnCodes.Select((code, i) => (code, i)).ToDictionary(x => x.code, x => x.i);
        foreach (var (row, column, cell) in list)
        {
            int r = rowIndex[row], c = columnIndex[column];
            var keyed = cell with { KeySum = cell.KeySum & 0xFFFFFFFF };
            cells[r, c] = Add(cells[r, c], keyed);
            rowTotals[r] = Add(rowTotals[r], keyed);
            columnTotals[c] = Add(columnTotals[c], keyed);
            total = Add(total, keyed);
        }
        return new Disclosure.RawTable(table, rowCodes, columnCodes, cells, rowTotals, columnTotals, total);
    }
}
