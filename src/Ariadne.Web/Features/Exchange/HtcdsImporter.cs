using System.Globalization;
using System.Text.RegularExpressions;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Features.Identification;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Exchange;

/// <summary>
/// The HTCDS import: each row becomes a protection case under the given institution, opened through
/// <see cref="CaseService"/> (encrypted, granted and audited as any case), its person holding only what HTCDS carried
/// (sex, year of birth, citizenship); the trafficking status is set on the case, and what a case has no field for (forms of
/// exploitation, who identified and when) is kept on its <see cref="HtcdsCaseLink"/>. A row whose pseudonym is known already
/// makes nothing; an odd value is reported by line and field and its row rejected.
/// </summary>
public sealed partial class HtcdsImporter(AriadneDbContext db, CaseService cases, AuditedWrites writes, UserManager<AriadneUser> users, TimeProvider time)
{
    public sealed record Target(Viewer Viewer, string? Problem);

    [GeneratedRegex("^[A-Za-z0-9-]{8,64}$")]
    private static partial Regex PseudonymShape();

    /// <summary>
    /// Who opens the cases: the named user, or the institution's first active case worker (a role that opens cases) by user
    /// name; the case's investigator grant goes to them and the institution's supervision grant to the institution.
    /// </summary>
    public async Task<Target> TargetAsync(string institutionCode, string? userName, CancellationToken ct = default)
    {
        var institution = await db.Institutions.AsNoTracking().FirstOrDefaultAsync(i => i.Code == institutionCode.Trim(), ct);
        if (institution is null)
            return new Target(null!, "no institution has that code");
        var candidates = await db.Users.AsNoTracking().Where(u => u.InstitutionId == institution.Id && !u.IsDisabled)
            .OrderBy(u => u.UserName).ToListAsync(ct);
        foreach (var user in candidates.Where(u => userName is null || string.Equals(u.UserName, userName.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            var roles = await users.GetRolesAsync(user);
            if (roles.Any(CaseService.CreatorRoles.Contains))
                return new Target(new Viewer(user.Id, institution.Id, AccessMatrix.RelationsFor(roles)), null);
        }
        return new Target(null!, userName is null ? "the institution has no active user who opens cases" : "that user is not an active case worker of the institution");
    }

    public async Task<ImportResult> ImportAsync(Viewer viewer, byte[] file, CancellationToken ct = default)
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
        var absent = HtcdsFormat.Columns.Where(c => !positions.ContainsKey(c)).ToList();
        if (absent.Count > 0)
        {
            problems.AddRange(absent.Select(c => new Problem(1, c, "missing from the header", false)));
            problems.AddRange(parsed.Rows.Select(r => new Problem(r.Line, null, "not read: the header is not HTCDS's", true)));
            return new ImportResult(parsed.Rows.Count, 0, parsed.Rows.Count, 0, problems, false, true);
        }

        var known = (await db.Set<HtcdsCaseLink>().AsNoTracking().Select(l => l.Pseudonym).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int imported = 0, rejected = 0, already = 0;
        foreach (var (line, text) in parsed.Rows)
        {
            var row = ParseRow(line, text, parsed.Header.Count, positions, problems);
            if (row is null || !seen.Add(row.Pseudonym))
            {
                if (row is not null)
                    problems.Add(new Problem(line, "cas_Pseudonym", "the same pseudonym on an earlier line of the file", true));
                rejected++;
                continue;
            }
            if (known.Contains(row.Pseudonym))
            {
                already++;
                continue;
            }
            await CreateAsync(viewer, row, ct);
            imported++;
        }
        return new ImportResult(parsed.Rows.Count, imported, rejected, already, problems, false, false);
    }

    /// <summary>One case, its status and its link in one audited transaction (the case's own creation event with it).</summary>
    private Task<bool> CreateAsync(Viewer viewer, HtcdsFormat.Row row, CancellationToken ct) =>
        writes.RunSerializedAsync(viewer, async ct =>
        {
            var view = await cases.CreateAsync(viewer, new CaseInput
            {
                Sex = row.Sex,
                DateOfBirth = row.BirthYear?.ToString(CultureInfo.InvariantCulture),
                Citizenship = row.Nationality,
                IsMinor = row.IsMinor,
                Status = row.Status,
                ClosureOutcome = row.Closure,
            }, ct);
            var c = await db.Cases.FirstAsync(x => x.Id == view.Id, ct);
            c.TraffickingStatus = row.TraffickingStatus;
            db.Add(new HtcdsCaseLink
            {
                Pseudonym = row.Pseudonym,
                CaseId = c.Id,
                InstitutionId = viewer.InstitutionId,
                ImportedAt = time.GetUtcNow(),
                Exploitation = row.Exploitation,
                IdentifiedBy = row.IdentifiedBy?.ToString(),
                IdentificationYear = row.IdentificationYear,
            });
            return new Audited<bool>(true, new AuditRecord(ExchangeAudit.HtcdsImported, TargetType: AuditTarget.Case, TargetId: c.Id, CaseId: c.Id,
                Purpose: ExchangeAudit.HtcdsExchange));
        }, ct);

    /// <summary>One row, or null (rejected) with its problems added.</summary>
    public static HtcdsFormat.Row? ParseRow(int line, string text, int columns, IReadOnlyDictionary<string, int> positions, List<Problem> problems)
    {
        var fields = ExchangeCsv.Split(text);
        if (fields is null)
        {
            problems.Add(new Problem(line, null, "a quoted field is not closed", true));
            return null;
        }
        if (fields.Count != columns)
        {
            problems.Add(new Problem(line, null, $"{fields.Count} fields where the header has {columns}", true));
            return null;
        }
        var before = problems.Count;
        string Value(string column) => fields[positions[column]].Trim();
        void Odd(string column, string what) => problems.Add(new Problem(line, column, what, true));
        T? Pick<T>(string column, bool required) where T : struct, System.Enum
        {
            var value = Value(column);
            if (value.Length == 0)
            {
                if (required)
                    Odd(column, "missing");
                return null;
            }
            if (HtcdsFormat.TryEnum<T>(value, out var parsed))
                return parsed;
            Odd(column, "not one of the field's values");
            return null;
        }
        int? Year(string column)
        {
            var value = Value(column);
            if (value.Length == 0)
                return null;
            if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1900 and <= 2100)
                return year;
            Odd(column, "not a year");
            return null;
        }

        var pseudonym = Value("cas_Pseudonym");
        if (!PseudonymShape().IsMatch(pseudonym))
            Odd("cas_Pseudonym", "not a pseudonym (8 to 64 letters, digits or hyphens)");
        var status = Pick<CaseStatus>("cas_Status", required: true);
        var closure = Pick<CaseClosureOutcome>("cas_ReasonForCaseClosure", required: false);
        if (status is { } s && CaseStatuses.IsClosed(s) && closure is null && Value("cas_ReasonForCaseClosure").Length == 0)
            Odd("cas_ReasonForCaseClosure", "missing for a closed case");
        if (status is { } open && !CaseStatuses.IsClosed(open) && closure is not null)
            Odd("cas_ReasonForCaseClosure", "given for a case that is not closed");
        string? sex = null;
        if (Value("prs_Gender") is { Length: > 0 } gender)
        {
            sex = HtcdsFormat.Genders.FirstOrDefault(g => g.Value == gender).Key;
            if (sex is null)
                Odd("prs_Gender", "not one of the field's values");
        }
        var birthYear = Year("prs_BirthYear");
        string? nationality = null;
        if (Value("prs_Nationality") is { Length: > 0 } two)
        {
            nationality = two.Length == 2 ? IsoCountries.Alpha3(two) : null;
            if (nationality is null)
                Odd("prs_Nationality", "not an ISO 3166 alpha-2 country code");
        }
        var minor = false;
        switch (Value("vic_IsMinor").ToLowerInvariant())
        {
            case "true":
                minor = true;
                break;
            case "false" or "":
                break;
            default:
                Odd("vic_IsMinor", "not true or false");
                break;
        }
        var trafficking = Pick<TraffickingStatus>("vic_TraffickingStatus", required: false) ?? TraffickingStatus.Possible;
        var body = Pick<DecidingBody>("vic_IdentifiedBy", required: false);
        var identified = Year("vic_IdentificationYear");
        var forms = new List<string>();
        foreach (var name in Value("vic_TypeOfExploitation").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var form = HtcdsFormat.Exploitation.FirstOrDefault(e => e.Value == name).Key;
            if (form is null)
                Odd("vic_TypeOfExploitation", "a value that is not an HTCDS type of exploitation");
            else
                forms.Add(form);
        }
        if (problems.Count > before)
            return null;
        return new HtcdsFormat.Row(pseudonym, status!.Value, closure, sex, birthYear, nationality, minor, trafficking, body, identified,
            CtdcFormat.JoinForms(forms));
    }
}
