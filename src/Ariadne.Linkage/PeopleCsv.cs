using System.Globalization;
using System.Text;

namespace Ariadne.Linkage;

/// <summary>A file that cannot be read at all (no header, no id column, unknown column in the mapping).</summary>
public sealed class LinkageInputException(string message) : Exception(message);

/// <summary>
/// Reads registers as CSV (UTF-8 with or without a BOM, header row, RFC 4180 quoting; output goes through <see cref="CsvWriter"/>). The native columns are
/// <c>id,given_name,surname,patronymic,sex,date_of_birth,citizenship,document_number,phone</c>; a
/// mapping renames other headers onto them (<c>given_name=first_name,id=rec_id</c>). Values are trimmed.
/// A bad row is reported with its line number and skipped; the run goes on.
/// </summary>
public static class PeopleCsv
{
    public static readonly string[] NativeColumns = ["id", "given_name", "surname", "patronymic", "sex", "date_of_birth", "citizenship", "document_number", "phone", "address"];

    /// <summary>Parses "native=source,native=source"; a source may join several columns with '+' (address=street+suburb+postcode).</summary>
    public static IReadOnlyDictionary<string, string> ParseMapping(string? mapping)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in (mapping ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pieces.Length != 2 || pieces[0].Length == 0 || pieces[1].Length == 0)
                throw new LinkageInputException($"--columns: '{part}' is not native=source");
            if (!NativeColumns.Contains(pieces[0], StringComparer.OrdinalIgnoreCase))
                throw new LinkageInputException($"--columns: '{pieces[0]}' is not a native column ({string.Join(',', NativeColumns)})");
            result[pieces[0]] = pieces[1];
        }
        return result;
    }

    public static List<PersonRecord> Read(TextReader reader, IReadOnlyDictionary<string, string>? mapping, Action<long, string> badRow)
    {
        var header = ReadRow(reader, out _, out _) ?? throw new LinkageInputException("the file is empty: a header row is required");
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
            index.TryAdd(header[i].Trim().TrimStart('\uFEFF'), i);
        var positions = new int[NativeColumns.Length][];
        for (var c = 0; c < NativeColumns.Length; c++)
        {
            var sources = (mapping?.GetValueOrDefault(NativeColumns[c]) ?? NativeColumns[c]).Split('+', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var found = sources.Select(source => index.TryGetValue(source, out var position) ? position : -1).ToArray();
            if (mapping?.ContainsKey(NativeColumns[c]) == true && found.Any(p => p < 0))
                throw new LinkageInputException($"the column '{sources[Array.IndexOf(found, -1)]}' mapped to {NativeColumns[c]} is not in the header");
            positions[c] = found.Where(p => p >= 0).ToArray();
        }
        if (positions[0].Length == 0)
            throw new LinkageInputException("the header has no id column (map one with --columns id=...)");
        if (positions.Skip(1).All(p => p.Length == 0))
            throw new LinkageInputException("the header has none of the native columns; map them with --columns");

        var people = new List<PersonRecord>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long line = 1;
        while (ReadRow(reader, out var lines, out var broken) is { } row)
        {
            var first = line + 1;
            line += lines;
            if (broken)
            {
                badRow(first, $"a quote is not closed; lines {first} to {line} were skipped");
                continue;
            }
            if (row.Count == 1 && row[0].Length == 0)
                continue; // an empty line
            if (row.Count != header.Count)
            {
                badRow(line, $"{row.Count} fields where the header has {header.Count}");
                continue;
            }
            string? Field(int c) => string.Join(' ', positions[c].Select(p => row[p].Trim()).Where(v => v.Length > 0)) is { Length: > 0 } v ? v : null;
            var id = Field(0);
            if (id is null)
            {
                badRow(line, "no id");
                continue;
            }
            if (!seen.Add(id))
            {
                badRow(line, "the id appears twice");
                continue;
            }
            if (Field(5) is { } birth && Similarity.ParseDate(birth) == 0)
                badRow(line, "date_of_birth is not a date; compared as missing");
            people.Add(new PersonRecord(id, Field(1), Field(2), Field(3), Field(4), Field(5), Field(6), Field(7), Field(8), Field(9)));
        }
        return people;
    }

    /// <summary>A quoted field may span at most this many lines; beyond, the row is broken (an unclosed quote).</summary>
    private const int MaxQuotedLines = 20;

    /// <summary>One CSV row (quoted fields may span lines); null at the end.</summary>
    private static List<string>? ReadRow(TextReader reader, out int lines, out bool broken)
    {
        lines = 0;
        broken = false;
        var first = reader.ReadLine();
        if (first is null)
            return null;
        lines = 1;
        var fields = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        var text = first;
        var i = 0;
        while (true)
        {
            if (i == text.Length)
            {
                if (!quoted)
                    break;
                if (lines >= MaxQuotedLines)
                {
                    broken = true;
                    break;
                }
                var next = reader.ReadLine();
                if (next is null)
                {
                    broken = true; // the file ends inside a quote
                    break;
                }
                lines++;
                current.Append('\n');
                text = next;
                i = 0;
                continue;
            }
            var c = text[i++];
            if (quoted)
            {
                if (c == '"' && i < text.Length && text[i] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                    quoted = false;
                else
                    current.Append(c);
            }
            else if (c == '"' && current.ToString().Trim().Length == 0)
            {
                current.Clear();
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
                current.Append(c);
        }
        fields.Add(current.ToString());
        return fields;
    }

    public static string Format(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
