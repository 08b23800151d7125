using System.Globalization;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Exchange;

/// <summary>
/// Takes a CTDC file in as aggregate reference data (<see cref="CtdcReferenceCount"/>), never as cases. Each row is read on
/// its own: a malformed row is rejected and reported by line and column, the rest go on. Missing values (<c>-99</c>, the
/// unknown country <c>00</c>) are missing, not odd. The type-of-exploitation flags are trusted; a label of
/// typeOfExploitConcatenated that disagrees with them is reported and the row kept. The same file (same SHA-256) again adds nothing.
/// </summary>
public sealed class CtdcImporter(AriadneDbContext db, AuditedWrites writes, TimeProvider time)
{
    /// <summary>One row's categories, as counted.</summary>
    public sealed record Row(int? Year, string? Sex, string? AgeBand, string? Majority, string? Citizenship, string? Country, string? Exploitation);

    private static readonly string[] Sources = ["Case Management", "Hotline"];

    public async Task<ImportResult> ImportAsync(byte[] file, CancellationToken ct = default)
    {
        var parsed = ExchangeCsv.Read(file);
        var problems = new List<Problem>();
        if (parsed.Header is null)
        {
            problems.Add(new Problem(1, null, "the file is empty: no header", false));
            return new ImportResult(0, 0, 0, 0, problems, false, true);
        }
        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < parsed.Header.Count; i++)
            positions.TryAdd(parsed.Header[i].Trim(), i);
        var absent = CtdcFormat.Columns.Where(c => !positions.ContainsKey(c)).ToList();
        if (absent.Count > 0)
        {
            foreach (var column in absent)
                problems.Add(new Problem(1, column, "missing from the header", false));
            problems.AddRange(parsed.Rows.Select(r => new Problem(r.Line, null, "not read: the header is not CTDC's", true)));
            return new ImportResult(parsed.Rows.Count, 0, parsed.Rows.Count, 0, problems, false, true);
        }

        var counts = new Dictionary<Row, int>();
        var imported = 0;
        foreach (var (line, text) in parsed.Rows)
        {
            var row = ParseRow(line, text, parsed.Header.Count, positions, problems);
            if (row is null)
                continue;
            imported++;
            counts[row] = counts.GetValueOrDefault(row) + 1;
        }
        var rejected = parsed.Rows.Count - imported;

        var duplicate = await writes.RunAsync<bool>(null, async ct =>
        {
            var earlier = await db.Set<CtdcImport>().AsNoTracking().FirstOrDefaultAsync(i => i.Sha256 == parsed.Sha256, ct);
            if (earlier is not null)
                return new Audited<bool>(true, new AuditRecord(ExchangeAudit.CtdcImported, AuditOutcome.Denied,
                    TargetType: ExchangeAudit.CtdcImport, TargetId: earlier.Id, Purpose: ExchangeAudit.AlreadyImported));
            var import = new CtdcImport
            {
                Sha256 = parsed.Sha256,
                ImportedAt = time.GetUtcNow(),
                DataRows = parsed.Rows.Count,
                Imported = imported,
                Rejected = rejected,
                Warnings = problems.Count(p => !p.Rejects),
            };
            db.Add(import);
            db.AddRange(counts.Select(c => new CtdcReferenceCount
            {
                ImportId = import.Id,
                Year = c.Key.Year,
                Sex = c.Key.Sex,
                AgeBand = c.Key.AgeBand,
                Majority = c.Key.Majority,
                Citizenship = c.Key.Citizenship,
                Country = c.Key.Country,
                Exploitation = c.Key.Exploitation,
                Count = c.Value,
            }));
            return new Audited<bool>(false, new AuditRecord(ExchangeAudit.CtdcImported, TargetType: ExchangeAudit.CtdcImport, TargetId: import.Id,
                Purpose: ExchangeAudit.ReferenceData));
        }, ct);
        return duplicate
            ? new ImportResult(parsed.Rows.Count, 0, 0, parsed.Rows.Count, [], true, false)
            : new ImportResult(parsed.Rows.Count, imported, rejected, 0, problems, false, false);
    }

    /// <summary>One data row's categories, or null (rejected) with its problems added.</summary>
    public static Row? ParseRow(int line, string text, int columns, IReadOnlyDictionary<string, int> positions, List<Problem> problems)
    {
        var fields = ExchangeCsv.Split(text);
        if (fields is null)
        {
            problems.Add(new Problem(line, null, "a quoted field is not closed", true));
            return null;
        }
        if (fields.Count != columns)
        {
            problems.Add(new Problem(line, null, $"{fields.Count} columns where the header has {columns}", true));
            return null;
        }
        var before = problems.Count;
        string Value(string column) => fields[positions[column]].Trim();
        void Odd(string column, string what, bool rejects) => problems.Add(new Problem(line, column, what, rejects));

        int? year = null;
        var yearText = Value("yearOfRegistration");
        if (yearText != CtdcFormat.Missing)
        {
            if (int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1990 and <= 2100)
                year = y;
            else
                Odd("yearOfRegistration", "not a year", true);
        }
        string? Coded(string column, IReadOnlyDictionary<string, string> codes, string what)
        {
            var value = Value(column);
            if (value == CtdcFormat.Missing)
                return null;
            if (codes.TryGetValue(value, out var code))
                return code;
            Odd(column, what, true);
            return null;
        }
        var sex = Coded("gender", CtdcFormat.Genders, "not a CTDC gender");
        var majority = Coded("majorityStatus", CtdcFormat.Majorities, "not Adult or Minor");
        string? band = null;
        var ageText = Value("ageBroad");
        if (ageText != CtdcFormat.Missing)
        {
            band = CtdcFormat.AgeBand(ageText);
            if (band is null)
                Odd("ageBroad", "not a CTDC age band", true);
        }
        if (band is not null && majority is not null && (majority == "minor") != Platform.Statistics.StatCodes.IsChild(band))
            Odd("majorityStatus", "disagrees with ageBroad; both kept", false);
        foreach (var column in (string[])["majorityStatusAtExploit", "majorityEntry"])
            if (Value(column) is var v && v != CtdcFormat.Missing && !CtdcFormat.Majorities.ContainsKey(v))
                Odd(column, "not Adult or Minor", false);
        string? Country(string column)
        {
            var value = Value(column);
            if (value is CtdcFormat.Missing or CtdcFormat.UnknownCountry)
                return null;
            var code = value.Length == 2 ? IsoCountries.Alpha3(value) : null;
            if (code is null)
                Odd(column, "not an ISO 3166 alpha-2 country code", true);
            return code;
        }
        var citizenship = Country("citizenship");
        var country = Country("CountryOfExploitation");
        if (Value("Datasource") is var source && source != CtdcFormat.Missing && !Sources.Contains(source, StringComparer.OrdinalIgnoreCase))
            Odd("Datasource", "not a CTDC data source", false);

        var exploitColumns = CtdcFormat.ExploitFlags.Select(f => f.Column).ToHashSet(StringComparer.Ordinal);
        foreach (var column in CtdcFormat.Columns.Where(CtdcFormat.IsFlag))
            if (Value(column) is not ("1" or "0" or CtdcFormat.Missing))
                Odd(column, "not 1, 0 or -99", exploitColumns.Contains(column));

        var set = CtdcFormat.ExploitFlags.Where(f => Value(f.Column) == "1").ToList();
        var forms = CtdcFormat.JoinForms(set.SelectMany(f => f.Forms));
        var labelText = Value("typeOfExploitConcatenated");
        if (labelText != CtdcFormat.Missing)
        {
            var labels = labelText.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var known = labels.Select(l => CtdcFormat.ExploitFlags.FirstOrDefault(f => string.Equals(f.Label, l, StringComparison.OrdinalIgnoreCase)).Column).ToList();
            if (known.Any(c => c is null))
                Odd("typeOfExploitConcatenated", "a label that is not a CTDC type of exploitation; the flags are trusted", false);
            else if (!known.ToHashSet().SetEquals(set.Select(f => f.Column)))
                Odd("typeOfExploitConcatenated", "the labels disagree with the type-of-exploitation flags; the flags are trusted", false);
        }
        else if (set.Count > 0)
            Odd("typeOfExploitConcatenated", "missing while a type-of-exploitation flag is set; the flags are trusted", false);

        if (problems.Skip(before).Any(p => p.Rejects))
            return null;
        return new Row(year, sex, band, majority, citizenship, country, forms);
    }
}
