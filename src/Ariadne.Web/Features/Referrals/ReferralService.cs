using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Notifications;
using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Referrals;

/// <summary>
/// The National Referral Mechanism's front door: any participant refers a suspected victim to the
/// Squad; the duty desk is told at once, must acknowledge within the deadline of the urgency, checks
/// for people already known, and opens a case (handing it to an investigator) or joins it to one.
/// Every read and change goes through <see cref="CaseAccess.VisibleReferrals"/> and is audited in
/// its own transaction.
/// </summary>
public sealed class ReferralService(
    AriadneDbContext db, CaseAccess access, DataKeys dataKeys, BlindIndex index, AuditTrail audit, TimeProvider time,
    IConfiguration configuration, CaseService cases, IEnumerable<IPersonMatcher> matchers, ReferralSignal signal, UserManager<AriadneUser> users)
{
    private const string Table = "referrals";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public enum SubmitOutcome { Created, Replayed, KeyConflict, NotAllowed, NoSquad }

    /// <summary>How long the duty desk has to acknowledge, by urgency (configurable: Referrals:AcknowledgeWithin:{Urgency}).</summary>
    public TimeSpan DeadlineFor(Urgency urgency)
    {
        var fallback = urgency switch
        {
            Urgency.Immediate => TimeSpan.FromMinutes(15),
            Urgency.High => TimeSpan.FromHours(4),
            _ => TimeSpan.FromHours(24),
        };
        var configured = configuration[$"Referrals:AcknowledgeWithin:{urgency}"];
        return TimeSpan.TryParse(configured, CultureInfo.InvariantCulture, out var value) && value > TimeSpan.Zero ? value : fallback;
    }

    /// <summary>May this viewer refer? Every participant whose role can hold the referrer relation.</summary>
    public static bool CanRefer(Viewer viewer) => viewer.InstitutionRelations.Contains(Relation.Referrer);

    public async Task<(SubmitOutcome Outcome, Referral? Referral)> SubmitAsync(
        Viewer viewer, ReferralInput input, IReadOnlyList<ReferralUpload> files, string idempotencyKey, CancellationToken ct = default)
    {
        if (!CanRefer(viewer))
            return (SubmitOutcome.NotAllowed, null);
        // Keyed: the body holds personal data, and the fingerprint outlives the request.
        var hash = index.Fingerprint(JsonSerializer.Serialize(new { input, files = files.Select(f => new { f.Name, Hash = Convert.ToHexString(SHA256.HashData(f.Content)) }) }, Json));
        if (await ReplayAsync() is { } replay)
            return replay;
        var squad = await SquadAsync(ct);
        if (squad is null)
            return (SubmitOutcome.NoSquad, null);
        try
        {
            var strategy = db.Database.CreateExecutionStrategy();
            var referral = await strategy.ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var created = await audit.InTransactionAsync(async () =>
                {
                    await audit.SerializeWritersAsync(ct);
                    var now = time.GetUtcNow();
                    var (key, clear) = dataKeys.Create();
                    var urgency = input.EffectiveUrgency;
                    var (document, phone) = input.Indexes(index);
                    var referral = new Referral
                    {
                        Number = await NewNumberAsync(now, ct),
                        SquadInstitutionId = squad.Value,
                        ReferringInstitutionId = viewer.InstitutionId,
                        ReferredBy = viewer.UserId,
                        ReceivedAt = now,
                        Urgency = urgency,
                        ImmediateDanger = input.ImmediateDanger == true,
                        NeedsInterpreter = input.NeedsInterpreter,
                        Anonymous = input.Anonymous,
                        Child = input.IsChildOn(DateOnly.FromDateTime(now.UtcDateTime)),
                        Consent = input.Consent ?? ReferralConsent.NotAsked,
                        AcknowledgeBy = now + DeadlineFor(urgency),
                        DataKeyId = key.Id,
                        DocumentNumberIndex = document,
                        PhoneIndex = phone,
                        Sequence = await NewSequenceAsync(now, ct),
                    };
                    referral.ContentEnc = FieldCipher.Encrypt(clear, JsonSerializer.Serialize(input.ToContent(), Json), Table, nameof(Referral.ContentEnc), referral.Id, key.Id);
                    db.Referrals.Add(referral);
                    foreach (var file in files)
                    {
                        var entity = new ReferralFile { ReferralId = referral.Id, ContentType = ReferralFiles.Sniff(file.Content)!, Size = file.Content.Length, UploadedAt = now, ContentEnc = [] };
                        entity.NameEnc = FieldCipher.Encrypt(clear, ReferralFiles.SafeName(file.Name), "referral_files", nameof(ReferralFile.NameEnc), entity.Id, key.Id);
                        entity.ContentEnc = EncryptBytes(clear, file.Content, entity.Id, key.Id);
                        db.ReferralFiles.Add(entity);
                    }
                    db.Notifications.Add(new Notification
                    {
                        RecipientInstitutionId = squad.Value,
                        Kind = "referral-received",
                        CaseNumber = referral.Number,
                        CreatedAt = now,
                    });
                    Idempotency.Remember(db, viewer.UserId, idempotencyKey, hash, nameof(Referral), referral.Id, now);
                    await db.SaveChangesAsync(ct);
                    CryptographicOperations.ZeroMemory(clear);
                    return (referral, new AuditRecord(ReferralsAudit.ReferralSubmitted, ActorUserId: viewer.UserId, ActorInstitutionId: viewer.InstitutionId,
                        TargetType: "referral", TargetId: referral.Id, Relation: nameof(Relation.Referrer), Purpose: "referral.submit:" + urgency));
                }, ct);
                await transaction.CommitAsync(ct);
                return created;
            });
            signal.Pulse();
            return (SubmitOutcome.Created, referral);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return await ReplayAsync() ?? throw new InvalidOperationException("The referral could not be saved.");
        }

        async Task<(SubmitOutcome, Referral?)?> ReplayAsync()
        {
            var (outcome, id) = await Idempotency.LookupAsync(db, viewer.UserId, idempotencyKey, hash, nameof(Referral), ct);
            return outcome switch
            {
                Idempotency.Outcome.Replay => (SubmitOutcome.Replayed, await db.Referrals.AsNoTracking().FirstAsync(r => r.Id == id, ct)),
                Idempotency.Outcome.Conflict => (SubmitOutcome.KeyConflict, null),
                _ => null,
            };
        }
    }

    public sealed record Row(Guid Id, string Number, DateTimeOffset ReceivedAt, Urgency Urgency, DateTimeOffset AcknowledgeBy,
        DateTimeOffset? AcknowledgedAt, DateTimeOffset? EscalatedAt, ReferralStatus Status, bool NeedsInterpreter, bool Child, string ReferringInstitution)
    {
        public bool Overdue(DateTimeOffset now) => AcknowledgedAt is null && AcknowledgeBy <= now;
    }

    /// <summary>The duty desk's queue: referrals to the viewer's Squad, open ones first. No personal data in the list.</summary>
    public Task<List<Row>> DeskAsync(Viewer viewer, CancellationToken ct = default) =>
        Rows(access.VisibleReferrals(viewer).Where(r => viewer.OnDutyDesk && r.SquadInstitutionId == viewer.InstitutionId), ct);

    /// <summary>The referrals the viewer's institution made, with their status (the referrer's view).</summary>
    public Task<List<Row>> MadeByMyInstitutionAsync(Viewer viewer, CancellationToken ct = default) =>
        Rows(access.VisibleReferrals(viewer).Where(r => r.ReferringInstitutionId == viewer.InstitutionId), ct);

    /// <summary>Every open referral (never cut off: an old one in immediate danger must stay on the desk), then the 100 latest closed ones.</summary>
    private async Task<List<Row>> Rows(IQueryable<Referral> query, CancellationToken ct)
    {
        IQueryable<Row> Select(IQueryable<Referral> q) =>
            from r in q
            join i in db.Institutions on r.ReferringInstitutionId equals i.Id
            orderby r.Sequence descending
            select new Row(r.Id, r.Number, r.ReceivedAt, r.Urgency, r.AcknowledgeBy, r.AcknowledgedAt, r.EscalatedAt, r.Status, r.NeedsInterpreter, r.Child, i.Name);
        var open = await Select(query.Where(r => r.Status == ReferralStatus.Received || r.Status == ReferralStatus.Acknowledged)).ToListAsync(ct);
        var closed = await Select(query.Where(r => r.Status == ReferralStatus.CaseOpened || r.Status == ReferralStatus.NotTakenForward)).Take(100).ToListAsync(ct);
        var rows = open.Concat(closed);
        return rows.OrderBy(r => r.Status is ReferralStatus.Received or ReferralStatus.Acknowledged ? 0 : 1)
            .ThenBy(r => r.Status == ReferralStatus.Received ? r.AcknowledgeBy : DateTimeOffset.MaxValue)
            .ThenByDescending(r => r.ReceivedAt).ToList();
    }

    /// <summary>What the desk's live view watches: how many wait for acknowledgement, and the newest one's key.</summary>
    public async Task<(int Waiting, long Latest)> DeskStateAsync(Viewer viewer, CancellationToken ct = default)
    {
        var desk = access.VisibleReferrals(viewer).Where(r => viewer.OnDutyDesk && r.SquadInstitutionId == viewer.InstitutionId);
        var waiting = await desk.CountAsync(r => r.Status == ReferralStatus.Received, ct);
        var latest = await desk.MaxAsync(r => (long?)r.Sequence, ct) ?? 0;
        return (waiting, latest);
    }

    public sealed record FileInfo(Guid Id, string Name, string ContentType, long Size);

    /// <summary>A referral as one viewer may see it and what they may do with it.</summary>
    public sealed record View(Referral Referral, ReferralContent? Content, IReadOnlyList<FileInfo> Files, string ReferringInstitution,
        bool IsDesk, bool IsReferrer, bool IsInvestigator, string? CaseNumber);

    public async Task<View?> ReadAsync(Viewer viewer, Guid id, string purpose, bool includeContent = true, CancellationToken ct = default) =>
        await audit.InTransactionAsync(async () =>
        {
            var r = await access.VisibleReferrals(viewer).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
            if (r is null)
                return ((View?)null, Denied(viewer, id, purpose));
            var key = includeContent ? await dataKeys.UnwrapAsync(r.DataKeyId, ct) : null;
            var content = key is null ? null
                : JsonSerializer.Deserialize<ReferralContent>(FieldCipher.Decrypt(key, r.ContentEnc, Table, nameof(Referral.ContentEnc), r.Id, r.DataKeyId) ?? "{}", Json);
            var fileRows = await db.ReferralFiles.AsNoTracking().Where(f => f.ReferralId == r.Id).OrderBy(f => f.UploadedAt)
                .Select(f => new { f.Id, f.NameEnc, f.ContentType, f.Size }).ToListAsync(ct);
            var files = fileRows.Select(f => new FileInfo(f.Id,
                key is null ? "—" : FieldCipher.Decrypt(key, f.NameEnc, "referral_files", nameof(ReferralFile.NameEnc), f.Id, r.DataKeyId) ?? "file",
                f.ContentType, f.Size)).ToList();
            var referring = await db.Institutions.Where(i => i.Id == r.ReferringInstitutionId).Select(i => i.Name).FirstAsync(ct);
            var isDesk = viewer.OnDutyDesk && r.SquadInstitutionId == viewer.InstitutionId;
            var isReferrer = CanRefer(viewer) && r.ReferringInstitutionId == viewer.InstitutionId;
            var isInvestigator = r.CaseId is { } caseId && await access.ActiveGrants(viewer).AnyAsync(g => g.CaseId == caseId && g.Relation == Relation.Investigator, ct);
            // The referrer keeps the status of the referral it made, and only that: not the case it became.
            var caseNumber = r.CaseId is { } cid && (isDesk || isInvestigator) ? await db.Cases.Where(c => c.Id == cid).Select(c => c.Number).FirstAsync(ct) : null;
            var relation = isDesk ? "duty-desk" : isInvestigator ? nameof(Relation.Investigator) : nameof(Relation.Referrer);
            return ((View?)new View(r, content, files, referring, isDesk, isReferrer, isInvestigator, caseNumber),
                new AuditRecord(ReferralsAudit.ReferralViewed, ActorUserId: viewer.UserId, ActorInstitutionId: viewer.InstitutionId,
                    TargetType: "referral", TargetId: r.Id, CaseId: r.CaseId, Relation: relation, Purpose: purpose));
        }, ct);

    /// <summary>One supporting file, decrypted, for a viewer who may see the referral; audited.</summary>
    public async Task<(string Name, string ContentType, byte[] Content)?> FileAsync(Viewer viewer, Guid referralId, Guid fileId, CancellationToken ct = default) =>
        await audit.InTransactionAsync(async () =>
        {
            var r = await access.VisibleReferrals(viewer).AsNoTracking().FirstOrDefaultAsync(x => x.Id == referralId, ct);
            var file = r is null ? null : await db.ReferralFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId && f.ReferralId == referralId, ct);
            var key = r is null ? null : await dataKeys.UnwrapAsync(r.DataKeyId, ct);
            if (r is null || file is null || key is null)
                return (((string, string, byte[])?)null, Denied(viewer, referralId, "referral.file"));
            var name = FieldCipher.Decrypt(key, file.NameEnc, "referral_files", nameof(ReferralFile.NameEnc), file.Id, r.DataKeyId) ?? "file";
            var content = DecryptBytes(key, file.ContentEnc, file.Id, r.DataKeyId);
            return ((name, file.ContentType, content), new AuditRecord(ReferralsAudit.ReferralFileRead, ActorUserId: viewer.UserId, ActorInstitutionId: viewer.InstitutionId,
                TargetType: "referral-file", TargetId: file.Id, CaseId: r.CaseId, Purpose: "referral.file"));
        }, ct);

    public enum ActionOutcome { Done, NotFound, NotAllowed, Invalid }

    public async Task<ActionOutcome> AcknowledgeAsync(Viewer viewer, Guid id, CancellationToken ct = default)
    {
        var r = await DeskReferralAsync(viewer, id, ct);
        if (r is null)
            return ActionOutcome.NotFound;
        if (r.AcknowledgedAt is not null)
            return ActionOutcome.Done;
        try
        {
            await audit.InTransactionAsync(async () =>
            {
                Acknowledge(r, viewer);
                await db.SaveChangesAsync(ct);
                return (true, Event(ReferralsAudit.ReferralAcknowledged, viewer, r, "referral.acknowledge"));
            }, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear(); // someone else acknowledged or dispatched it first: nothing more to do
        }
        signal.Pulse();
        return ActionOutcome.Done;
    }

    /// <summary>Exact matches among the cases the viewer may see, from every registered matcher; audited as a search.</summary>
    public async Task<IReadOnlyList<MatchCandidate>> DuplicatesAsync(Viewer viewer, ReferralContent content, Guid referralId, CancellationToken ct = default) =>
        await audit.InTransactionAsync(async () =>
        {
            var found = new List<MatchCandidate>();
            foreach (var matcher in matchers)
                found.AddRange(await matcher.FindAsync(viewer, ReferralLinkage.From("probe", content), ct));
            var merged = found.GroupBy(c => c.CaseId)
                .Select(g => new MatchCandidate(g.Key, g.First().CaseNumber, g.SelectMany(c => c.Reasons).Distinct().ToList(), g.Max(c => c.Score)))
                .ToList();
            return ((IReadOnlyList<MatchCandidate>)merged, new AuditRecord(CasesAudit.CaseSearched, ActorUserId: viewer.UserId, ActorInstitutionId: viewer.InstitutionId,
                TargetType: "referral", TargetId: referralId, Purpose: "referral.duplicate-check"));
        }, ct);

    /// <summary>The Squad's investigators the desk may hand a new case to.</summary>
    public async Task<IReadOnlyList<(string UserName, string Name)>> InvestigatorsAsync(Viewer viewer, CancellationToken ct = default)
    {
        var holders = await users.GetUsersInRoleAsync(RoleCatalog.Investigator);
        return holders.Where(u => u.InstitutionId == viewer.InstitutionId && !u.IsDisabled)
            .OrderBy(u => u.DisplayName, StringComparer.CurrentCulture).Select(u => (u.UserName!, u.DisplayName)).ToList();
    }

    /// <summary>
    /// Opens a case from the referral (handing it to an investigator, or keeping it) or joins the referral
    /// to a case the viewer can already see. Implies acknowledgement.
    /// </summary>
    public async Task<(ActionOutcome Outcome, Guid? CaseId, string? ErrorKey)> DispatchAsync(
        Viewer viewer, Guid id, string? investigatorUserName, Guid? existingCaseId, CancellationToken ct = default)
    {
        var r = await DeskReferralAsync(viewer, id, ct);
        if (r is null)
            return (ActionOutcome.NotFound, null, null);
        if (r.Status is ReferralStatus.CaseOpened or ReferralStatus.NotTakenForward)
            return (ActionOutcome.Invalid, null, "Referral_AlreadyClosed");
        Guid? investigatorId = null;
        if (!string.IsNullOrWhiteSpace(investigatorUserName))
        {
            var user = await users.FindByNameAsync(investigatorUserName.Trim().ToLowerInvariant());
            if (user is null || user.IsDisabled || user.InstitutionId != viewer.InstitutionId || !await users.IsInRoleAsync(user, RoleCatalog.Investigator))
                return (ActionOutcome.Invalid, null, "Referral_InvestigatorInvalid");
            investigatorId = user.Id;
        }
        if (existingCaseId is { } existing && await access.RightsAsync(viewer, existing, ct) is not { IsBreakGlass: false })
            return (ActionOutcome.Invalid, null, "Referral_CaseNotVisible");

        var key = await dataKeys.UnwrapAsync(r.DataKeyId, ct);
        var content = key is null ? new ReferralContent()
            : JsonSerializer.Deserialize<ReferralContent>(FieldCipher.Decrypt(key, r.ContentEnc, Table, nameof(Referral.ContentEnc), r.Id, r.DataKeyId) ?? "{}", Json)!;
        var strategy = db.Database.CreateExecutionStrategy();
        Guid caseId;
        try
        {
            caseId = await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            Guid target;
            if (existingCaseId is { } joined)
            {
                target = joined;
                // A child's referral joined to a case makes it a child's case (only an age assessment may say otherwise).
                var c = await db.Cases.FirstAsync(x => x.Id == joined, ct);
                if (r.Child && !c.IsMinor)
                    await AgeAssessmentService.MakeChildAsync(db, audit, c, viewer, time.GetUtcNow(), ct);
            }
            else
            {
                var view = await cases.CreateAsync(viewer, ToCaseInput(content, r), investigatorId, ct);
                target = view.Id;
            }
            Acknowledge(r, viewer);
            r.Status = ReferralStatus.CaseOpened;
            r.CaseId = target;
            r.ClosedAt = time.GetUtcNow();
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(Event(ReferralsAudit.ReferralDispatched, viewer, r, existingCaseId is null ? "referral.open-case" : "referral.join-case"), ct);
            await transaction.CommitAsync(ct);
            return target;
        });
        }
        catch (DbUpdateConcurrencyException)
        {
            // A second submission (or a colleague) dealt with it first; this transaction, and the case it made, rolled back.
            db.ChangeTracker.Clear();
            return (ActionOutcome.Invalid, null, "Referral_AlreadyClosed");
        }
        signal.Pulse();
        return (ActionOutcome.Done, caseId, null);
    }

    public static readonly string[] CloseReasons = ["not-trafficking", "duplicate", "insufficient-information", "other-authority"];

    public async Task<ActionOutcome> CloseAsync(Viewer viewer, Guid id, string? reason, CancellationToken ct = default)
    {
        var r = await DeskReferralAsync(viewer, id, ct);
        if (r is null)
            return ActionOutcome.NotFound;
        if (reason is null || !CloseReasons.Contains(reason) || r.Status is ReferralStatus.CaseOpened or ReferralStatus.NotTakenForward)
            return ActionOutcome.Invalid;
        try
        {
            await audit.InTransactionAsync(async () =>
            {
                Acknowledge(r, viewer);
                r.Status = ReferralStatus.NotTakenForward;
                r.ClosedAt = time.GetUtcNow();
                await db.SaveChangesAsync(ct);
                return (true, Event(ReferralsAudit.ReferralClosed, viewer, r, "referral.close:" + reason));
            }, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return ActionOutcome.Invalid;
        }
        signal.Pulse();
        return ActionOutcome.Done;
    }

    /// <summary>
    /// Every unacknowledged referral past its deadline is escalated once: each squad chief of the Squad is
    /// notified and the event audited. Run by <see cref="ReferralDeadlineJob"/>; tests call it after moving the clock.
    /// </summary>
    public async Task<int> EscalateOverdueAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var overdue = await db.Referrals.AsNoTracking().Where(r => r.AcknowledgedAt == null && r.EscalatedAt == null && r.AcknowledgeBy <= now)
            .OrderBy(r => r.AcknowledgeBy).Take(500).ToListAsync(ct);
        if (overdue.Count == 0)
            return 0;
        var chiefs = (await users.GetUsersInRoleAsync(RoleCatalog.SquadChief)).Where(u => !u.IsDisabled).ToList();
        var escalated = 0;
        foreach (var r in overdue)
        {
            var strategy = db.Database.CreateExecutionStrategy();
            escalated += await strategy.ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                // Conditional: acknowledged meanwhile, or escalated by another node (or a test calling in), changes nothing.
                var claimed = await db.Referrals.Where(x => x.Id == r.Id && x.EscalatedAt == null && x.AcknowledgedAt == null)
                    .ExecuteUpdateAsync(u => u.SetProperty(x => x.EscalatedAt, now), ct);
                if (claimed == 0)
                    return 0;
                foreach (var chief in chiefs.Where(c => c.InstitutionId == r.SquadInstitutionId))
                    db.Notifications.Add(new Notification { RecipientUserId = chief.Id, Kind = "referral-overdue", CaseNumber = r.Number, CreatedAt = now });
                await db.SaveChangesAsync(ct);
                await audit.AppendAsync(new AuditRecord(ReferralsAudit.ReferralEscalated, TargetType: "referral", TargetId: r.Id, Purpose: "referral.deadline:" + r.Urgency), ct);
                await transaction.CommitAsync(ct);
                return 1;
            });
        }
        signal.Pulse();
        return escalated;
    }

    public sealed record Figures(int OverdueNow, int WaitingNow, int ReceivedLast30Days, int AcknowledgedLateLast30Days, int EscalatedLast30Days);

    /// <summary>The Coordinator's counts: no identifiers, no personal data, no case numbers.</summary>
    public async Task<Figures> FiguresAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var since = now.AddDays(-30);
        var overdue = await db.Referrals.CountAsync(r => r.AcknowledgedAt == null && r.Status == ReferralStatus.Received && r.AcknowledgeBy <= now, ct);
        var waiting = await db.Referrals.CountAsync(r => r.Status == ReferralStatus.Received, ct);
        var received = await db.Referrals.CountAsync(r => r.ReceivedAt >= since, ct);
        var late = await db.Referrals.CountAsync(r => r.ReceivedAt >= since && r.AcknowledgedAt != null && r.AcknowledgedAt > r.AcknowledgeBy, ct);
        var escalated = await db.Referrals.CountAsync(r => r.EscalatedAt != null && r.EscalatedAt >= since, ct);
        return new Figures(overdue, waiting, received, late, escalated);
    }

    private void Acknowledge(Referral r, Viewer viewer)
    {
        if (r.AcknowledgedAt is not null)
            return;
        r.AcknowledgedAt = time.GetUtcNow();
        r.AcknowledgedBy = viewer.UserId;
        if (r.Status == ReferralStatus.Received)
            r.Status = ReferralStatus.Acknowledged;
    }

    /// <summary>The referral if the viewer staffs the desk it was sent to; otherwise null, and the denial is audited.</summary>
    private async Task<Referral?> DeskReferralAsync(Viewer viewer, Guid id, CancellationToken ct)
    {
        var r = viewer.OnDutyDesk
            ? await access.VisibleReferrals(viewer).FirstOrDefaultAsync(x => x.Id == id && x.SquadInstitutionId == viewer.InstitutionId, ct)
            : null;
        if (r is null)
            await audit.RecordAsync(Denied(viewer, id, "referral.desk-action"), ct);
        return r;
    }

    private static CaseInput ToCaseInput(ReferralContent content, Referral r) => new()
    {
        GivenName = content.GivenName,
        FamilyName = content.FamilyName,
        Patronymic = content.Patronymic,
        DateOfBirth = content.DateOfBirth,
        Sex = content.Sex,
        Citizenship = content.Citizenship,
        Languages = content.Languages,
        DocumentNumber = content.DocumentNumber,
        Phone = content.Phone,
        Whereabouts = content.Whereabouts,
        Situation = string.Join("\n\n", new[] { content.Observations, content.Danger }.Where(s => !string.IsNullOrWhiteSpace(s))),
        IsMinor = r.Child,
    };

    private static AuditRecord Event(AuditAction action, Viewer viewer, Referral r, string purpose) =>
        new(action, ActorUserId: viewer.UserId, ActorInstitutionId: viewer.InstitutionId, TargetType: "referral", TargetId: r.Id, CaseId: r.CaseId,
            Relation: "duty-desk", Purpose: purpose);

    private static AuditRecord Denied(Viewer viewer, Guid id, string purpose) =>
        new(ReferralsAudit.ReferralDenied, AuditOutcome.Denied, viewer.UserId, viewer.InstitutionId, "referral", id, null, null, purpose);

    private async Task<Guid?> SquadAsync(CancellationToken ct)
    {
        var code = configuration["Referrals:SquadInstitutionCode"];
        return await db.Institutions.Where(i => i.IsActive && i.Kind == InstitutionKind.AntiTraffickingSquad && (code == null || i.Code == code))
            .OrderBy(i => i.Code).Select(i => (Guid?)i.Id).FirstOrDefaultAsync(ct);
    }

    private async Task<string> NewNumberAsync(DateTimeOffset now, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var number = $"REF-{now.Year}-{RandomNumberGenerator.GetInt32(0, 1_000_000):D6}";
            if (!await db.Referrals.AnyAsync(r => r.Number == number, ct) || attempt > 20)
                return number;
        }
    }

    private async Task<long> NewSequenceAsync(DateTimeOffset now, CancellationToken ct)
    {
        var sequence = (now - DateTimeOffset.UnixEpoch).Ticks / 10;
        var last = await db.Referrals.MaxAsync(r => (long?)r.Sequence, ct) ?? 0;
        return Math.Max(sequence, last + 1);
    }

    private static byte[] EncryptBytes(byte[] key, byte[] content, Guid fileId, Guid keyId) =>
        FieldCipher.EncryptBytes(key, content, "referral_files", nameof(ReferralFile.ContentEnc), fileId, keyId);

    private static byte[] DecryptBytes(byte[] key, byte[] content, Guid fileId, Guid keyId) =>
        FieldCipher.DecryptBytes(key, content, "referral_files", nameof(ReferralFile.ContentEnc), fileId, keyId);
}
