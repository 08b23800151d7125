using System.Numerics;
using System.Security.Cryptography;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Features.Referrals;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Notifications;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Ui;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ariadne.Web.Features.InformationRequests;

/// <summary>
/// Information under need-to-know (issue 16 §7). One institution asks for what another holds on a case; the National Coordinator
/// decides. The rules, in one place:
/// <list type="bullet">
/// <item>Filing: a person whose role works with cases (<see cref="RequesterRoles"/>) gives the reference they know (a case or a
/// referral number), the purpose, the legal basis, the classes wanted (only those their own roles could ever hold:
/// <see cref="Ceiling"/>) and the period (at most <see cref="InformationRequestsOptions.MaxDays"/>). The answer is "request
/// received" whether or not such a case exists; the requester never learns who holds it.</item>
/// <item>Who sees a request (<see cref="StandingOn"/>): the person who filed it (never a colleague); the Coordinator (the Coordinator
/// role at the National Coordinator; analysts neither see nor decide); and, when the reference resolved to a case, the people of the
/// case's responsible institution who hold a grant on it (the holder), who may give an opinion. Anyone else gets a 404.</item>
/// <item>The Coordinator sees which institutions hold the case (names only, never its content) and decides: approve, approve less
/// (fewer classes, a shorter period, with a reason), or refuse with a reason. Deciding gives the Coordinator no access to the case.</item>
/// <item>An approval makes one <see cref="Grant"/> to the requesting person (not their institution: the need is that person's),
/// relation <see cref="Relation.InformationRequest"/>, read-only, the classes approved (with Status), from now to the expiry. The
/// case predicate enforces it and it lapses by itself; the Coordinator may revoke it early. Every step is audited in its
/// transaction and told to the requester, the holder and the Coordinator.</item>
/// </list>
/// </summary>
public sealed class InformationRequests(AriadneDbContext db, CaseAccess access, AuditedWrites writes, AuditTrail audit, DataKeys dataKeys,
    TimeProvider time, UiTime uiTime, IOptions<InformationRequestsOptions> options, IStringLocalizer<SharedResource> text)
{
    public const int MaxReference = 40;
    public const int MaxBasisReference = 200;
    public const int MinPurpose = 20;
    public const int MaxPurpose = 2000;
    public const int MinReason = 10;
    public const int MaxReason = 1000;
    private const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    /// <summary>The roles that work with cases and may ask: not the Coordinator's office, the helpline, oversight or administration.</summary>
    public static readonly string[] RequesterRoles =
    [
        RoleCatalog.Investigator, RoleCatalog.IdentificationOfficer, RoleCatalog.SquadChief, RoleCatalog.LawEnforcementOfficer, RoleCatalog.Prosecutor,
        RoleCatalog.CourtClerk, RoleCatalog.ShelterManager, RoleCatalog.SocialWorker, RoleCatalog.ServiceProfessional, RoleCatalog.PartnerOfficer,
    ];

    /// <summary>The classes a request may ask for (those a release may open at all), in the order of the case's fields.</summary>
    public static readonly DataClass[] Classes =
        [.. CaseFields.Classes.Where(c => (AccessMatrix.Default[Relation.InformationRequest].Read & c) == c)];

    /// <summary>How the viewer stands to the requests.</summary>
    public sealed record Standing(Guid UserId, Guid InstitutionId, InstitutionKind? Kind, bool Requester, bool Coordinator, DataClass Ceiling);

    /// <summary>How the viewer stands to one request.</summary>
    public sealed record RequestStanding(bool Requester, bool Coordinator, bool Holder)
    {
        public bool Any => Requester || Coordinator || Holder;
    }

    public sealed class NewInput
    {
        public string? Reference { get; set; }
        public string? Purpose { get; set; }
        public LegalBasis? LegalBasis { get; set; }
        public string? BasisReference { get; set; }
        public List<DataClass> Classes { get; set; } = [];
        public int? Days { get; set; }
    }

    public sealed class OpinionInput
    {
        public OpinionKind? Opinion { get; set; }
        public string? Note { get; set; }
    }

    public sealed class DecisionInput
    {
        public DecisionOutcome? Outcome { get; set; }
        public List<DataClass> Classes { get; set; } = [];
        public int? Days { get; set; }
        public string? Reason { get; set; }
    }

    public sealed class RevokeInput
    {
        public string? Reason { get; set; }
    }

    public sealed record Row(Guid Id, string Number, DateTimeOffset SubmittedAt, string Requester, LegalBasis LegalBasis, DataClass Classes, int Days,
        RequestStatus Status, bool Lapsed, DateOnly OpinionDue, bool OpinionOverdue, OpinionKind? Opinion, DateTimeOffset? ExpiresAt, bool NoCase);

    public sealed record StepView(StepKind Kind, DateTimeOffset At, string? By);

    public sealed record View(
        Guid Id, string Number, DateTimeOffset SubmittedAt, string RequesterName, string RequesterInstitution, string Reference, string? Purpose,
        LegalBasis LegalBasis, string? BasisReference, DataClass RequestedClasses, int RequestedDays, RequestStatus Status, bool Lapsed,
        DateOnly OpinionDue, bool OpinionOverdue, OpinionKind? Opinion, string? OpinionNote, DateTimeOffset? OpinionAt,
        DateTimeOffset? DecidedAt, string? DecisionReason, DataClass ApprovedClasses, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt,
        IReadOnlyList<StepView> Timeline, RequestStanding Standing,
        // The Coordinator's office only: what the reference resolved to and who holds the case (names).
        ReferenceMatch? Match, IReadOnlyList<string>? Holders,
        // The requester only, while the release is in force: the case to open.
        Guid? ReleasedCaseId, bool MayOpine, bool MayDecide, bool MayRevoke);

    private DateTimeOffset Now => time.GetUtcNow();

    private InformationRequestsOptions Options => options.Value;

    public int MaxDays => Options.MaxDays;

    public static string NewNumber(DateTimeOffset now) => $"IR-{now.UtcDateTime.Year}-{new string(RandomNumberGenerator.GetItems<char>(Alphabet, 6))}";

    /// <summary>
    /// The most a holder of these roles at an institution of this kind could ever read on a case through a relation of their own
    /// (the access matrix), within what an information request may release at all: a request never asks for more.
    /// </summary>
    public static DataClass Ceiling(InstitutionKind? kind, IReadOnlyCollection<string> roles)
    {
        if (kind is not { } k || !roles.Any(RequesterRoles.Contains))
            return DataClass.None;
        var own = AccessMatrix.Default
            .Where(m => m.Key is not Relation.InformationRequest and not Relation.CoordinatorInformation)
            .Where(m => m.Value.Kinds.Contains(k) && m.Value.Roles.Overlaps(roles.Where(RequesterRoles.Contains)))
            .Aggregate(DataClass.None, (acc, m) => acc | m.Value.Read);
        var release = AccessMatrix.Default[Relation.InformationRequest];
        return release.Kinds.Contains(k) ? own & release.Read : DataClass.None;
    }

    public async Task<Standing> StandingAsync(Viewer viewer, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        var kind = await db.Institutions.AsNoTracking().Where(i => i.Id == viewer.InstitutionId && i.IsActive).Select(i => (InstitutionKind?)i.Kind)
            .FirstOrDefaultAsync(ct);
        var coordinator = kind == InstitutionKind.NationalCoordinator && roles.Contains(RoleCatalog.Coordinator);
        var ceiling = Ceiling(kind, roles);
        return new Standing(viewer.UserId, viewer.InstitutionId, kind, ceiling != DataClass.None, coordinator, ceiling);
    }

    /// <summary>The requests on cases the viewer's institution is responsible for and the viewer holds a grant on (the holder's view).</summary>
    private IQueryable<InformationRequest> HeldFor(Viewer viewer)
    {
        var held = access.ActiveGrants(viewer).Where(g => g.Relation != Relation.InformationRequest && g.Relation != Relation.CoordinatorInformation)
            .Select(g => g.CaseId);
        return from r in db.InformationRequests.AsNoTracking()
               join c in db.Cases on r.CaseId equals c.Id
               where c.ResponsibleInstitutionId == viewer.InstitutionId && r.RequestedBy != viewer.UserId && held.Contains(c.Id)
               select r;
    }

    /// <summary>How the viewer stands to one request; nothing for anyone else.</summary>
    private async Task<RequestStanding> StandingOn(Viewer viewer, Standing s, InformationRequest r, CancellationToken ct) =>
        new(r.RequestedBy == viewer.UserId, s.Coordinator,
            r.CaseId is not null && await HeldFor(viewer).AnyAsync(x => x.Id == r.Id, ct));

    private bool IsLapsed(InformationRequest r) =>
        r.Status is RequestStatus.Approved or RequestStatus.PartlyApproved && r.ExpiresAt is { } e && e <= Now;

    private bool IsOpinionOverdue(InformationRequest r) => r.Status == RequestStatus.Submitted && r.Opinion is null && r.CaseId is not null && r.OpinionDue < uiTime.Today;

    // ------------------------------------------------------------------ filing

    /// <summary>
    /// Files a request. Null when the viewer may not ask at all; else the errors (empty when filed) and the request's id. The answer is
    /// the same whether the reference names a case or not: what it resolved to is kept for the Coordinator's office.
    /// </summary>
    public async Task<(Guid? Id, Dictionary<string, string[]>? Errors)> SubmitAsync(Viewer viewer, IReadOnlyCollection<string> roles, NewInput input,
        IdempotentRequest? request = null, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        if (!s.Requester)
        {
            await DeniedAsync(viewer, null, ct);
            return (null, null);
        }
        if (await writes.SeenAsync(viewer, request, ct) is { } seen)
            return seen.Outcome == OnceOutcome.KeyConflict ? (null, new() { [""] = [text["Api_IdempotencyKeyReused"]] }) : (seen.Result, []);
        var errors = new Dictionary<string, string[]>();
        var reference = Normalise(input.Reference);
        if (reference.Length == 0)
            errors[nameof(NewInput.Reference)] = [text["Info_ReferenceRequired"]];
        else if (reference.Length > MaxReference)
            errors[nameof(NewInput.Reference)] = [text["Validation_TooLong", MaxReference]];
        var purpose = input.Purpose?.Trim() ?? "";
        if (purpose.Length < MinPurpose)
            errors[nameof(NewInput.Purpose)] = [text["Info_PurposeRequired", MinPurpose]];
        else if (purpose.Length > MaxPurpose)
            errors[nameof(NewInput.Purpose)] = [text["Validation_TooLong", MaxPurpose]];
        if (input.LegalBasis is not { } basis || !Enum.IsDefined(basis))
            errors[nameof(NewInput.LegalBasis)] = [text["Info_BasisRequired"]];
        var basisReference = string.IsNullOrWhiteSpace(input.BasisReference) ? null : input.BasisReference.Trim();
        if (basisReference is { Length: > MaxBasisReference })
            errors[nameof(NewInput.BasisReference)] = [text["Validation_TooLong", MaxBasisReference]];
        var classes = input.Classes.Aggregate(DataClass.None, (a, b) => a | b) | DataClass.Status;
        if (input.Classes.Count == 0)
            errors[nameof(NewInput.Classes)] = [text["Info_ClassesRequired"]];
        else if ((classes & ~s.Ceiling) != 0 || input.Classes.Any(c => !Classes.Contains(c)))
            errors[nameof(NewInput.Classes)] = [text["Info_ClassesBeyondRole"]];
        if (input.Days is not { } days)
            errors[nameof(NewInput.Days)] = [text["Info_DaysRequired", Options.MaxDays]];
        else if (days < 1 || days > Options.MaxDays)
            errors[nameof(NewInput.Days)] = [text["Info_DaysRange", Options.MaxDays]];
        if (errors.Count > 0)
            return (null, errors);

        // Resolved by the system; the requester is told nothing of it.
        var (caseId, match) = await ResolveAsync(reference, ct);

        async Task<Audited<Guid>> Work(CancellationToken ct)
        {
            var now = Now;
            var (key, raw) = dataKeys.Create();
            var row = new InformationRequest
            {
                Number = NewNumber(now),
                RequestedBy = viewer.UserId,
                RequesterInstitutionId = viewer.InstitutionId,
                Reference = reference,
                CaseId = caseId,
                Match = match,
                LegalBasis = input.LegalBasis!.Value,
                BasisReference = basisReference,
                DataKeyId = key.Id,
                RequestedClasses = classes,
                RequestedDays = input.Days!.Value,
                SubmittedAt = now,
                OpinionDue = uiTime.DayOf(now).AddDays(Options.OpinionDays),
            };
            row.PurposeEnc = db.Seal(row, r => r.PurposeEnc, purpose, raw, key.Id);
            db.InformationRequests.Add(row);
            db.InformationRequestSteps.Add(new InformationRequestStep { RequestId = row.Id, Kind = StepKind.Submitted, At = now, By = viewer.UserId });
            db.Notifications.Add(new Notification { RecipientRole = RoleCatalog.Coordinator, RecipientInstitutionId = await CoordinatorInstitutionAsync(ct), Kind = InformationRequestsAudit.SubmittedNotice, CaseNumber = row.Number, CreatedAt = now });
            if (caseId is { } id)
            {
                db.InformationRequestSteps.Add(new InformationRequestStep { RequestId = row.Id, Kind = StepKind.HolderAsked, At = now });
                await NotifyHolderAsync(id, InformationRequestsAudit.OpinionNotice, row.Number, now, ct);
            }
            await db.SaveChangesAsync(ct);
            return new Audited<Guid>(row.Id, new AuditRecord(InformationRequestsAudit.Submitted, TargetType: InformationRequestsAudit.Target, TargetId: row.Id,
                Purpose: InformationRequestsAudit.Request.For(input.LegalBasis!.Value)), row.Id);
        }
        if (request is null)
            return (await writes.RunSerializedAsync(viewer, Work, ct), errors);
        var once = await writes.RunOnceAsync(viewer, request, Work, (id, _) => Task.FromResult(id), ct);
        return once.Outcome == OnceOutcome.KeyConflict ? (null, new() { [""] = [text["Api_IdempotencyKeyReused"]] }) : (once.Result, errors);
    }

    private static string Normalise(string? reference) =>
        new string((reference ?? "").Trim().Where(c => !char.IsControl(c)).ToArray()).ToUpperInvariant();

    /// <summary>A case by its number, or the case a referral became by the referral's number.</summary>
    private async Task<(Guid? CaseId, ReferenceMatch Match)> ResolveAsync(string reference, CancellationToken ct)
    {
        if (await db.Cases.AsNoTracking().Where(c => c.Number == reference).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct) is { } byCase)
            return (byCase, ReferenceMatch.CaseNumber);
        if (await db.Referrals.AsNoTracking().Where(r => r.Number == reference && r.CaseId != null).Select(r => r.CaseId).FirstOrDefaultAsync(ct) is { } byReferral)
            return (byReferral, ReferenceMatch.ReferralNumber);
        return (null, ReferenceMatch.None);
    }

    private Task<Guid?> CoordinatorInstitutionAsync(CancellationToken ct) =>
        db.Institutions.AsNoTracking().Where(i => i.Kind == InstitutionKind.NationalCoordinator && i.IsActive).OrderBy(i => i.CreatedAt)
            .Select(i => (Guid?)i.Id).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Tells the holding institution: the people of the case's responsible institution who hold a grant on it by name; where none
    /// does, the institution's holders of a role that works with cases. The notice carries the request's number only.
    /// </summary>
    private async Task NotifyHolderAsync(Guid caseId, NotificationKind kind, string number, DateTimeOffset now, CancellationToken ct)
    {
        var responsible = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => c.ResponsibleInstitutionId).FirstAsync(ct);
        var people = await (from g in db.Grants.AsNoTracking().Where(CaseAccess.InForce(now))
                            where g.CaseId == caseId && g.GranteeUserId != null && g.Relation != Relation.InformationRequest && g.Relation != Relation.CoordinatorInformation
                            join u in db.Users on g.GranteeUserId equals u.Id
                            where u.InstitutionId == responsible && !u.IsDisabled
                            select u.Id).Distinct().ToListAsync(ct);
        if (people.Count > 0)
            db.Notifications.AddRange(people.Select(p => new Notification { RecipientUserId = p, Kind = kind, CaseNumber = number, CreatedAt = now }));
        else
            db.Notifications.Add(new Notification { RecipientInstitutionId = responsible, RecipientRole = RoleCatalog.SquadChief, Kind = kind, CaseNumber = number, CreatedAt = now });
    }

    // ------------------------------------------------------------------ lists

    /// <summary>The viewer's own requests, newest first.</summary>
    public async Task<IReadOnlyList<Row>> MineAsync(Viewer viewer, CancellationToken ct = default)
    {
        var rows = await db.InformationRequests.AsNoTracking().Where(r => r.RequestedBy == viewer.UserId).OrderByDescending(r => r.SubmittedAt).Take(500).ToListAsync(ct);
        // The requester's own list never says whether a holder was asked or has answered.
        return rows.Select(r => ToRow(r, "", forRequester: true)).ToList();
    }

    /// <summary>The Coordinator's queue: open requests first (oldest first), then the decided ones (newest first). Null for anyone else.</summary>
    public async Task<IReadOnlyList<Row>?> QueueAsync(Viewer viewer, IReadOnlyCollection<string> roles, bool openOnly = false, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        if (!s.Coordinator)
        {
            await DeniedAsync(viewer, null, ct);
            return null;
        }
        var query = db.InformationRequests.AsNoTracking();
        if (openOnly)
            query = query.Where(r => r.Status == RequestStatus.Submitted);
        var rows = await (from r in query
                          join i in db.Institutions on r.RequesterInstitutionId equals i.Id
                          orderby r.SubmittedAt descending
                          select new { r, i.Name }).Take(500).ToListAsync(ct);
        return rows.OrderBy(x => x.r.Status == RequestStatus.Submitted ? 0 : 1)
            .ThenBy(x => x.r.Status == RequestStatus.Submitted ? x.r.SubmittedAt.UtcTicks : -x.r.SubmittedAt.UtcTicks)
            .Select(x => ToRow(x.r, x.Name, forRequester: false)).ToList();
    }

    /// <summary>The requests on which the viewer's institution is asked for its opinion (the holder's list), newest first.</summary>
    public async Task<IReadOnlyList<Row>> ForHolderAsync(Viewer viewer, CancellationToken ct = default)
    {
        var rows = await (from r in HeldFor(viewer)
                          join i in db.Institutions on r.RequesterInstitutionId equals i.Id
                          orderby r.SubmittedAt descending
                          select new { r, i.Name }).Take(500).ToListAsync(ct);
        return rows.Select(x => ToRow(x.r, x.Name, forRequester: false)).ToList();
    }

    private Row ToRow(InformationRequest r, string requester, bool forRequester) =>
        new(r.Id, r.Number, r.SubmittedAt, requester, r.LegalBasis, r.RequestedClasses, r.RequestedDays, r.Status, IsLapsed(r), r.OpinionDue,
            !forRequester && IsOpinionOverdue(r), forRequester ? null : r.Opinion, r.ExpiresAt, !forRequester && r.CaseId is null);

    /// <summary>The Coordinator's home: requests waiting for a decision, and those whose holder's opinion is overdue.</summary>
    public async Task<(int Waiting, int OpinionsOverdue, IReadOnlyList<Row> Oldest)?> CoordinatorHomeAsync(Viewer viewer, IReadOnlyCollection<string> roles,
        CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        if (!s.Coordinator)
            return null;
        var open = await (from r in db.InformationRequests.AsNoTracking()
                          where r.Status == RequestStatus.Submitted
                          join i in db.Institutions on r.RequesterInstitutionId equals i.Id
                          orderby r.SubmittedAt
                          select new { r, i.Name }).Take(500).ToListAsync(ct);
        var rows = open.Select(x => ToRow(x.r, x.Name, false)).ToList();
        return (rows.Count, rows.Count(r => r.OpinionOverdue), rows);
    }

    /// <summary>The holder's home: requests on its cases still waiting for its opinion.</summary>
    public async Task<IReadOnlyList<Row>> OpinionsDueAsync(Viewer viewer, CancellationToken ct = default)
    {
        var rows = await (from r in HeldFor(viewer)
                          where r.Status == RequestStatus.Submitted && r.Opinion == null
                          join i in db.Institutions on r.RequesterInstitutionId equals i.Id
                          orderby r.OpinionDue
                          select new { r, i.Name }).Take(100).ToListAsync(ct);
        return rows.Select(x => ToRow(x.r, x.Name, false)).ToList();
    }

    // ------------------------------------------------------------------ one request

    /// <summary>One request as the viewer may see it (the read audited); null (a 404, the attempt audited) for anyone else.</summary>
    public async Task<View?> ReadAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid id, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        var r = await db.InformationRequests.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        var on = r is null ? new RequestStanding(false, false, false) : await StandingOn(viewer, s, r, ct);
        if (r is null || !on.Any)
        {
            await DeniedAsync(viewer, id, ct);
            return null;
        }
        var key = await dataKeys.UnwrapAsync(r.DataKeyId, ct);
        string? Open(System.Linq.Expressions.Expression<Func<InformationRequest, byte[]?>> field) => key is null ? null : db.Open(r, field, key, r.DataKeyId);
        var steps = await db.InformationRequestSteps.AsNoTracking().Where(x => x.RequestId == id).OrderBy(x => x.At).ThenBy(x => x.Kind).ToListAsync(ct);
        // The requester's timeline never shows the holder's part: that would say that a case exists and someone holds it.
        if (!on.Coordinator && !on.Holder)
            steps = steps.Where(x => x.Kind is not StepKind.HolderAsked and not StepKind.Opinion).ToList();
        var byIds = steps.Where(x => x.By is not null).Select(x => x.By!.Value).Append(r.RequestedBy).Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => byIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var institution = await db.Institutions.AsNoTracking().Where(i => i.Id == r.RequesterInstitutionId).Select(i => i.Name).FirstAsync(ct);
        var lapsed = IsLapsed(r);
        ReferenceMatch? match = on.Coordinator ? r.Match : null;
        var holders = on.Coordinator && r.CaseId is { } caseId ? await HolderNamesAsync(caseId, r.RequesterInstitutionId, ct) : null;
        Guid? released = null;
        if (on.Requester && r.CaseId is { } c && r.GrantId is { } grantId && r.Status is RequestStatus.Approved or RequestStatus.PartlyApproved && !lapsed
            && await access.ActiveGrants(viewer).AnyAsync(g => g.Id == grantId, ct))
            released = c;
        var holderSees = on.Coordinator || on.Holder;
        var view = new View(r.Id, r.Number, r.SubmittedAt, people.GetValueOrDefault(r.RequestedBy) ?? "", institution, r.Reference, Open(x => x.PurposeEnc),
            r.LegalBasis, r.BasisReference, r.RequestedClasses, r.RequestedDays, r.Status, lapsed, r.OpinionDue, holderSees && IsOpinionOverdue(r),
            holderSees ? r.Opinion : null, holderSees ? Open(x => x.OpinionNoteEnc) : null, holderSees ? r.OpinionAt : null,
            r.DecidedAt, Open(x => x.DecisionReasonEnc), r.ApprovedClasses, r.ExpiresAt, r.RevokedAt,
            [.. steps.Select(x => new StepView(x.Kind, x.At, x.By is { } b && (holderSees || b == r.RequestedBy || x.Kind is not StepKind.Opinion) ? people.GetValueOrDefault(b) : null))],
            on, match, holders, released,
            MayOpine: on.Holder && r.Status == RequestStatus.Submitted,
            MayDecide: on.Coordinator && r.Status == RequestStatus.Submitted,
            MayRevoke: on.Coordinator && r.Status is RequestStatus.Approved or RequestStatus.PartlyApproved && !lapsed);
        await writes.RunAsync(viewer, _ => Task.FromResult(new Audited<bool>(true, new AuditRecord(InformationRequestsAudit.Viewed,
            TargetType: InformationRequestsAudit.Target, TargetId: id, Relation: RelationOf(on), Purpose: PurposeOf(on)))), ct);
        return view;
    }

    /// <summary>The institutions that hold the case now (names only): its responsible institution and the institutions of the grants in force.</summary>
    private async Task<IReadOnlyList<string>> HolderNamesAsync(Guid caseId, Guid requesterInstitutionId, CancellationToken ct)
    {
        var now = Now;
        var grants = db.Grants.AsNoTracking().Where(CaseAccess.InForce(now))
            .Where(g => g.CaseId == caseId && g.Relation != Relation.InformationRequest && g.Relation != Relation.CoordinatorInformation);
        var byInstitution = grants.Where(g => g.GranteeInstitutionId != null).Select(g => g.GranteeInstitutionId!.Value);
        var byUser = from g in grants where g.GranteeUserId != null join u in db.Users on g.GranteeUserId equals u.Id select u.InstitutionId;
        var responsible = db.Cases.Where(c => c.Id == caseId).Select(c => c.ResponsibleInstitutionId);
        var ids = (await byInstitution.ToListAsync(ct)).Concat(await byUser.ToListAsync(ct)).Concat(await responsible.ToListAsync(ct)).Distinct().ToList();
        var names = await db.Institutions.AsNoTracking().Where(i => ids.Contains(i.Id)).Select(i => i.Name).ToListAsync(ct);
        return names.Order(StringComparer.CurrentCulture).ToList();
    }

    private static string RelationOf(RequestStanding on) =>
        on.Coordinator ? RoleCatalog.Coordinator : on.Holder ? "Holder" : "Requester";

    private static AuditPurpose PurposeOf(RequestStanding on) =>
        on.Coordinator ? InformationRequestsAudit.Review : on.Holder ? InformationRequestsAudit.HolderOpinion : InformationRequestsAudit.Request;

    // ------------------------------------------------------------------ the holder's opinion

    /// <summary>The holding institution's opinion (once, before the decision). Null for anyone but the holder.</summary>
    public async Task<Dictionary<string, string[]>?> OpineAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid id, OpinionInput input,
        CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        var r = await db.InformationRequests.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (r is null || !(await StandingOn(viewer, s, r, ct)).Holder)
        {
            await DeniedAsync(viewer, id, ct);
            return null;
        }
        if (r.Status != RequestStatus.Submitted)
            return new() { [""] = [text["Info_AlreadyDecided"]] };
        if (r.Opinion is not null)
            return new() { [""] = [text["Info_OpinionGiven"]] };
        var errors = new Dictionary<string, string[]>();
        if (input.Opinion is not { } opinion || !Enum.IsDefined(opinion))
            errors[nameof(OpinionInput.Opinion)] = [text["Info_OpinionRequired"]];
        var note = input.Note?.Trim() ?? "";
        if (input.Opinion == OpinionKind.Objection && note.Length < MinReason)
            errors[nameof(OpinionInput.Note)] = [text["Info_ObjectionNoteRequired", MinReason]];
        else if (note.Length > MaxReason)
            errors[nameof(OpinionInput.Note)] = [text["Validation_TooLong", MaxReason]];
        if (errors.Count > 0)
            return errors;
        var done = await writes.RunSerializedAsync(viewer, async ct =>
        {
            var row = await db.InformationRequests.FirstAsync(x => x.Id == id, ct);
            if (row.Opinion is not null || row.Status != RequestStatus.Submitted)
                return new Audited<bool>(false, new AuditRecord(InformationRequestsAudit.OpinionGiven, AuditOutcome.Denied, TargetType: InformationRequestsAudit.Target,
                    TargetId: id, Purpose: InformationRequestsAudit.HolderOpinion));
            var key = await dataKeys.UnwrapAsync(row.DataKeyId, ct) ?? throw new InvalidOperationException("The request's key is gone.");
            var now = Now;
            row.Opinion = input.Opinion;
            row.OpinionBy = viewer.UserId;
            row.OpinionAt = now;
            row.OpinionNoteEnc = note.Length == 0 ? null : db.Seal(row, x => x.OpinionNoteEnc, note, key, row.DataKeyId);
            db.InformationRequestSteps.Add(new InformationRequestStep { RequestId = id, Kind = StepKind.Opinion, At = now, By = viewer.UserId });
            db.Notifications.Add(new Notification { RecipientRole = RoleCatalog.Coordinator, RecipientInstitutionId = await CoordinatorInstitutionAsync(ct), Kind = InformationRequestsAudit.OpinionGivenNotice, CaseNumber = row.Number, CreatedAt = now });
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(InformationRequestsAudit.OpinionGiven, TargetType: InformationRequestsAudit.Target, TargetId: id,
                CaseId: row.CaseId, Relation: "Holder", Purpose: InformationRequestsAudit.HolderOpinion.For(input.Opinion!.Value)));
        }, ct);
        return done ? errors : new() { [""] = [text["Info_OpinionGiven"]] };
    }

    // ------------------------------------------------------------------ the decision

    /// <summary>
    /// The Coordinator decides: approve (the classes and period asked, or fewer and shorter, with a reason), or refuse with a reason.
    /// An approval makes the grant to the requesting person in the same transaction. Null for anyone but the Coordinator.
    /// </summary>
    public async Task<Dictionary<string, string[]>?> DecideAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid id, DecisionInput input,
        CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        var r = s.Coordinator ? await db.InformationRequests.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) : null;
        if (r is null)
        {
            await DeniedAsync(viewer, id, ct);
            return null;
        }
        if (r.Status != RequestStatus.Submitted)
            return new() { [""] = [text["Info_AlreadyDecided"]] };
        var errors = new Dictionary<string, string[]>();
        var reason = input.Reason?.Trim() ?? "";
        if (reason.Length > MaxReason)
            errors[nameof(DecisionInput.Reason)] = [text["Validation_TooLong", MaxReason]];
        var approved = input.Classes.Aggregate(DataClass.None, (a, b) => a | b) | DataClass.Status;
        var days = input.Days ?? r.RequestedDays;
        if (input.Outcome is not { } outcome || !Enum.IsDefined(outcome))
            errors[nameof(DecisionInput.Outcome)] = [text["Info_OutcomeRequired"]];
        else if (outcome == DecisionOutcome.Refuse)
        {
            if (reason.Length < MinReason)
                errors[nameof(DecisionInput.Reason)] = [text["Info_RefusalReasonRequired", MinReason]];
        }
        else
        {
            if (r.CaseId is null)
                errors[nameof(DecisionInput.Outcome)] = [text["Info_NothingToRelease"]];
            else if (r.Opinion is null && r.OpinionDue >= uiTime.Today)
                errors[nameof(DecisionInput.Outcome)] = [text["Info_WaitForOpinion", UiTime.FormatDay(r.OpinionDue)]];
            if ((approved & ~r.RequestedClasses) != 0 || input.Classes.Any(c => !Classes.Contains(c)))
                errors[nameof(DecisionInput.Classes)] = [text["Info_ClassesBeyondRequest"]];
            if (days < 1 || days > r.RequestedDays)
                errors[nameof(DecisionInput.Days)] = [text["Info_DecisionDaysRange", r.RequestedDays]];
            var narrowed = approved != r.RequestedClasses || days < r.RequestedDays;
            if (narrowed && reason.Length < MinReason && !errors.ContainsKey(nameof(DecisionInput.Reason)))
                errors[nameof(DecisionInput.Reason)] = [text["Info_NarrowReasonRequired", MinReason]];
            if (errors.Count == 0 && !await RequesterStillMayHoldAsync(r, approved, ct))
                errors[nameof(DecisionInput.Outcome)] = [text["Info_RequesterCannotHold"]];
        }
        if (errors.Count > 0)
            return errors;

        var done = await writes.RunSerializedAsync(viewer, async ct =>
        {
            var row = await db.InformationRequests.FirstAsync(x => x.Id == id, ct);
            if (row.Status != RequestStatus.Submitted)
                return new Audited<bool>(false, new AuditRecord(InformationRequestsAudit.Denied, AuditOutcome.Denied, TargetType: InformationRequestsAudit.Target,
                    TargetId: id, Purpose: InformationRequestsAudit.Review));
            var key = await dataKeys.UnwrapAsync(row.DataKeyId, ct) ?? throw new InvalidOperationException("The request's key is gone.");
            var now = Now;
            row.DecidedBy = viewer.UserId;
            row.DecidedAt = now;
            row.DecisionReasonEnc = reason.Length == 0 ? null : db.Seal(row, x => x.DecisionReasonEnc, reason, key, row.DataKeyId);
            AuditAction action;
            if (input.Outcome == DecisionOutcome.Refuse)
            {
                row.Status = RequestStatus.Refused;
                action = InformationRequestsAudit.Refused;
            }
            else
            {
                var partly = approved != row.RequestedClasses || days < row.RequestedDays;
                row.Status = partly ? RequestStatus.PartlyApproved : RequestStatus.Approved;
                action = partly ? InformationRequestsAudit.PartlyApproved : InformationRequestsAudit.Approved;
                row.ApprovedClasses = approved;
                row.ExpiresAt = now.AddDays(days);
                var recency = await db.Cases.Where(c => c.Id == row.CaseId).Select(c => c.Recency).FirstAsync(ct);
                var grant = new Grant
                {
                    CaseId = row.CaseId!.Value,
                    CaseRecency = recency,
                    GranteeUserId = row.RequestedBy,
                    Relation = Relation.InformationRequest,
                    Read = approved,
                    Write = DataClass.None,
                    ValidFrom = now,
                    ValidUntil = row.ExpiresAt,
                    GrantedBy = viewer.UserId,
                    Reason = row.Number,
                };
                db.Grants.Add(grant);
                row.GrantId = grant.Id;
                await db.SaveChangesAsync(ct);
                // The release itself: the grant's event carries the classes released; the grant holds the expiry.
                await audit.AppendAsync(new AuditRecord(PlatformAudit.GrantCreated, ActorUserId: viewer.UserId, ActorInstitutionId: viewer.InstitutionId,
                    TargetType: AuditTarget.Grant, TargetId: grant.Id, CaseId: grant.CaseId, Relation: nameof(Relation.InformationRequest),
                    Purpose: InformationRequestsAudit.Release.For(approved)), ct);
            }
            db.InformationRequestSteps.Add(new InformationRequestStep
            {
                RequestId = id,
                Kind = row.Status switch
                {
                    RequestStatus.Approved => StepKind.Approved,
                    RequestStatus.PartlyApproved => StepKind.PartlyApproved,
                    _ => StepKind.Refused,
                },
                At = now,
                By = viewer.UserId
            });
            db.Notifications.Add(new Notification { RecipientUserId = row.RequestedBy, Kind = InformationRequestsAudit.DecidedNotice, CaseNumber = row.Number, CreatedAt = now });
            if (row.CaseId is { } caseId)
                await NotifyHolderAsync(caseId, InformationRequestsAudit.DecidedNotice, row.Number, now, ct);
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(action, TargetType: InformationRequestsAudit.Target, TargetId: id, CaseId: row.CaseId,
                Relation: RoleCatalog.Coordinator, Purpose: InformationRequestsAudit.Review));
        }, ct);
        return done ? errors : new() { [""] = [text["Info_AlreadyDecided"]] };
    }

    /// <summary>The requester is still an active person whose roles could hold what is released (a person who left gets nothing).</summary>
    private async Task<bool> RequesterStillMayHoldAsync(InformationRequest r, DataClass approved, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == r.RequestedBy && !u.IsDisabled && u.InstitutionId == r.RequesterInstitutionId)
            .Select(u => new { u.Id, Kind = u.Institution!.Kind, u.Institution.IsActive }).FirstOrDefaultAsync(ct);
        if (user is null || !user.IsActive)
            return false;
        var roles = await (from ur in db.UserRoles where ur.UserId == user.Id join role in db.Roles on ur.RoleId equals role.Id select role.Name!).ToListAsync(ct);
        return (approved & ~Ceiling(user.Kind, roles)) == 0;
    }

    /// <summary>The Coordinator ends a release early, with a reason: the grant is revoked in the same transaction. Null for anyone else.</summary>
    public async Task<Dictionary<string, string[]>?> RevokeAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid id, RevokeInput input,
        CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        var r = s.Coordinator ? await db.InformationRequests.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) : null;
        if (r is null)
        {
            await DeniedAsync(viewer, id, ct);
            return null;
        }
        if (r.Status is not (RequestStatus.Approved or RequestStatus.PartlyApproved) || IsLapsed(r))
            return new() { [""] = [text["Info_NotInForce"]] };
        var reason = input.Reason?.Trim() ?? "";
        if (reason.Length < MinReason)
            return new() { [nameof(RevokeInput.Reason)] = [text["Info_RevokeReasonRequired", MinReason]] };
        if (reason.Length > MaxReason)
            return new() { [nameof(RevokeInput.Reason)] = [text["Validation_TooLong", MaxReason]] };
        var done = await writes.RunSerializedAsync(viewer, async ct =>
        {
            var row = await db.InformationRequests.FirstAsync(x => x.Id == id, ct);
            if (row.Status is not (RequestStatus.Approved or RequestStatus.PartlyApproved))
                return new Audited<bool>(false, new AuditRecord(InformationRequestsAudit.Denied, AuditOutcome.Denied, TargetType: InformationRequestsAudit.Target,
                    TargetId: id, Purpose: InformationRequestsAudit.Review));
            var key = await dataKeys.UnwrapAsync(row.DataKeyId, ct) ?? throw new InvalidOperationException("The request's key is gone.");
            var now = Now;
            row.Status = RequestStatus.Revoked;
            row.RevokedAt = now;
            row.RevokedBy = viewer.UserId;
            // The revocation's reason follows the decision's in the same sealed field, so the timeline reads both.
            var earlier = db.Open(row, x => x.DecisionReasonEnc, key, row.DataKeyId);
            row.DecisionReasonEnc = db.Seal(row, x => x.DecisionReasonEnc, string.IsNullOrEmpty(earlier) ? reason : earlier + "\n\n" + reason, key, row.DataKeyId);
            var grant = await db.Grants.FirstAsync(g => g.Id == row.GrantId, ct);
            grant.RevokedAt ??= now;
            grant.RevokedBy ??= viewer.UserId;
            db.InformationRequestSteps.Add(new InformationRequestStep { RequestId = id, Kind = StepKind.Revoked, At = now, By = viewer.UserId });
            db.Notifications.Add(new Notification { RecipientUserId = row.RequestedBy, Kind = InformationRequestsAudit.RevokedNotice, CaseNumber = row.Number, CreatedAt = now });
            await NotifyHolderAsync(grant.CaseId, InformationRequestsAudit.RevokedNotice, row.Number, now, ct);
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(new AuditRecord(PlatformAudit.GrantRevoked, ActorUserId: viewer.UserId, ActorInstitutionId: viewer.InstitutionId,
                TargetType: AuditTarget.Grant, TargetId: grant.Id, CaseId: grant.CaseId, Relation: nameof(Relation.InformationRequest),
                Purpose: InformationRequestsAudit.Review), ct);
            return new Audited<bool>(true, new AuditRecord(InformationRequestsAudit.Revoked, TargetType: InformationRequestsAudit.Target, TargetId: id,
                CaseId: grant.CaseId, Relation: RoleCatalog.Coordinator, Purpose: InformationRequestsAudit.Review));
        }, ct);
        return done ? [] : new() { [""] = [text["Info_NotInForce"]] };
    }

    /// <summary>
    /// Records the lapse of releases past their expiry (the grant has already stopped opening the case: the predicate reads its end):
    /// a step in the timeline, an audit event and a notice to the requester, once each. Returns how many were recorded.
    /// </summary>
    public async Task<int> RecordLapsesAsync(CancellationToken ct = default)
    {
        var now = Now;
        var ids = await db.InformationRequests.AsNoTracking()
            .Where(r => (r.Status == RequestStatus.Approved || r.Status == RequestStatus.PartlyApproved) && r.LapseRecordedAt == null && r.ExpiresAt != null)
            .Select(r => new { r.Id, r.ExpiresAt }).ToListAsync(ct);
        var count = 0;
        foreach (var id in ids.Where(x => x.ExpiresAt <= now).Select(x => x.Id))
        {
            try
            {
                await writes.RunSerializedAsync(null, async ct =>
                {
                    var row = await db.InformationRequests.FirstAsync(x => x.Id == id, ct);
                    // Another run (a twin on this node, or the job) recorded it first: roll back, nothing to record.
                    if (row.LapseRecordedAt is not null)
                        throw new AlreadyRecordedException();
                    row.LapseRecordedAt = now;
                    db.InformationRequestSteps.Add(new InformationRequestStep { RequestId = id, Kind = StepKind.Lapsed, At = row.ExpiresAt!.Value });
                    db.Notifications.Add(new Notification { RecipientUserId = row.RequestedBy, Kind = InformationRequestsAudit.LapsedNotice, CaseNumber = row.Number, CreatedAt = now });
                    await db.SaveChangesAsync(ct);
                    return new Audited<bool>(true, new AuditRecord(InformationRequestsAudit.Lapsed, TargetType: InformationRequestsAudit.Target, TargetId: id,
                        CaseId: row.CaseId, Purpose: InformationRequestsAudit.Review));
                }, ct);
                count++;
            }
            catch (AlreadyRecordedException)
            {
                db.ChangeTracker.Clear();
            }
        }
        return count;
    }

    private sealed class AlreadyRecordedException : Exception;

    private Task DeniedAsync(Viewer viewer, Guid? id, CancellationToken ct) =>
        audit.RecordAsync(new AuditRecord(InformationRequestsAudit.Denied, AuditOutcome.Denied, viewer.UserId, viewer.InstitutionId, InformationRequestsAudit.Target, id), ct);

    /// <summary>The single classes of a set, in the form's order (for display).</summary>
    public static IReadOnlyList<DataClass> Split(DataClass set) => Classes.Where(c => (set & c) == c && BitOperations.IsPow2((int)c)).ToList();
}
