namespace Ariadne.Web.Platform.Statistics;

/// <summary>
/// A table as published: protected cells only (suppressed ones are null), with the codes of its rows and columns (the page,
/// the report, the CSV/XLSX writers and the API put them into words). Totals are computed from the facts and protected like
/// any cell, so they need not equal the sum of the published cells.
/// </summary>
public sealed record ReleasedTable(
    string Code, string TitleKey, StatTopic Topic, StatDimension Rows, StatDimension Columns,
    IReadOnlyList<string> RowCodes, IReadOnlyList<string> ColumnCodes,
    IReadOnlyList<IReadOnlyList<int?>> Cells, IReadOnlyList<int?> RowTotals, IReadOnlyList<int?> ColumnTotals, int? Total,
    int Threshold, string? Greta = null, string? Tip = null, bool Sum = false)
{
    /// <summary>The code of an unknown value in any dimension (a fact with no sex, no age band…).</summary>
    public const string Unknown = "?";

    /// <summary>The code of the single row or column of <see cref="StatDimension.None"/>.</summary>
    public const string All = "*";
}
