using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Notifications;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Ui;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Protection;

/// <summary>
/// Onward referral to shelters, service providers and repatriation partners: the investigator sends (with
/// the recipient's consent) and closes; the recipient reads its inbox and answers — acceptance creates the
/// grant, decline or completion ends the referral and revokes it. Every change is audited in its own transaction.
/// </summary>
public sealed class OnwardService(
    AriadneDbContext db, CaseAccess access, DataKeys dataKeys, AuditedWrites writes, AuditTrail audit, TimeProvider time, UiTime uiTime, IStringLocalizer<SharedResource> text)
{
    /// <summary>The relations the Squad refers a person on to.</summary>
    public static readonly Relation[] OnwardRelations = [Relation.Shelter, Relation.ServiceProvider, Relation.RepatriationPartner];

    public sealed class OnwardInput
    {
        public Guid? RecipientInstitutionId { get; set; }
        public Relation? Relation { get; set; }
        public List<DataClass> Share { get; set; } = [];
        public string? Note { get; set; }
    }

    public sealed record OnwardRow(Guid Id, Guid CaseId, string CaseNumber, bool Child, string Recipient, Relation Relation, DataClass Share, OnwardStatus Status,
        DateTimeOffset SentAt, DateTimeOffset? RespondedAt, string? Note, PersonFacts? Facts = null);

    /// <summary>
    /// What a recipient sees of the person before accepting: an age band (never the date of birth), sex and
    /// languages. No name, no document, no contact: those open only with the grant that acceptance creates.
    /// </summary>
    public sealed record PersonFacts(AgeBand? AgeBand, string? Sex, string? Languages);

    public enum Answer { Accept, Decline, Complete }

    /// <summary>The onward referrals of <paramref name="query"/> with their notes opened (under <paramref name="key"/> when the caller holds the one person's key).</summary>
    internal async Task<List<OnwardRow>> RowsAsync(IQueryable<OnwardReferral> query, (byte[] Key, Guid KeyId)? key, CancellationToken ct)
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
            var note = k is null ? null : db.Open<OnwardReferral>(x => x.NoteEnc, r.o.NoteEnc, r.o.Id, k, r.DataKeyId);
            result.Add(new OnwardRow(r.o.Id, r.o.CaseId, r.Number, r.IsMinor, r.Name, r.o.Relation, r.o.Share, r.o.Status, r.o.SentAt, r.o.RespondedAt, note));
        }
        return result;
    }

    /// <summary>Ends an onward referral inside the caller's audited write; its grant is revoked and that is audited too.</summary>
    internal async Task EndAsync(OnwardReferral o, OnwardStatus status, Viewer viewer, DateTimeOffset now, CancellationToken ct)
    {
        o.Status = status;
        o.ClosedAt = now;
        if (o.GrantId is { } grantId && await db.Grants.FirstOrDefaultAsync(g => g.Id == grantId && g.RevokedAt == null, ct) is { } grant)
        {
            grant.RevokedAt = now;
            grant.RevokedBy = viewer.UserId;
            await db.SaveChangesAsync(ct);
            var purpose = status switch
            {
                OnwardStatus.Withdrawn => ProtectionAudit.Withdrawn,
                OnwardStatus.Declined => ProtectionAudit.Declined,
                OnwardStatus.Completed => ProtectionAudit.Completed,
                _ => throw new ArgumentOutOfRangeException(nameof(status)),
            };
            await audit.AppendAsync(new AuditRecord(PlatformAudit.GrantRevoked, ActorUserId: viewer.UserId, ActorInstitutionId: viewer.InstitutionId,
                TargetType: AuditTarget.Grant, TargetId: grant.Id, CaseId: o.CaseId, Relation: grant.Relation.ToString(), Purpose: purpose), ct);
        }
    }

    public async Task<Dictionary<string, string[]>?> SendAsync(Viewer viewer, Guid caseId, OnwardInput input, CancellationToken ct = default)
    {
        var rights = await access.RightsAsync(viewer, caseId, ct);
        if (rights is null)
        {
            await audit.RecordAsync(AuditRecords.CaseDenied(viewer, caseId, ProtectionAudit.Send), ct);
            return null;
        }
        var errors = new Dictionary<string, string[]>();
        if (rights.IsBreakGlass || !await access.ManagesAsync(viewer, caseId, ct))
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

    private Task<bool> SendInTransactionAsync(Viewer viewer, Guid caseId, OnwardInput input, CaseRights rights, Institution recipient,
        Relation relation, DataClass share, CancellationToken ct) =>
        writes.RunAsync(viewer, async ct =>
        {
            var c = await db.Cases.AsNoTracking().Include(x => x.Person).FirstAsync(x => x.Id == caseId, ct);
            var key = await dataKeys.UnwrapAsync(c.Person!.DataKeyId, ct) ?? throw new InvalidOperationException("Erased.");
            var now = time.GetUtcNow();
            var onward = new OnwardReferral { CaseId = caseId, RecipientInstitutionId = recipient.Id, Relation = relation, Share = share, SentAt = now, SentBy = viewer.UserId };
            onward.NoteEnc = db.Seal(onward, o => o.NoteEnc, ProtectionRules.Blank(input.Note), key, c.Person.DataKeyId);
            db.OnwardReferrals.Add(onward);
            db.Notifications.Add(new Notification { RecipientInstitutionId = recipient.Id, Kind = ProtectionAudit.OnwardReceived, CaseId = caseId, CaseNumber = c.Number, CreatedAt = now });
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(ProtectionAudit.OnwardSent, TargetType: ProtectionAudit.Onward, TargetId: onward.Id,
                CaseId: caseId, Relation: rights.Through, Purpose: ProtectionAudit.Send.For(relation)));
        }, ct);

    /// <summary>The recipient's inbox: onward referrals to the viewer's institution in relations their roles can hold. Each note read is audited against its case.</summary>
    public Task<IReadOnlyList<OnwardRow>> InboxAsync(Viewer viewer, CancellationToken ct = default) =>
        writes.RunAsync(viewer, async ct =>
        {
            var rows = await WithFactsAsync(await RowsAsync(access.OnwardInbox(viewer), null, ct), ct);
            foreach (var row in rows.Where(r => (r.Note is not null || r.Facts is not null) && r.Status is OnwardStatus.Pending or OnwardStatus.Accepted))
                await audit.AppendAsync(new AuditRecord(CasesAudit.CaseViewed, ActorUserId: viewer.UserId, ActorInstitutionId: viewer.InstitutionId,
                    TargetType: ProtectionAudit.Onward, TargetId: row.Id, CaseId: row.CaseId, Relation: row.Relation.ToString(), Purpose: ProtectionAudit.Inbox), ct);
            return new Audited<IReadOnlyList<OnwardRow>>(rows, new AuditRecord(CasesAudit.CaseSearched, Purpose: ProtectionAudit.Inbox));
        }, ct);

    /// <summary>The pending rows with the person's facts a recipient needs to decide (computed here; the date of birth never leaves).</summary>
    private async Task<List<OnwardRow>> WithFactsAsync(List<OnwardRow> rows, CancellationToken ct)
    {
        var pending = rows.Where(r => r.Status == OnwardStatus.Pending).Select(r => r.CaseId).Distinct().ToList();
        if (pending.Count == 0)
            return rows;
        var people = await db.Cases.AsNoTracking().Where(c => pending.Contains(c.Id)).Include(c => c.Person)
            .ToDictionaryAsync(c => c.Id, c => c.Person!, ct);
        var keys = await dataKeys.UnwrapManyAsync(people.Values.Select(p => p.DataKeyId), ct);
        var today = uiTime.Today;
        return rows.Select(r =>
        {
            if (r.Status != OnwardStatus.Pending || !people.TryGetValue(r.CaseId, out var p) || keys.GetValueOrDefault(p.DataKeyId) is not { } key)
                return r;
            var band = CaseHeaders.Band(db.Open(p, x => x.DateOfBirthEnc, key, p.DataKeyId), today);
            return r with { Facts = new PersonFacts(band, db.Open(p, x => x.SexEnc, key, p.DataKeyId), db.Open(p, x => x.LanguagesEnc, key, p.DataKeyId)) };
        }).ToList();
    }

    /// <summary>
    /// The recipient answers. Accepting creates the grant (to the institution; on a child's case to the
    /// accepting user by name); declining, which needs a reason, ends the referral; completing ends it and revokes the grant.
    /// </summary>
    public async Task<bool> AnswerAsync(Viewer viewer, Guid onwardId, Answer answer, DeclineReason? reason = null, CancellationToken ct = default)
    {
        if (answer == Answer.Decline && (reason is not { } given || !Enum.IsDefined(given)))
            return false;
        var o = await access.OnwardInbox(viewer).FirstOrDefaultAsync(x => x.Id == onwardId, ct);
        if (o is null)
        {
            await audit.RecordAsync(new AuditRecord(ProtectionAudit.OnwardAnswered, AuditOutcome.Denied, viewer.UserId, viewer.InstitutionId,
                ProtectionAudit.Onward, onwardId, Purpose: ProtectionAudit.Answer), ct);
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
            await AnswerInTransactionAsync(viewer, o, answer, reason, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Answered (or withdrawn) by someone else first: the status token changed, nothing of this answer was saved.
            db.ChangeTracker.Clear();
            return false;
        }
        return true;
    }

    private Task<bool> AnswerInTransactionAsync(Viewer viewer, OnwardReferral o, Answer answer, DeclineReason? reason, CancellationToken ct) =>
        writes.RunAsync(viewer, async ct =>
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
                    TargetType: AuditTarget.Grant, TargetId: grant.Id, CaseId: o.CaseId, Relation: o.Relation.ToString(), Purpose: ProtectionAudit.Accept), ct);
            }
            else
                await EndAsync(o, answer == Answer.Decline ? OnwardStatus.Declined : OnwardStatus.Completed, viewer, now, ct);
            if (answer is Answer.Accept or Answer.Decline)
                await NotifySenderAsync(o, answer == Answer.Accept ? ProtectionAudit.OnwardAccepted : ProtectionAudit.OnwardDeclined, now, ct);
            await db.SaveChangesAsync(ct);
            var purpose = answer switch
            {
                Answer.Accept => ProtectionAudit.Accept,
                // The reason is a code, never text: it goes in the audit record's purpose ("onward.decline:NoCapacity").
                Answer.Decline => ProtectionAudit.Decline.For(reason!.Value),
                _ => ProtectionAudit.Complete,
            };
            return new Audited<bool>(true, new AuditRecord(ProtectionAudit.OnwardAnswered, TargetType: ProtectionAudit.Onward, TargetId: o.Id,
                CaseId: o.CaseId, Relation: o.Relation.ToString(), Purpose: purpose));
        }, ct);

    /// <summary>
    /// In the answer's transaction: the person who sent the onward referral (who must act on the answer) hears
    /// it, by the case number only; the Squad's other members are not told.
    /// </summary>
    private async Task NotifySenderAsync(OnwardReferral o, NotificationKind kind, DateTimeOffset now, CancellationToken ct)
    {
        var number = await db.Cases.Where(c => c.Id == o.CaseId).Select(c => c.Number).FirstAsync(ct);
        db.Notifications.Add(new Notification { RecipientUserId = o.SentBy, Kind = kind, CaseId = o.CaseId, CaseNumber = number, CreatedAt = now });
    }

    /// <summary>The investigator ends an onward referral (completed, or withdrawn before an answer); the grant goes with it.</summary>
    public async Task<bool> CloseAsync(Viewer viewer, Guid caseId, Guid onwardId, CancellationToken ct = default)
    {
        if (!await access.ManagesAsync(viewer, caseId, ct))
            return false;
        var o = await db.OnwardReferrals.FirstOrDefaultAsync(x => x.Id == onwardId && x.CaseId == caseId
            && (x.Status == OnwardStatus.Pending || x.Status == OnwardStatus.Accepted), ct);
        if (o is null)
            return false;
        return await writes.RunAsync(viewer, async ct =>
        {
            await EndAsync(o, o.Status == OnwardStatus.Pending ? OnwardStatus.Withdrawn : OnwardStatus.Completed, viewer, time.GetUtcNow(), ct);
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(ProtectionAudit.OnwardClosed, TargetType: ProtectionAudit.Onward, TargetId: o.Id,
                CaseId: caseId, Relation: nameof(Relation.Investigator), Purpose: ProtectionAudit.Close));
        }, ct);
    }
}
