using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Protection;

/// <summary>
/// Consent per purpose and recipient: recorded by the case's investigator, withdrawn (never deleted);
/// withdrawing ends the open onward referrals to that recipient and revokes their grants in the same transaction.
/// </summary>
public sealed class ConsentService(
    AriadneDbContext db, CaseAccess access, OnwardService onward, AuditedWrites writes, AuditTrail audit, TimeProvider time, Platform.Ui.UiTime uiTime, IStringLocalizer<SharedResource> text)
{
    public sealed class ConsentInput
    {
        /// <summary>One consent step may cover several purposes: one consent is recorded for each.</summary>
        public List<ConsentPurpose> Purposes { get; set; } = [];
        /// <summary>One purpose, for callers that record one at a time; added to <see cref="Purposes"/>.</summary>
        public ConsentPurpose? Purpose { get; set; }
        public Guid? RecipientInstitutionId { get; set; }
        public ConsentForm? Form { get; set; }
        public DateOnly? GivenOn { get; set; }
    }

    public async Task<Dictionary<string, string[]>?> RecordConsentAsync(Viewer viewer, Guid caseId, ConsentInput input, CancellationToken ct = default)
    {
        var rights = await access.RightsAsync(viewer, caseId, ct);
        if (rights is null)
        {
            await audit.RecordAsync(AuditRecords.CaseDenied(viewer, caseId, ProtectionAudit.RecordConsent), ct);
            return null;
        }
        var errors = new Dictionary<string, string[]>();
        if (rights.IsBreakGlass || !rights.CanWrite(DataClass.Status) || !await access.ManagesAsync(viewer, caseId, ct))
        {
            errors[string.Empty] = [text["Case_NotWritable"]];
            return errors;
        }
        var purposes = input.Purposes.Concat(input.Purpose is { } one ? [one] : []).Distinct().ToList();
        if (purposes.Count == 0 || purposes.Any(p => !Enum.IsDefined(p)))
            errors[nameof(ConsentInput.Purposes)] = [text["Validation_Choose"]];
        if (input.Form is not { } form || !Enum.IsDefined(form))
            errors[nameof(ConsentInput.Form)] = [text["Validation_Choose"]];
        if (input.RecipientInstitutionId is not { } recipient || !await db.Institutions.AnyAsync(i => i.Id == recipient && i.IsActive, ct))
            errors[nameof(ConsentInput.RecipientInstitutionId)] = [text["Consent_RecipientRequired"]];
        // The day as the person and the form see it: the deployment's time zone (Baku is UTC+4, so from 20:00 UTC it is tomorrow).
        var today = uiTime.Today;
        if (input.GivenOn is not { } on || on > today || on < today.AddYears(-2))
            errors[nameof(ConsentInput.GivenOn)] = [text["Consent_DateInvalid"]];
        if (errors.Count > 0)
            return errors;
        // A purpose already consented (and not withdrawn) for this recipient is not recorded twice.
        var held = await db.Consents.Where(x => x.CaseId == caseId && x.RecipientInstitutionId == input.RecipientInstitutionId && x.WithdrawnAt == null)
            .Select(x => x.Purpose).ToListAsync(ct);
        var missing = purposes.Where(p => !held.Contains(p)).ToList();
        if (missing.Count == 0)
            return errors;
        await writes.RunAsync(viewer, async ct =>
        {
            var recorded = new List<Consent>();
            foreach (var purpose in missing)
            {
                var consent = new Consent
                {
                    CaseId = caseId,
                    Purpose = purpose,
                    RecipientInstitutionId = input.RecipientInstitutionId!.Value,
                    Form = input.Form!.Value,
                    GivenOn = input.GivenOn!.Value,
                    RecordedAt = time.GetUtcNow(),
                    RecordedBy = viewer.UserId,
                };
                db.Consents.Add(consent);
                recorded.Add(consent);
            }
            await db.SaveChangesAsync(ct);
            // One audit record per consent: the first is the transaction's own, the others are appended to it.
            foreach (var consent in recorded.Skip(1))
                await audit.AppendAsync(new AuditRecord(ProtectionAudit.ConsentRecorded, ActorUserId: viewer.UserId, ActorInstitutionId: viewer.InstitutionId,
                    TargetType: ProtectionAudit.Consent, TargetId: consent.Id, CaseId: caseId, Relation: rights.Through,
                    Purpose: ProtectionAudit.RecordConsent.For(consent.Purpose)), ct);
            var first = recorded[0];
            return new Audited<bool>(true, new AuditRecord(ProtectionAudit.ConsentRecorded, TargetType: ProtectionAudit.Consent, TargetId: first.Id,
                CaseId: caseId, Relation: rights.Through, Purpose: ProtectionAudit.RecordConsent.For(first.Purpose)));
        }, ct);
        return errors;
    }

    /// <summary>Withdraws a consent; onward referrals to that recipient end and their grants are revoked in the same transaction.</summary>
    public async Task<bool> WithdrawConsentAsync(Viewer viewer, Guid caseId, Guid consentId, CancellationToken ct = default)
    {
        var rights = await access.RightsAsync(viewer, caseId, ct);
        if (rights is null)
        {
            await audit.RecordAsync(AuditRecords.CaseDenied(viewer, caseId, ProtectionAudit.WithdrawConsent), ct);
            return false;
        }
        if (rights.IsBreakGlass || !rights.CanWrite(DataClass.Status) || !await access.ManagesAsync(viewer, caseId, ct))
            return false;
        // An onward referral answered at the same moment changes its status token: read again and retry once.
        for (var attempt = 0; ; attempt++)
        {
            var consent = await db.Consents.FirstOrDefaultAsync(x => x.Id == consentId && x.CaseId == caseId && x.WithdrawnAt == null, ct);
            if (consent is null)
                return false;
            try
            {
                return await writes.RunAsync(viewer, async ct =>
                {
                    var now = time.GetUtcNow();
                    consent.WithdrawnAt = now;
                    consent.WithdrawnBy = viewer.UserId;
                    var affected = await db.OnwardReferrals.Where(o => o.CaseId == caseId && o.RecipientInstitutionId == consent.RecipientInstitutionId
                        && (o.Status == OnwardStatus.Pending || o.Status == OnwardStatus.Accepted)).ToListAsync(ct);
                    foreach (var o in affected)
                        await onward.EndAsync(o, OnwardStatus.Withdrawn, viewer, now, ct);
                    await db.SaveChangesAsync(ct);
                    return new Audited<bool>(true, new AuditRecord(ProtectionAudit.ConsentWithdrawn, TargetType: ProtectionAudit.Consent, TargetId: consent.Id,
                        CaseId: caseId, Relation: rights.Through, Purpose: ProtectionAudit.WithdrawConsent.For(consent.Purpose)));
                }, ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt == 0)
            {
                db.ChangeTracker.Clear();
            }
        }
    }
}
