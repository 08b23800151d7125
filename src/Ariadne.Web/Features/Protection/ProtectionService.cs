using System.Text.Json;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Protection;

/// <summary>
/// What the protection page of one case shows — its consents, onward referrals and risk assessments, and
/// what the viewer may do there — read and audited in one transaction. The changes are made by
/// <see cref="ConsentService"/>, <see cref="OnwardService"/> and <see cref="RiskService"/>.
/// </summary>
public sealed class ProtectionService(AriadneDbContext db, CaseAccess access, DataKeys dataKeys, OnwardService onwardService, AuditedWrites writes,
    IEnumerable<IReferralConsentSource> referralConsents, CaseHeaders headers)
{
    public sealed record ConsentRow(Guid Id, ConsentPurpose Purpose, string Recipient, Guid RecipientId, ConsentForm Form, DateOnly GivenOn, DateTimeOffset? WithdrawnAt);
    /// <summary>The person's consent given when they were referred (the referral the case was made from): to be referred and identified.</summary>
    public sealed record ReferralConsentRow(string ReferralNumber, DateTimeOffset ReceivedAt, string ReferringInstitution);
    public sealed record RiskRow(DateTimeOffset RecordedAt, string By, RiskContent Content);

    public sealed record State(CaseRights Rights, string Number, bool IsMinor, IReadOnlyList<ConsentRow> Consents, IReadOnlyList<OnwardService.OnwardRow> Onward,
        IReadOnlyList<RiskRow> Risks, bool CanManage, bool CanRefer, bool CanAssessRisk, IReadOnlyList<ReferralConsentRow>? FromReferrals = null,
        CaseHeader? Header = null);

    public Task<State?> ReadAsync(Viewer viewer, Guid caseId, CancellationToken ct = default) =>
        writes.RunAsync(viewer, async ct =>
        {
            var rights = await access.RightsAsync(viewer, caseId, ct);
            if (rights is null)
                return new Audited<State?>(null, AuditRecords.CaseDenied(viewer, caseId, ProtectionAudit.View));
            var c = await db.Cases.AsNoTracking().Include(x => x.Person).FirstAsync(x => x.Id == caseId, ct);
            var keyId = c.Person!.DataKeyId;
            var key = await dataKeys.UnwrapAsync(keyId, ct);
            var manages = !rights.IsBreakGlass && await access.ManagesAsync(viewer, caseId, ct);
            // The case's managers see every consent; a recipient sees only the consents given to it.
            var consents = !rights.CanRead(DataClass.Status) ? [] : (await (from x in db.Consents.AsNoTracking()
                                                                            where x.CaseId == caseId && (manages || x.RecipientInstitutionId == viewer.InstitutionId)
                                                                            join i in db.Institutions on x.RecipientInstitutionId equals i.Id
                                                                            orderby x.RecordedAt descending
                                                                            select new { x, i.Name }).ToListAsync(ct))
                .Select(r => new ConsentRow(r.x.Id, r.x.Purpose, r.Name, r.x.RecipientInstitutionId, r.x.Form, r.x.GivenOn, r.x.WithdrawnAt)).ToList();
            // Consent carried from the referral(s) the case was made from or joined: Status facts of the case, shown with the consents.
            var fromReferrals = new List<ReferralConsentRow>();
            if (rights.CanRead(DataClass.Status))
                foreach (var source in referralConsents)
                    fromReferrals.AddRange(await source.GivenForCaseAsync(caseId, ct));
            var onward = manages ? await onwardService.RowsAsync(db.OnwardReferrals.Where(o => o.CaseId == caseId), key is null ? null : (key, keyId), ct) : [];
            var risks = new List<RiskRow>();
            if (rights.CanRead(DataClass.Investigation) && key is not null)
            {
                var rows = await (from r in db.RiskAssessments.AsNoTracking()
                                  where r.CaseId == caseId
                                  join u in db.Users on r.RecordedBy equals u.Id
                                  orderby r.RecordedAt descending
                                  select new { r, u.DisplayName }).Take(20).ToListAsync(ct);
                risks = rows.Select(x => new RiskRow(x.r.RecordedAt, x.DisplayName, JsonSerializer.Deserialize<RiskContent>(
                    db.Open(x.r, r => r.ContentEnc, key, keyId) ?? "{}", RiskService.Json)!)).ToList();
            }
            var state = new State(rights, c.Number, c.IsMinor, consents, onward, risks,
                manages && rights.CanWrite(DataClass.Status), manages && key is not null,
                !rights.IsBreakGlass && rights.CanWrite(DataClass.Investigation) && key is not null, fromReferrals,
                await headers.BuildAsync(c, rights, CaseTab.Protection, ct));
            return new Audited<State?>(state, new AuditRecord(CasesAudit.CaseViewed, TargetType: AuditTarget.Case, TargetId: caseId, CaseId: caseId,
                Relation: rights.Through, Purpose: ProtectionAudit.View));
        }, ct);
}
