using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Referrals;

/// <summary>
/// The Squad's duty desk: its live queue (and the referrer's list of what its institution sent), one
/// referral as a viewer may see it, its supporting files, acknowledgement, and the check for people
/// already known. Every read and change goes through <see cref="ReferralVisibility.VisibleReferrals"/> and is audited.
/// </summary>
public sealed class ReferralDesk(
    AriadneDbContext db, CaseAccess access, DataKeys dataKeys, AuditTrail audit, AuditedWrites writes, TimeProvider time,
    IEnumerable<IPersonMatcher> matchers, ReferralSignal signal, UserManager<AriadneUser> users)
{
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

    /// <summary>What the desk's live view watches: how many wait for acknowledgement, and the key and state of each open referral.</summary>
    public sealed record DeskState(int Waiting, long Latest, IReadOnlySet<(long Sequence, ReferralStatus Status)> Open);

    /// <summary>
    /// The desk's open referrals (received or acknowledged), key and state only: any arrival, acknowledgement or closure changes
    /// this set, whatever order the keys commit in (a key drawn earlier can commit later, below the newest). It can be read through the
    /// partial index of open referrals, so it costs what the desk has to do, not what it ever received (the count of everything
    /// received that it replaces read the desk's whole history at every poll of every officer).
    /// </summary>
    public async Task<DeskState> DeskStateAsync(Viewer viewer, CancellationToken ct = default)
    {
        var open = await access.VisibleReferrals(viewer)
            .Where(r => viewer.OnDutyDesk && r.SquadInstitutionId == viewer.InstitutionId
                && (r.Status == ReferralStatus.Received || r.Status == ReferralStatus.Acknowledged))
            .Select(r => new { r.Sequence, r.Status }).ToListAsync(ct);
        return new DeskState(open.Count(r => r.Status == ReferralStatus.Received), open.Count == 0 ? 0 : open.Max(r => r.Sequence),
            open.Select(r => (r.Sequence, r.Status)).ToHashSet());
    }

    public sealed record FileInfo(Guid Id, string Name, string ContentType, long Size);

    /// <summary>A referral as one viewer may see it and what they may do with it.</summary>
    public sealed record View(Referral Referral, ReferralContent? Content, IReadOnlyList<FileInfo> Files, string ReferringInstitution,
        bool IsDesk, bool IsReferrer, bool IsInvestigator, string? CaseNumber);

    public Task<View?> ReadAsync(Viewer viewer, Guid id, AuditPurpose purpose, bool includeContent = true, CancellationToken ct = default) =>
        writes.RunAsync(viewer, async ct =>
        {
            var r = await access.VisibleReferrals(viewer).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
            if (r is null)
                return new Audited<View?>(null, Denied(viewer, id, purpose));
            var key = includeContent ? await dataKeys.UnwrapAsync(r.DataKeyId, ct) : null;
            var content = key is null ? null : ReferralVault.OpenContent(db, r, key);
            var fileRows = await db.ReferralFiles.AsNoTracking().Where(f => f.ReferralId == r.Id).OrderBy(f => f.UploadedAt)
                .Select(f => new { f.Id, f.NameEnc, f.ContentType, f.Size }).ToListAsync(ct);
            var files = fileRows.Select(f => new FileInfo(f.Id,
                key is null ? "—" : ReferralVault.OpenFileName(db, f.Id, f.NameEnc, key, r.DataKeyId) ?? "file",
                f.ContentType, f.Size)).ToList();
            var referring = await db.Institutions.Where(i => i.Id == r.ReferringInstitutionId).Select(i => i.Name).FirstAsync(ct);
            var isDesk = viewer.OnDutyDesk && r.SquadInstitutionId == viewer.InstitutionId;
            var isReferrer = ReferralIntake.CanRefer(viewer) && r.ReferringInstitutionId == viewer.InstitutionId;
            var isInvestigator = r.CaseId is { } caseId && await access.ActiveGrants(viewer).AnyAsync(g => g.CaseId == caseId && g.Relation == Relation.Investigator, ct);
            // The referrer keeps the status of the referral it made, and only that: not the case it became.
            var caseNumber = r.CaseId is { } cid && (isDesk || isInvestigator) ? await db.Cases.Where(c => c.Id == cid).Select(c => c.Number).FirstAsync(ct) : null;
            var relation = isDesk ? "duty-desk" : isInvestigator ? nameof(Relation.Investigator) : nameof(Relation.Referrer);
            return new Audited<View?>(new View(r, content, files, referring, isDesk, isReferrer, isInvestigator, caseNumber),
                new AuditRecord(ReferralsAudit.ReferralViewed, TargetType: ReferralsAudit.Referral, TargetId: r.Id, CaseId: r.CaseId, Relation: relation, Purpose: purpose));
        }, ct);

    /// <summary>One supporting file, decrypted, for a viewer who may see the referral; audited.</summary>
    public Task<(string Name, string ContentType, byte[] Content)?> FileAsync(Viewer viewer, Guid referralId, Guid fileId, CancellationToken ct = default) =>
        writes.RunAsync(viewer, async ct =>
        {
            var r = await access.VisibleReferrals(viewer).AsNoTracking().FirstOrDefaultAsync(x => x.Id == referralId, ct);
            var file = r is null ? null : await db.ReferralFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId && f.ReferralId == referralId, ct);
            var key = r is null ? null : await dataKeys.UnwrapAsync(r.DataKeyId, ct);
            if (r is null || file is null || key is null)
                return new Audited<(string, string, byte[])?>(null, Denied(viewer, referralId, ReferralsAudit.ReadFile));
            var name = ReferralVault.OpenFileName(db, file.Id, file.NameEnc, key, r.DataKeyId) ?? "file";
            var content = ReferralVault.OpenFileContent(db, file, key, r.DataKeyId);
            return new Audited<(string, string, byte[])?>((name, file.ContentType, content),
                new AuditRecord(ReferralsAudit.ReferralFileRead, TargetType: ReferralsAudit.ReferralFile, TargetId: file.Id, CaseId: r.CaseId, Purpose: ReferralsAudit.ReadFile));
        }, ct);

    public async Task<ReferralActionOutcome> AcknowledgeAsync(Viewer viewer, Guid id, CancellationToken ct = default)
    {
        var r = await DeskReferralAsync(viewer, id, ct);
        if (r is null)
            return ReferralActionOutcome.NotFound;
        if (r.AcknowledgedAt is not null)
            return ReferralActionOutcome.Done;
        try
        {
            await writes.RunAsync(viewer, ct =>
            {
                Acknowledge(r, viewer);
                return Task.FromResult(new Audited<bool>(true, DeskEvent(ReferralsAudit.ReferralAcknowledged, viewer, r, ReferralsAudit.Acknowledge)));
            }, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear(); // someone else acknowledged or dispatched it first: nothing more to do
        }
        signal.Pulse();
        return ReferralActionOutcome.Done;
    }

    /// <summary>Exact matches among the cases the viewer may see, from every registered matcher; audited as a search.</summary>
    public Task<IReadOnlyList<MatchCandidate>> DuplicatesAsync(Viewer viewer, ReferralContent content, Guid referralId, CancellationToken ct = default) =>
        writes.RunAsync(viewer, async ct =>
        {
            var found = new List<MatchCandidate>();
            foreach (var matcher in matchers)
                found.AddRange(await matcher.FindAsync(viewer, ReferralLinkage.From("probe", content), ct));
            var merged = found.GroupBy(c => c.CaseId)
                .Select(g => new MatchCandidate(g.Key, g.First().CaseNumber, g.SelectMany(c => c.Reasons).Distinct().ToList(), g.Max(c => c.Score)))
                .ToList();
            return new Audited<IReadOnlyList<MatchCandidate>>(merged,
                new AuditRecord(CasesAudit.CaseSearched, TargetType: ReferralsAudit.Referral, TargetId: referralId, Purpose: ReferralsAudit.DuplicateCheck));
        }, ct);

    /// <summary>The Squad's investigators the desk may hand a new case to.</summary>
    public async Task<IReadOnlyList<(string UserName, string Name)>> InvestigatorsAsync(Viewer viewer, CancellationToken ct = default)
    {
        // The desk's own institution's investigators only, read as two columns: Identity's GetUsersInRoleAsync loads every
        // investigator of every institution as a whole account (the referral page's slowest part under load).
        var role = users.NormalizeName(RoleCatalog.Investigator);
        var holders = await (from u in db.Users.AsNoTracking()
                             where u.InstitutionId == viewer.InstitutionId && !u.IsDisabled
                                 && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.NormalizedName == role))
                             select new { u.UserName, u.DisplayName }).ToListAsync(ct);
        return holders.OrderBy(u => u.DisplayName, StringComparer.CurrentCulture).Select(u => (u.UserName!, u.DisplayName)).ToList();
    }

    /// <summary>Marks the referral acknowledged by the viewer, once (any desk action implies it).</summary>
    internal void Acknowledge(Referral r, Viewer viewer)
    {
        if (r.AcknowledgedAt is not null)
            return;
        r.AcknowledgedAt = time.GetUtcNow();
        r.AcknowledgedBy = viewer.UserId;
        if (r.Status == ReferralStatus.Received)
            r.Status = ReferralStatus.Acknowledged;
    }

    /// <summary>The referral if the viewer staffs the desk it was sent to; otherwise null, and the denial is audited.</summary>
    internal async Task<Referral?> DeskReferralAsync(Viewer viewer, Guid id, CancellationToken ct)
    {
        var r = viewer.OnDutyDesk
            ? await access.VisibleReferrals(viewer).FirstOrDefaultAsync(x => x.Id == id && x.SquadInstitutionId == viewer.InstitutionId, ct)
            : null;
        if (r is null)
            await audit.RecordAsync(Denied(viewer, id, ReferralsAudit.DeskAction), ct);
        return r;
    }

    /// <summary>A desk action's event (the viewer is the actor).</summary>
    internal static AuditRecord DeskEvent(AuditAction action, Viewer viewer, Referral r, AuditPurpose purpose) =>
        new(action, ActorUserId: viewer.UserId, ActorInstitutionId: viewer.InstitutionId, TargetType: ReferralsAudit.Referral, TargetId: r.Id, CaseId: r.CaseId,
            Relation: "duty-desk", Purpose: purpose);

    private static AuditRecord Denied(Viewer viewer, Guid id, AuditPurpose purpose) =>
        new(ReferralsAudit.ReferralDenied, AuditOutcome.Denied, viewer.UserId, viewer.InstitutionId, ReferralsAudit.Referral, id, null, null, purpose);
}
