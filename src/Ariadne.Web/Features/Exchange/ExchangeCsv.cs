using System.Security.Cryptography;
using System.Text;

namespace Ariadne.Web.Features.Exchange;

/// <summary>
/// The comma-separated files of the exchange formats: read tolerantly (a UTF-8 BOM, CRLF or LF, RFC 4180 quoted fields
/// with commas and doubled quotes), each record on one physical line so that a problem is named by its line; written with
/// LF, quoting only a field that needs it.
/// </summary>
public static class ExchangeCsv
{
    /// <summary>A file's lines after its header, each with its 1-based line number (the header is line 1).</summary>
    public sealed record Parsed(string Sha256, IReadOnlyList<string>? Header, IReadOnlyList<(int Line, string Text)> Rows);

    public static Parsed Read(byte[] bytes)
    {
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var text = new UTF8Encoding(false, false).GetString(bytes);
        if (text.Length > 0 && text[0] == '\uFEFF')
            text = text[1..];
        var lines = text.Split('\n').Select(l => l.EndsWith('\r') ? l[..^1] : l).ToList();
        // Blank lines at the end of the file are not rows (a final newline, an editor's extra line).
        while (lines.Count > 0 && lines[^1].Length == 0)
            lines.RemoveAt(lines.Count - 1);
        if (lines.Count == 0)
            return new Parsed(sha, null, []);
        var header = Split(lines[0]) ?? [];
        return new Parsed(sha, header, lines.Skip(1).Select((l, i) => (i + 2, l)).ToList());
    }

    /// <summary>The fields of one line, or null when a quote is not closed on it.</summary>
    public static List<string>? Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var i = 0;
        while (i <= line.Length)
        {
            if (i == line.Length)
            {
                if (quoted)
                    return null;
                fields.Add(field.ToString());
                break;
            }
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i += 2;
                    continue;
                }
                if (c == '"')
                    quoted = false;
                else
                    field.Append(c);
            }
            else if (c == '"' && field.Length == 0)
                quoted = true;
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
                field.Append(c);
            i++;
        }
        return fields;
    }

    /// <summary>One line of fields, quoting those with a comma, a quote or a line break.</summary>
    public static string Join(IEnumerable<string?> fields) =>
        string.Join(',', fields.Select(f => f is null ? "" : f.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + f.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : f));
}
