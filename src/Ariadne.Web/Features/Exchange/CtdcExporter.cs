using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Statistics;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Exchange;

/// <summary>
/// Writes the CTDC 63-column file from the statistics' victim facts: one record per presumed or identified victim (CTDC
/// counts the victims and presumed victims its contributors registered; a "not a victim" decision is left out), k-anonymised
/// by <see cref="KAnonymity"/>. Only the quasi-identifiers and the type of exploitation are known to the facts; every
/// other column (means of control, recruiter, types of labour and sex but those a form implies) is CTDC's missing, -99.
/// </summary>
public sealed class CtdcExporter(AriadneDbContext db, AuditTrail audit)
{
    public const int DefaultK = 11;

    public static readonly string[] Stages = ["presumed", "identified"];

    public sealed record Result(int Exported, int Records, int K, int Suppressed);

    public async Task<Result> ExportAsync(Stream output, int k, int? year, CancellationToken ct = default)
    {
        var facts = db.Set<StatFact>().AsNoTracking().Where(f => f.Subject == StatSubject.Victim && f.Stage != null && Stages.Contains(f.Stage));
        if (year is { } y)
        {
            DateOnly from = new(y, 1, 1), to = new(y + 1, 1, 1);
            facts = facts.Where(f => f.Month >= from && f.Month < to);
        }
        var rows = await facts.Select(f => new { f.Month, f.Sex, f.AgeBand, f.Citizenship, f.Country, f.Exploitation }).ToListAsync(ct);
        var records = rows.Select(f => new KAnonymity.Record(
                f.Month.Year,
                f.Sex is StatCodes.Female or StatCodes.Male ? f.Sex : null, // CTDC publishes Female and Male only
                f.AgeBand is not null && StatCodes.AgeBands.Contains(f.AgeBand) ? f.AgeBand : null,
                f.AgeBand is null || !StatCodes.AgeBands.Contains(f.AgeBand) ? null : StatCodes.IsChild(f.AgeBand) ? "minor" : "adult",
                IsoCountries.Alpha2(f.Citizenship) is null ? null : f.Citizenship,
                IsoCountries.Alpha2(f.Country) is null ? null : f.Country,
                f.Exploitation is not null && StatCodes.ExploitationForms.Contains(f.Exploitation) ? f.Exploitation : null))
            .OrderBy(r => r.Year).ThenBy(r => r.Sex).ThenBy(r => r.AgeBand).ThenBy(r => r.Citizenship).ThenBy(r => r.Country).ThenBy(r => r.Exploitation)
            .ToList();
        var (released, suppressed, _) = KAnonymity.Anonymise(records, k);

        await using (var writer = new StreamWriter(output, new System.Text.UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" })
        {
            await writer.WriteLineAsync(string.Join(',', CtdcFormat.Columns));
            foreach (var r in released)
                await writer.WriteLineAsync(ExchangeCsv.Join(Line(r)));
        }
        await audit.RecordAsync(new AuditRecord(ExchangeAudit.CtdcExported, Purpose: ExchangeAudit.CtdcContribution), ct);
        return new Result(released.Count, records.Count, k, suppressed);
    }

    /// <summary>One record in CTDC's 63 columns.</summary>
    public static string[] Line(KAnonymity.Record r)
    {
        var line = Enumerable.Repeat(CtdcFormat.Missing, CtdcFormat.Columns.Count).ToArray();
        void Set(string column, string value) => line[CtdcFormat.Index(column)] = value;
        if (r.Year is { } year)
            Set("yearOfRegistration", year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Set("Datasource", "Case Management");
        if (CtdcFormat.Genders.FirstOrDefault(g => g.Value == r.Sex).Key is { } gender)
            Set("gender", gender);
        if (r.AgeBand is not null)
            Set("ageBroad", CtdcFormat.AgeBroad(r.AgeBand));
        if (r.Majority is not null)
            Set("majorityStatus", r.Majority == "minor" ? "Minor" : "Adult");
        if (IsoCountries.Alpha2(r.Citizenship) is { } citizenship)
            Set("citizenship", citizenship);
        if (IsoCountries.Alpha2(r.Country) is { } country)
            Set("CountryOfExploitation", country);
        if (r.Exploitation is { } form)
        {
            foreach (var flag in CtdcFormat.ExploitFlags)
                Set(flag.Column, "0");
            var column = CtdcFormat.FlagOf(form);
            Set(column, "1");
            Set("typeOfExploitConcatenated", CtdcFormat.ExploitFlags.First(f => f.Column == column).Label);
            if (CtdcFormat.LabourFlagOf(form) is { } labour)
            {
                Set(labour, "1");
                Set("typeOfLabourConcatenated", labour == "typeOfLabourBegging" ? "Begging" : "Illicit activities");
            }
        }
        return line;
    }
}
