using System.Security.Cryptography;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Features.Identification;
using Ariadne.Web.Features.Referrals;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Exchange;

/// <summary>
/// The HTCDS export: one pseudonymised row per protection case (<see cref="HtcdsFormat"/>). The people are opened in bulk
/// with their data keys (an erased person's fields stay empty); the forms of exploitation come from the referrals that
/// became the case and, for a case an HTCDS import made, from what that import carried. Nothing of the free text, the
/// names, documents, phones or addresses is read into the file. The export is one audited event (the operator's command).
/// </summary>
public sealed class HtcdsExporter(AriadneDbContext db, DataKeys dataKeys, KeyRing keys, PersonVault vault, AuditTrail audit)
{
    /// <summary>The keyed pseudonym of a case: HMAC-SHA256 of its id under a key derived from the key ring (never stored), 128 bits in hex.</summary>
    public string Pseudonym(Guid caseId)
    {
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, keys.BlindIndexKey, 32, info: "ariadne/htcds-pseudonym/v1"u8.ToArray());
        return "HT-" + Convert.ToHexStringLower(HMACSHA256.HashData(key, caseId.ToByteArray())[..16]);
    }

    public async Task<int> ExportAsync(Stream output, CancellationToken ct = default)
    {
        var rows = await RowsAsync(ct);
        await using (var writer = new StreamWriter(output, new System.Text.UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" })
        {
            await writer.WriteLineAsync(string.Join(',', HtcdsFormat.Columns));
            foreach (var row in rows)
                await writer.WriteLineAsync(ExchangeCsv.Join(row.Fields()));
        }
        await audit.RecordAsync(new AuditRecord(ExchangeAudit.HtcdsExported, TargetType: ExchangeAudit.HtcdsFile, Purpose: ExchangeAudit.HtcdsExchange), ct);
        return rows.Count;
    }

    /// <summary>Every case's row, ordered by pseudonym.</summary>
    public async Task<List<HtcdsFormat.Row>> RowsAsync(CancellationToken ct = default)
    {
        var cases = await db.Cases.AsNoTracking().Include(c => c.Person).ToListAsync(ct);
        var links = await db.Set<HtcdsCaseLink>().AsNoTracking().ToDictionaryAsync(l => l.CaseId, ct);
        var decisions = (await db.Set<IdentificationDecision>().AsNoTracking()
                .Select(d => new { d.CaseId, d.Body, d.DecidedOn, d.RecordedAt }).ToListAsync(ct))
            .GroupBy(d => d.CaseId).ToDictionary(g => g.Key, g => g.OrderByDescending(d => d.RecordedAt).First());
        var forms = new Dictionary<Guid, HashSet<string>>();
        var referrals = await db.Set<Referral>().AsNoTracking().Where(r => r.CaseId != null)
            .Select(r => new { r.Id, r.CaseId, r.DataKeyId, r.ContentEnc }).ToListAsync(ct);
        var referralKeys = await dataKeys.UnwrapManyAsync(referrals.Select(r => r.DataKeyId).Distinct(), ct);
        foreach (var r in referrals)
            if (referralKeys.TryGetValue(r.DataKeyId, out var key))
            {
                var content = ReferralVault.OpenContent(db, r.Id, r.ContentEnc, r.DataKeyId, key);
                var set = forms.TryGetValue(r.CaseId!.Value, out var s) ? s : forms[r.CaseId!.Value] = [];
                set.UnionWith(content.Exploitation.Where(HtcdsFormat.Exploitation.ContainsKey));
            }
        var personKeys = await dataKeys.UnwrapManyAsync(cases.Select(c => c.Person!.DataKeyId).Distinct(), ct);

        var rows = new List<HtcdsFormat.Row>(cases.Count);
        foreach (var c in cases)
        {
            PersonRecord? person = personKeys.TryGetValue(c.Person!.DataKeyId, out var key) ? vault.Open(c.Person, key) : null;
            links.TryGetValue(c.Id, out var link);
            decisions.TryGetValue(c.Id, out var decision);
            var caseForms = forms.GetValueOrDefault(c.Id) ?? [];
            if (link?.Exploitation is { } carried)
                caseForms.UnionWith(carried.Split(';'));
            DecidingBody? body = decision?.Body ?? (link?.IdentifiedBy is { } named && HtcdsFormat.TryEnum<DecidingBody>(named, out var b) ? b : null);
            rows.Add(new HtcdsFormat.Row(
                link?.Pseudonym ?? Pseudonym(c.Id),
                c.Status,
                CaseStatuses.IsClosed(c.Status) ? c.ClosureOutcome : null,
                person?.Sex is { } sex && HtcdsFormat.Genders.ContainsKey(sex) ? sex : null,
                BirthYear(person?.DateOfBirth),
                person?.Citizenship is { } citizenship && IsoCountries.Alpha2(citizenship) is not null ? citizenship.Trim().ToUpperInvariant() : null,
                c.IsMinor,
                c.TraffickingStatus,
                body,
                decision?.DecidedOn.Year ?? link?.IdentificationYear,
                Platform.Statistics.StatCodes.ExploitationForms.Where(caseForms.Contains) is var ordered && ordered.Any() ? string.Join(';', ordered) : null));
        }
        return [.. rows.OrderBy(r => r.Pseudonym, StringComparer.Ordinal)];
    }

    /// <summary>The year of a date of birth written yyyy-MM-dd or yyyy (what an HTCDS import stores), or null.</summary>
    public static int? BirthYear(string? dateOfBirth) =>
        dateOfBirth is { Length: >= 4 } d && int.TryParse(d.AsSpan(0, 4), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year)
            && (d.Length == 4 || d[4] == '-') ? year : null;
}
