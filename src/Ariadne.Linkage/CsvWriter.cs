using System.Text;

namespace Ariadne.Linkage;

/// <summary>
/// The one way the system writes CSV: UTF-8 with a byte order mark (so that Azerbaijani and Russian
/// open correctly in Excel), CRLF line ends and RFC 4180 quoting. A cell that a spreadsheet would run
/// as a formula — one starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return,
/// also after leading spaces, and their full-width forms — is prefixed with a single quote (OWASP
/// "CSV injection"), so it is shown as text. Used by the linkage command and every web export.
/// </summary>
public sealed class CsvWriter : IAsyncDisposable, IDisposable
{
    /// <summary>UTF-8 that writes the byte order mark.</summary>
    public static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    private const string FormulaStarts = "=+-@\t\r\uFF1D\uFF0B\uFF0D\uFF20";

    private readonly TextWriter _writer;

    public CsvWriter(TextWriter writer) => _writer = writer;

    /// <summary>A new file (replacing one that exists), UTF-8 with a BOM.</summary>
    public static CsvWriter Create(string path) => new(new StreamWriter(path, false, Utf8WithBom));

    public Task WriteRowAsync(params IEnumerable<string?> fields) => _writer.WriteAsync(Row(fields));

    public void WriteRow(params IEnumerable<string?> fields) => _writer.Write(Row(fields));

    /// <summary>A whole file in memory, BOM first: for HTTP downloads.</summary>
    public static byte[] ToBytes(IEnumerable<string?> header, IEnumerable<IEnumerable<string?>> rows)
    {
        var text = new StringBuilder(Row(header));
        foreach (var row in rows)
            text.Append(Row(row));
        return [.. Utf8WithBom.GetPreamble(), .. Utf8WithBom.GetBytes(text.ToString())];
    }

    /// <summary>One record, CRLF-terminated.</summary>
    public static string Row(IEnumerable<string?> fields) => string.Join(',', fields.Select(Field)) + "\r\n";

    /// <summary>One field, neutralised and quoted as needed; null is the empty field.</summary>
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return "";
        if (IsFormula(value))
            value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>Whether a spreadsheet could read the value as a formula.</summary>
    public static bool IsFormula(string value)
    {
        if (value.Length == 0)
            return false;
        if (FormulaStarts.Contains(value[0], StringComparison.Ordinal))
            return true;
        var trimmed = value.AsSpan().TrimStart();
        return trimmed.Length < value.Length && trimmed.Length > 0 && FormulaStarts.Contains(trimmed[0]);
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    public void Dispose() => _writer.Dispose();
}
