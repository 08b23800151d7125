using System.Text.Json;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Protection;

/// <summary>
/// Consent per purpose and recipient, onward referral to shelters, service providers and repatriation
/// partners (acceptance creates the grant; decline, completion or withdrawn consent ends it), and the
/// risk assessment. Every change is audited in its own transaction.
/// </summary>
public sealed class ProtectionService(
    AriadneDbContext db, CaseAccess access, DataKeys dataKeys, AuditTrail audit, TimeProvider time, IStringLocalizer<SharedResource> text)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The relations the Squad refers a person on to.</summary>
    public static readonly Relation[] OnwardRelations = [Relation.Shelter, Relation.ServiceProvider, Relation.RepatriationPartner];

    public sealed class ConsentInput
    {
        public ConsentPurpose? Purpose { get; set; }
        public Guid? RecipientInstitutionId { get; set; }
        public ConsentForm? Form { get; set; }
        public DateOnly? GivenOn { get; set; }
    }

    public sealed class OnwardInput
    {
        public Guid? RecipientInstitutionId { get; set; }
        public Relation? Relation { get; set; }
        public List<DataClass> Share { get; set; } = [];
        public string? Note { get; set; }
    }

    public sealed class RiskInput
    {
        public RiskLevel? Traffickers { get; set; }
        public RiskLevel? Health { get; set; }
        public RiskLevel? Retrafficking { get; set; }
        public string? Notes { get; set; }
    }

    public sealed record ConsentRow(Guid Id, ConsentPurpose Purpose, string Recipient, Guid RecipientId, ConsentForm Form, DateOnly GivenOn, DateTimeOffset? WithdrawnAt);
    public sealed record OnwardRow(Guid Id, Guid CaseId, string CaseNumber, bool Child, string Recipient, Relation Relation, DataClass Share, OnwardStatus Status,
        DateTimeOffset SentAt, DateTimeOffset? RespondedAt, string? Note);
    public sealed record RiskRow(DateTimeOffset RecordedAt, string By, RiskContent Content);

    public sealed record State(CaseRights Rights, string Number, bool IsMinor, IReadOnlyList<ConsentRow> Consents, IReadOnlyList<OnwardRow> Onward,
        IReadOnlyList<RiskRow> Risks, bool CanManage, bool CanRefer, bool CanAssessRisk);

    /// <summary>May the viewer manage consent and onward referral (which create and end grants)? The case's investigator only — supervision reads, it does not write.</summary>
    private async Task<bool> ManagesAsync(Viewer viewer, Guid caseId, CancellationToken ct) =>
        await access.ActiveGrants(viewer).AnyAsync(g => g.CaseId == caseId && g.Relation == Relation.Investigator, ct);

    /// <summary>An invisible case: audited like any denial; the caller answers 404.</summary>
    private async Task<Dictionary<string, string[]>?> DeniedAsync(Viewer viewer, Guid caseId, string purpose, CancellationToken ct)
    {
        await audit.RecordAsync(AuditRecords.CaseDenied(viewer, caseId, purpose), ct);
        return null;
    }

    public async Task<State?> ReadAsync(Viewer viewer, Guid caseId, CancellationToken ct = default) =>
        await audit.InTransactionAsync(async () =>
        {
            var rights = await access.RightsAsync(viewer, caseId, ct);
            if (rights is null)
                return ((State?)null, AuditRecords.CaseDenied(viewer, caseId, "protection.view"));
            var c = await db.Cases.AsNoTracking().Include(x => x.Person).FirstAsync(x => x.Id == caseId, ct);
            var key = await dataKeys.UnwrapAsync(c.Person!.DataKeyId, ct);
            var manages = !rights.IsBreakGlass && await ManagesAsync(viewer, caseId, ct);
            // The case's managers see every consent; a recipient sees only the consents given to it.
            var consents = !rights.CanRead(DataClass.Status) ? [] : (await (from x in db.Consents.AsNoTracking()
                                                                            where x.CaseId == caseId && (manages || x.RecipientInstitutionId == viewer.InstitutionId)
                                                                            join i in db.Institutions on x.RecipientInstitutionId equals i.Id
                                                                            orderby x.RecordedAt descending
                                                                            select new { x, i.Name }).ToListAsync(ct))
                .Select(r => new ConsentRow(r.x.Id, r.x.Purpose, r.Name, r.x.RecipientInstitutionId, r.x.Form, r.x.GivenOn, r.x.WithdrawnAt)).ToList();
            var onward = manages ? await OnwardRowsAsync(db.OnwardReferrals.Where(o => o.CaseId == caseId), key is null ? null : (key, c.Person.DataKeyId), ct) : [];
            var risks = new List<RiskRow>();
            if (rights.CanRead(DataClass.Investigation) && key is not null)
            {
                var rows = await (from r in db.RiskAssessments.AsNoTracking()
                                  where r.CaseId == caseId
                                  join u in db.Users on r.RecordedBy equals u.Id
                                  orderby r.RecordedAt descending
                                  select new { r, u.DisplayName }).Take(20).ToListAsync(ct);
                risks = rows.Select(x => new RiskRow(x.r.RecordedAt, x.DisplayName, JsonSerializer.Deserialize<RiskContent>(
                    PersonVault.Decrypt(key, c.Person.DataKeyId, "risk_assessments", nameof(RiskAssessment.ContentEnc), x.r.Id, x.r.ContentEnc) ?? "{}", Json)!)).ToList();
            }
            var state = new State(rights, c.Number, c.IsMinor, consents, onward, risks,
                manages && rights.CanWrite(DataClass.Status), manages && key is not null,
                !rights.IsBreakGlass && rights.CanWrite(DataClass.Investigation) && key is not null);
            return ((State?)state, new AuditRecord(CasesAudit.CaseViewed, ActorUserId: viewer.UserId, ActorInstitutionId: viewer.InstitutionId,
                TargetType: "case", TargetId: caseId, CaseId: caseId, Relation: rights.Through, Purpose: "protection.view"));
        }, ct);

    private async Task<List<OnwardRow>> OnwardRowsAsync(IQueryable<OnwardReferral> query, (byte[] Key, Guid KeyId)? key, CancellationToken ct)
    {
        var rows = await (from o in query.AsNoTracking()
                          join c in db.Cases on o.CaseId equals c.Id
                          join p in db.People on c.PersonId equals p.Id
                          join i in db.Institutions on o.RecipientInstitutionId equals i.Id
                          orderby o.SentAt descending
                          select new { o, c.Number, c.IsMinor, p.DataKeyId, i.Name }).Take(200).ToListAsync(ct);
        var result = new List<OnwardRow>();
        var keys = key is { } known ? new Dictionary<Guid, byte[]> { [known.KeyId] = known.Key }
            : await dataKeys.UnwrapManyAsync(rows.Select(r => r.DataKeyId), ct);
        foreach (var r in rows)
        {
            var k = keys.GetValueOrDefault(r.DataKeyId);
            var note = k is null ? null : PersonVault.Decrypt(k, r.DataKeyId, "onward_referrals", nameof(OnwardReferral.NoteEnc), r.o.Id, r.o.NoteEnc);
            result.Add(new OnwardRow(r.o.Id, r.o.CaseId, r.Number, r.IsMinor, r.Name, r.o.Relation, r.o.Share, r.o.Status, r.o.SentAt, r.o.RespondedAt, note));
        }
        return result;
    }

    public async Task<Dictionary<string, string[]>?> RecordConsentAsync(Viewer viewer, Guid caseId, ConsentInput input, CancellationToken ct = default)
    {
        var rights = await access.RightsAsync(viewer, caseId, ct);
        if (rights is null)
            return await DeniedAsync(viewer, caseId, "consent.record", ct);
        var errors = new Dictionary<string, string[]>();
        if (rights.IsBreakGlass || !rights.CanWrite(DataClass.Status) || !await ManagesAsync(viewer, caseId, ct))
        {
            errors[string.Empty] = [text["Case_NotWritable"]];
            return errors;
        }
        if (input.Purpose is not { } purpose || !Enum.IsDefined(purpose))
            errors[nameof(ConsentInput.Purpose)] = [text["Validation_Choose"]];
        if (input.Form is not { } form || !Enum.IsDefined(form))
            errors[nameof(ConsentInput.Form)] = [text["Validation_Choose"]];
        if (input.RecipientInstitutionId is not { } recipient || !await db.Institutions.AnyAsync(i => i.Id == recipient && i.IsActive, ct))
            errors[nameof(ConsentInput.RecipientInstitutionId)] = [text["Consent_RecipientRequired"]];
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (input.GivenOn is not { } on || on > today || on < today.AddYears(-2))
            errors[nameof(ConsentInput.GivenOn)] = [text["Consent_DateInvalid"]];
        if (errors.Count > 0)
            return errors;
        await audit.InTransactionAsync(async () =>
        {
            var consent = new Consent
            {
                CaseId = caseId,
                Purpose = input.Purpose!.Value,
                RecipientInstitutionId = input.RecipientInstitutionId!.Value,
                Form = input.Form!.Value,
                GivenOn = input.GivenOn!.Value,
                RecordedAt = time.GetUtcNow(),
                RecordedBy = viewer.UserId,
            };
            db.Consents.Add(consent);
            await db.SaveChangesAsync(ct);
            return (true, new AuditRecord(ProtectionAudit.ConsentRecorded, ActorUserId: viewer.UserId, ActorInstitutionId: viewer.InstitutionId,
                TargetType: "consent", TargetId: consent.Id, CaseId: caseId, Relation: rights.Through, Purpose: "consent.record:" + consent.Purpose));
        }, ct);
        return errors;
    }

    /// <summary>Withdraws a consent; onward referrals to that recipient end and their grants are revoked in the same transaction.</summary>
    public async Task<bool> WithdrawConsentAsync(Viewer viewer, Guid caseId, Guid consentId, CancellationToken ct = default)
    {
        var rights = await access.RightsAsync(viewer, caseId, ct);
        if (rights is null)
        {
            await DeniedAsync(viewer, caseId, "consent.withdraw", ct);
            return false;
        }
        if (rights.IsBreakGlass || !rights.CanWrite(DataClass.Status) || !await ManagesAsync(viewer, caseId, ct))
            return false;
        // An onward referral answered at the same moment changes its status token: read again and retry once.
        for (var attempt = 0; ; attempt++)
        {
            var consent = await db.Consents.FirstOrDefaultAsync(x => x.Id == consentId && x.CaseId == caseId && x.WithdrawnAt == null, ct);
            if (consent is null)
                return false;
            try
            {
                await audit.InTransactionAsync(async () =>
                {
                    var now = time.GetUtcNow();
                    consent.WithdrawnAt = now;
                    consent.WithdrawnBy = viewer.UserId;
                    var affected = await db.OnwardReferrals.Where(o => o.CaseId == caseId && o.RecipientInstitutionId == consent.RecipientInstitutionId
                        && (o.Status == OnwardStatus.Pending || o.Status == OnwardStatus.Accepted)).ToListAsync(ct);
                    foreach (var o in affected)
                        await EndAsync(o, OnwardStatus.Withdrawn, viewer, now, ct);
                    await db.SaveChangesAsync(ct);
                    return (true, new AuditRecord(ProtectionAudit.ConsentWithdrawn, ActorUserId: viewer.UserId, ActorInstitutionId: viewer.InstitutionId,
                        TargetType: "consent", TargetId: consent.Id, CaseId: caseId, Relation: rights.Through, Purpose: "consent.withdraw:" + consent.Purpose));
                }, ct);
                return true;
            }
            catch (DbUpdateConcurrencyException) when (attempt == 0)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task EndAsync(OnwardReferral o, OnwardStatus status, Viewer viewer, DateTimeOffset now, CancellationToken ct)
    {
        o.Status = status;
        o.ClosedAt = now;
        if (o.GrantId is { } grantId && await db.Grants.FirstOrDefaultAsync(g => g.Id == grantId && g.RevokedAt == null, ct) is { } grant)
        {
            grant.RevokedAt = now;
            grant.RevokedBy = viewer.UserId;
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(new AuditRecord(PlatformAudit.GrantRevoked, ActorUserId: viewer.UserId, ActorInstitutionId: viewer.InstitutionId,
                TargetType: "grant", TargetId: grant.Id, CaseId: o.CaseId, Relation: grant.Relation.ToString(), Purpose: "onward." + status.ToString().ToLowerInvariant()), ct);
        }
    }

    public async Task<Dictionary<string, string[]>?> SendAsync(Viewer viewer, Guid caseId, OnwardInput input, CancellationToken ct = default)
    {
        var rights = await access.RightsAsync(viewer, caseId, ct);
        if (rights is null)
            return await DeniedAsync(viewer, caseId, "onward.send", ct);
        var errors = new Dictionary<string, string[]>();
        if (rights.IsBreakGlass || !await ManagesAsync(viewer, caseId, ct))
        {
            errors[string.Empty] = [text["Case_NotWritable"]];
            return errors;
        }
        if (await access.IsErasedAsync(caseId, ct))
        {
            errors[string.Empty] = [text["Case_Erased"]];
            return errors;
        }
        if (input.Relation is not { } relation || !OnwardRelations.Contains(relation))
        {
            errors[nameof(OnwardInput.Relation)] = [text["Validation_Choose"]];
            return errors;
        }
        var matrix = AccessMatrix.Default[relation];
        var recipient = input.RecipientInstitutionId is { } rid ? await db.Institutions.FirstOrDefaultAsync(i => i.Id == rid && i.IsActive, ct) : null;
        if (recipient is null || !matrix.Kinds.Contains(recipient.Kind))
            errors[nameof(OnwardInput.RecipientInstitutionId)] = [text["Onward_RecipientInvalid"]];
        var share = input.Share.Aggregate(DataClass.None, (a, b) => a | b) | DataClass.Status;
        if ((share & ~matrix.Read) != 0)
            errors[nameof(OnwardInput.Share)] = [text["Grant_ClassesBeyondRelation"]];
        if (input.Note?.Trim().Length > 1000)
            errors[nameof(OnwardInput.Note)] = [text["Validation_TooLong", 1000]];
        if (recipient is not null && errors.Count == 0)
        {
            var consents = await db.Consents.Where(x => x.CaseId == caseId && x.RecipientInstitutionId == recipient.Id && x.WithdrawnAt == null)
                .Select(x => x.Purpose).ToListAsync(ct);
            if (!consents.Contains(ConsentPurpose.Services))
                errors[nameof(OnwardInput.RecipientInstitutionId)] = [text["Onward_NeedsServiceConsent"]];
            else if (share != DataClass.Status && !consents.Contains(ConsentPurpose.DataSharing))
                errors[nameof(OnwardInput.Share)] = [text["Onward_NeedsSharingConsent"]];
            else if (await db.OnwardReferrals.AnyAsync(o => o.CaseId == caseId && o.RecipientInstitutionId == recipient.Id && o.Relation == relation
                         && (o.Status == OnwardStatus.Pending || o.Status == OnwardStatus.Accepted), ct))
                errors[nameof(OnwardInput.RecipientInstitutionId)] = [text["Onward_AlreadyOpen"]];
        }
        if (errors.Count > 0)
            return errors;
        try
        {
            await SendInTransactionAsync(viewer, caseId, input, rights, recipient!, relation, share, ct);
        }
        catch (DbUpdateException)
        {
            // A double submission: the unique index on open onward referrals kept the first one.
            db.ChangeTracker.Clear();
            errors[nameof(OnwardInput.RecipientInstitutionId)] = [text["Onward_AlreadyOpen"]];
        }
        return errors;
    }

    private Task<bool> SendInTransactionAsync(Viewer viewer, Guid caseId, OnwardInput input, CaseRights rights, Platform.Participants.Institution recipient,
        Relation relation, DataClass share, CancellationToken ct) =>
        audit.InTransactionAsync(async () =>
        {
            var c = await db.Cases.AsNoTracking().Include(x => x.Person).FirstAsync(x => x.Id == caseId, ct);
            var key = await dataKeys.UnwrapAsync(c.Person!.DataKeyId, ct) ?? throw new InvalidOperationException("Erased.");
            var now = time.GetUtcNow();
            var onward = new OnwardReferral { CaseId = caseId, RecipientInstitutionId = recipient!.Id, Relation = relation, Share = share, SentAt = now, SentBy = viewer.UserId };
            onward.NoteEnc = PersonVault.Encrypt(key, c.Person.DataKeyId, "onward_referrals", nameof(OnwardReferral.NoteEnc), onward.Id, input.Note);
            db.OnwardReferrals.Add(onward);
            db.Notifications.Add(new Notification { RecipientInstitutionId = recipient.Id, Kind = "onward-received", CaseId = caseId, CaseNumber = c.Number, CreatedAt = now });
            await db.SaveChangesAsync(ct);
            return (true, new AuditRecord(ProtectionAudit.OnwardSent, ActorUserId: viewer.UserId, ActorInstitutionId: viewer.InstitutionId,
                TargetType: "onward", TargetId: onward.Id, CaseId: caseId, Relation: rights.Through, Purpose: "onward.send:" + relation));
        }, ct);

    /// <summary>The recipient's inbox: onward referrals to the viewer's institution in relations their roles can hold.</summary>
    /// <summary>The recipient's inbox: onward referrals to the viewer's institution in relations their roles can hold. Each note read is audited against its case.</summary>
    public async Task<IReadOnlyList<OnwardRow>> InboxAsync(Viewer viewer, CancellationToken ct = default) =>
        await audit.InTransactionAsync(async () =>
        {
            var rows = await OnwardRowsAsync(access.OnwardInbox(viewer), null, ct);
            foreach (var row in rows.Where(r => r.Note is not null && r.Status is OnwardStatus.Pending or OnwardStatus.Accepted))
                await audit.AppendAsync(new AuditRecord(CasesAudit.CaseViewed, ActorUserId: viewer.UserId, ActorInstitutionId: viewer.InstitutionId,
                    TargetType: "onward", TargetId: row.Id, CaseId: row.CaseId, Relation: row.Relation.ToString(), Purpose: "onward.inbox"), ct);
            return ((IReadOnlyList<OnwardRow>)rows, new AuditRecord(CasesAudit.CaseSearched, ActorUserId: viewer.UserId, ActorInstitutionId: viewer.InstitutionId, Purpose: "onward.inbox"));
        }, ct);

    public enum Answer { Accept, Decline, Complete }

    /// <summary>
    /// The recipient answers. Accepting creates the grant (to the institution; on a child's case to the
    /// accepting user by name); declining ends the referral; completing ends it and revokes the grant.
    /// </summary>
    public async Task<bool> AnswerAsync(Viewer viewer, Guid onwardId, Answer answer, CancellationToken ct = default)
    {
        var o = await access.OnwardInbox(viewer).FirstOrDefaultAsync(x => x.Id == onwardId, ct);
        if (o is null)
        {
            await audit.RecordAsync(new AuditRecord(ProtectionAudit.OnwardAnswered, AuditOutcome.Denied, viewer.UserId, viewer.InstitutionId, "onward", onwardId, null, null, "onward.answer"), ct);
            return false;
        }
        var allowed = answer switch
        {
            Answer.Accept or Answer.Decline => o.Status == OnwardStatus.Pending,
            _ => o.Status == OnwardStatus.Accepted,
        };
        if (!allowed)
            return false;
        try
        {
            await AnswerInTransactionAsync(viewer, o, answer, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Answered (or withdrawn) by someone else first: the status token changed, nothing of this answer was saved.
            db.ChangeTracker.Clear();
            return false;
        }
        return true;
    }

    private Task<bool> AnswerInTransactionAsync(Viewer viewer, OnwardReferral o, Answer answer, CancellationToken ct) =>
        audit.InTransactionAsync(async () =>
        {
            var now = time.GetUtcNow();
            o.RespondedAt ??= now;
            o.RespondedBy ??= viewer.UserId;
            if (answer == Answer.Accept)
            {
                var c = await db.Cases.AsNoTracking().FirstAsync(x => x.Id == o.CaseId, ct);
                var matrix = AccessMatrix.Default[o.Relation];
                var grant = new Grant
                {
                    CaseId = o.CaseId,
                    CaseRecency = c.Recency,
                    GranteeUserId = c.IsMinor ? viewer.UserId : null,
                    GranteeInstitutionId = c.IsMinor ? null : o.RecipientInstitutionId,
                    Relation = o.Relation,
                    Read = (o.Share | DataClass.Status) & matrix.Read,
                    Write = o.Share & matrix.Write,
                    ValidFrom = now,
                    GrantedBy = o.SentBy,
                    Reason = "onward referral accepted",
                };
                db.Grants.Add(grant);
                o.Status = OnwardStatus.Accepted;
                o.GrantId = grant.Id;
                await db.SaveChangesAsync(ct);
                await audit.AppendAsync(new AuditRecord(PlatformAudit.GrantCreated, ActorUserId: viewer.UserId, ActorInstitutionId: viewer.InstitutionId,
                    TargetType: "grant", TargetId: grant.Id, CaseId: o.CaseId, Relation: o.Relation.ToString(), Purpose: "onward.accept"), ct);
            }
            else
                await EndAsync(o, answer == Answer.Decline ? OnwardStatus.Declined : OnwardStatus.Completed, viewer, now, ct);
            await db.SaveChangesAsync(ct);
            return (true, new AuditRecord(ProtectionAudit.OnwardAnswered, ActorUserId: viewer.UserId, ActorInstitutionId: viewer.InstitutionId,
                TargetType: "onward", TargetId: o.Id, CaseId: o.CaseId, Relation: o.Relation.ToString(), Purpose: "onward." + answer.ToString().ToLowerInvariant()));
        }, ct);

    /// <summary>The investigator ends an onward referral (completed, or withdrawn before an answer); the grant goes with it.</summary>
    public async Task<bool> CloseAsync(Viewer viewer, Guid caseId, Guid onwardId, CancellationToken ct = default)
    {
        if (!await ManagesAsync(viewer, caseId, ct))
            return false;
        var o = await db.OnwardReferrals.FirstOrDefaultAsync(x => x.Id == onwardId && x.CaseId == caseId
            && (x.Status == OnwardStatus.Pending || x.Status == OnwardStatus.Accepted), ct);
        if (o is null)
            return false;
        await audit.InTransactionAsync(async () =>
        {
            await EndAsync(o, o.Status == OnwardStatus.Pending ? OnwardStatus.Withdrawn : OnwardStatus.Completed, viewer, time.GetUtcNow(), ct);
            await db.SaveChangesAsync(ct);
            return (true, new AuditRecord(ProtectionAudit.OnwardClosed, ActorUserId: viewer.UserId, ActorInstitutionId: viewer.InstitutionId,
                TargetType: "onward", TargetId: o.Id, CaseId: caseId, Relation: nameof(Relation.Investigator), Purpose: "onward.close"));
        }, ct);
        return true;
    }

    public async Task<Dictionary<string, string[]>?> AssessRiskAsync(Viewer viewer, Guid caseId, RiskInput input, CancellationToken ct = default)
    {
        var rights = await access.RightsAsync(viewer, caseId, ct);
        if (rights is null)
            return await DeniedAsync(viewer, caseId, "risk.assess", ct);
        var errors = new Dictionary<string, string[]>();
        if (rights.IsBreakGlass || !rights.CanWrite(DataClass.Investigation))
        {
            errors[string.Empty] = [text["Case_NotWritable"]];
            return errors;
        }
        if (await access.IsErasedAsync(caseId, ct))
        {
            errors[string.Empty] = [text["Case_Erased"]];
            return errors;
        }
        foreach (var (name, value) in new[] { (nameof(RiskInput.Traffickers), input.Traffickers), (nameof(RiskInput.Health), input.Health), (nameof(RiskInput.Retrafficking), input.Retrafficking) })
            if (value is not { } level || !Enum.IsDefined(level))
                errors[name] = [text["Risk_LevelRequired"]];
        if (input.Notes?.Trim().Length > 4000)
            errors[nameof(RiskInput.Notes)] = [text["Validation_TooLong", 4000]];
        if (errors.Count > 0)
            return errors;
        await audit.InTransactionAsync(async () =>
        {
            var c = await db.Cases.AsNoTracking().Include(x => x.Person).FirstAsync(x => x.Id == caseId, ct);
            var key = await dataKeys.UnwrapAsync(c.Person!.DataKeyId, ct) ?? throw new InvalidOperationException("Erased.");
            var assessment = new RiskAssessment { CaseId = caseId, RecordedAt = time.GetUtcNow(), RecordedBy = viewer.UserId };
            var content = new RiskContent(input.Traffickers!.Value, input.Health!.Value, input.Retrafficking!.Value, string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim());
            assessment.ContentEnc = PersonVault.Encrypt(key, c.Person.DataKeyId, "risk_assessments", nameof(RiskAssessment.ContentEnc), assessment.Id, JsonSerializer.Serialize(content, Json));
            db.RiskAssessments.Add(assessment);
            await db.SaveChangesAsync(ct);
            return (true, new AuditRecord(ProtectionAudit.RiskAssessed, ActorUserId: viewer.UserId, ActorInstitutionId: viewer.InstitutionId,
                TargetType: "risk", TargetId: assessment.Id, CaseId: caseId, Relation: rights.Through, Purpose: "risk.assess"));
        }, ct);
        return errors;
    }
}
