using Ariadne.Web.Platform.Statistics;

namespace Ariadne.Web.Features.Statistics;

/// <summary>
/// Statistical disclosure control of one table, pure and deterministic: primary suppression (a count from 1 to the
/// threshold less one), cells carried from earlier releases, secondary suppression (no suppressed cell can be recovered
/// from its row's or column's total), and cell-key perturbation (the same people always give the same published value, in
/// every table and every release; one more or one fewer draws afresh).
/// </summary>
public static class Disclosure
{
    /// <summary>The largest perturbation either way.</summary>
    public const int Bound = 2;

    private const double Scale = 4294967296.0;

    /// <summary>A cell before protection: how many facts, the sum of their amounts, and the sum of their record keys (modulo 2^32).</summary>
    public readonly record struct RawCell(long Count, long Amount, long KeySum);

    /// <summary>A table before protection: cells [row, column], a total for each row and column, and the grand total.</summary>
    public sealed record RawTable(
        StatTable Definition, IReadOnlyList<string> RowCodes, IReadOnlyList<string> ColumnCodes,
        RawCell[,] Cells, RawCell[] RowTotals, RawCell[] ColumnTotals, RawCell Total);

    /// <summary>Which cells are hidden: [row, column]; a row's total is column = columns count, a column's total row = rows count.</summary>
    public sealed class Mask(int rows, int columns)
    {
        private readonly bool[,] _hidden = new bool[rows + 1, columns + 1];

        public int Rows => rows;
        public int Columns => columns;
        public bool this[int r, int c] { get => _hidden[r, c]; set => _hidden[r, c] = value; }
        public int Count { get { var n = 0; foreach (var h in _hidden) if (h) n++; return n; } }
    }

    /// <summary>The perturbation of a cell: uniform over the values that keep a published count at or above the threshold, read at the cell key.</summary>
    public static int Perturbation(long keySum, long value, int threshold)
    {
        var low = (int)Math.Max(-Bound, threshold - value);
        if (low > Bound)
            return 0;
        var width = Bound - low + 1;
        var key = (uint)(keySum & 0xFFFFFFFF);
        return low + (int)(key / Scale * width);
    }

    /// <summary>A count as published: zero stays zero (a structural zero tells nothing of a person), a count under the threshold is hidden, others are perturbed.</summary>
    public static bool Small(long value, int threshold) => value > 0 && value < threshold;

    /// <summary>
    /// Primary suppression plus the cells to carry, then secondary suppression until every row and column (cells and its
    /// total) has no single hidden cell. Totals are hidden only when nothing else can cover a hidden cell.
    /// </summary>
    public static Mask Suppress(RawTable t, Func<string, string, bool>? carried = null)
    {
        int rows = t.RowCodes.Count, cols = t.ColumnCodes.Count;
        var mask = new Mask(rows, cols);
        // Suppression and its cover go by the number of contributors, also in a table of sums.
        long Value(int r, int c) => At(t, r, c).Count;
        string RowCode(int r) => r == rows ? ReleasedTable.All : t.RowCodes[r];
        string ColumnCode(int c) => c == cols ? ReleasedTable.All : t.ColumnCodes[c];
        for (var r = 0; r <= rows; r++)
            for (var c = 0; c <= cols; c++)
                if (Small(Value(r, c), t.Definition.Threshold) || carried?.Invoke(RowCode(r), ColumnCode(c)) == true)
                    mask[r, c] = true;

        // A line is a row (its cells and its total) or a column (likewise); the totals' row and column are lines too.
        bool CoverLine(IReadOnlyList<(int R, int C)> line)
        {
            var hidden = line.Count(p => mask[p.R, p.C]);
            if (hidden != 1)
                return false;
            // The smallest other non-zero published cell that is not the line's total; else the total; a line of zeros besides gives it away too.
            var candidates = line.Take(line.Count - 1).Where(p => !mask[p.R, p.C] && Value(p.R, p.C) > 0).OrderBy(p => Value(p.R, p.C)).ThenBy(p => p.R).ThenBy(p => p.C).ToList();
            var pick = candidates.Count > 0 ? candidates[0] : line[^1];
            if (mask[pick.R, pick.C])
                return false;
            mask[pick.R, pick.C] = true;
            return true;
        }
        bool changed;
        do
        {
            changed = false;
            for (var r = 0; r <= rows; r++)
                changed |= CoverLine([.. Enumerable.Range(0, cols + 1).Select(c => (r, c))]);
            for (var c = 0; c <= cols; c++)
                changed |= CoverLine([.. Enumerable.Range(0, rows + 1).Select(r => (r, c))]);
        }
        while (changed);
        return mask;
    }

    /// <summary>The raw cell at [r, c], totals included (see <see cref="Mask"/>).</summary>
    public static RawCell At(RawTable t, int r, int c)
    {
        int rows = t.RowCodes.Count, cols = t.ColumnCodes.Count;
        return r == rows ? (c == cols ? t.Total : t.ColumnTotals[c]) : c == cols ? t.RowTotals[r] : t.Cells[r, c];
    }

    /// <summary>The table as released: hidden cells null, the others perturbed by their cell keys (a sum of amounts is rounded to the nearest 10 instead).</summary>
    public static ReleasedTable Publish(RawTable t, Mask mask)
    {
        int rows = t.RowCodes.Count, cols = t.ColumnCodes.Count;
        var threshold = t.Definition.Threshold;
        int? Out(RawCell cell, bool hidden) => hidden ? null
            : t.Definition.Sum ? (int)(Math.Round(cell.Amount / 10.0, MidpointRounding.AwayFromZero) * 10)
            : cell.Count == 0 ? 0
            : (int)(cell.Count + Perturbation(cell.KeySum, cell.Count, threshold));
        var cells = Enumerable.Range(0, rows).Select(r => (IReadOnlyList<int?>)Enumerable.Range(0, cols).Select(c => Out(t.Cells[r, c], mask[r, c])).ToList()).ToList();
        var rowTotals = Enumerable.Range(0, rows).Select(r => Out(t.RowTotals[r], mask[r, cols])).ToList();
        var columnTotals = Enumerable.Range(0, cols).Select(c => Out(t.ColumnTotals[c], mask[rows, c])).ToList();
        var d = t.Definition;
        return new ReleasedTable(d.Code, d.TitleKey, d.Topic, d.Rows, d.Columns, t.RowCodes, t.ColumnCodes, cells, rowTotals, columnTotals,
            Out(t.Total, mask[rows, cols]), threshold, d.Greta, d.Tip, d.Sum);
    }
}
