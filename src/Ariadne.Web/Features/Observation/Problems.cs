using System.Security.Cryptography;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Notifications;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Ui;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Ariadne.Web.Features.Observation;

/// <summary>
/// Observation and assessment (issue 16 §5; the plan's §3): any participant reports a problem found in the fight against
/// trafficking; the National Coordinator's office triages it (routes it to institutions, each with what is asked and a
/// deadline, or closes it as not actionable or a duplicate); each routed institution responds; the Coordinator extends a
/// deadline (with a reason, versioned) and closes the problem when satisfied. Who sees what is one predicate,
/// <see cref="Visible"/>: the reporter their own; a routed institution the problems routed to it (without the reporter when
/// anonymous, and only its own routes); the Coordinator's office all; anyone else nothing (a 404, audited).
/// </summary>
public sealed class Problems(AriadneDbContext db, AuditedWrites writes, AuditTrail audit, TimeProvider time, UiTime uiTime,
    IStringLocalizer<SharedResource> text)
{
    public const int MaxTitle = 200;
    public const int MaxText = 4000;
    public const int MinText = 10;
    public const int MaxAsk = 2000;
    public const int MaxRoutes = 10;
    /// <summary>The longest a response may be asked for or extended to, in days from today.</summary>
    public const int MaxDeadlineDays = 365;

    /// <summary>Roles that never see problems through their institution: oversight reads the audit, administrators run the platform.</summary>
    public static readonly string[] ExcludedRoles = [RoleCatalog.Auditor, RoleCatalog.Administrator];

    private static readonly char[] Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ".ToCharArray();

    /// <summary>How the viewer stands to problems.</summary>
    public sealed record Standing(Guid UserId, Guid InstitutionId, bool Office, bool Coordinator, bool Participant)
    {
        public bool SeesAll => Office;
    }

    public sealed class ReportInput
    {
        public ProblemCategory? Category { get; set; }
        public string? Title { get; set; }
        public string? Description { get; set; }
        public Region? Region { get; set; }
        public List<Guid> Institutions { get; set; } = [];
        public bool Anonymous { get; set; }
    }

    public sealed class RouteInput
    {
        public Guid? InstitutionId { get; set; }
        public string? Ask { get; set; }
        public DateOnly? Deadline { get; set; }
    }

    public sealed class CloseInput
    {
        public ProblemClosure? Closure { get; set; }
        public string? Reason { get; set; }
        /// <summary>The number of the problem this one repeats (for a duplicate).</summary>
        public string? DuplicateOf { get; set; }
    }

    public sealed class ResponseInput
    {
        public Guid? RouteId { get; set; }
        public RouteStatus? Status { get; set; }
        public string? Text { get; set; }
    }

    public sealed class ExtendInput
    {
        public Guid? RouteId { get; set; }
        public DateOnly? Deadline { get; set; }
        public string? Reason { get; set; }
        /// <summary>The route's deadline version the form was read at: an extension made meanwhile (or this one sent again) refuses it.</summary>
        public int? Version { get; set; }
    }

    public sealed record Filter(ProblemStatus? Status = null, ProblemCategory? Category = null, Guid? InstitutionId = null, bool OverdueOnly = false);

    public sealed record Row(Guid Id, string Number, ProblemCategory Category, string Title, Region? Region, ProblemStatus Status, ProblemClosure? Closure,
        DateTimeOffset ReportedAt, IReadOnlyList<string> RoutedTo, bool Overdue, bool Mine);

    public sealed record ResponseView(RouteStatus Status, string Text, string By, DateTimeOffset At);

    public sealed record ExtensionView(int Version, DateOnly From, DateOnly To, string Reason, string By, DateTimeOffset At);

    public sealed record RouteView(Guid Id, Guid InstitutionId, string Institution, string Ask, DateOnly Deadline, int DeadlineVersion, RouteStatus Status,
        bool Overdue, DateTimeOffset RoutedAt, IReadOnlyList<ResponseView> Responses, IReadOnlyList<ExtensionView> Extensions, bool MayRespond);

    public sealed record ProblemView(Guid Id, string Number, ProblemCategory Category, string Title, string Description, Region? Region,
        bool Anonymous, string? Reporter, string? ReporterInstitution, ProblemStatus Status, ProblemClosure? Closure, string? ClosureReason,
        string? DuplicateOf, Guid? DuplicateOfId, DateTimeOffset ReportedAt, DateTimeOffset? ClosedAt, IReadOnlyList<string> Concerns,
        IReadOnlyList<RouteView> Routes, Standing Standing, bool MayTriage, bool MayExtend, bool MayClose);

    public sealed record HomeRow(Guid Id, string Number, string Title, DateOnly? Deadline, bool Overdue);

    public sealed record OfficeHome(int Untriaged, int OverdueRoutes, IReadOnlyList<HomeRow> Rows);

    public sealed record CategoryRow(ProblemCategory Category, IReadOnlyDictionary<ProblemStatus, int> Counts, int Total);

    public sealed record InstitutionRow(string Institution, int Routed, int Responded, double? AverageDays, int Overdue);

    public sealed record ProgressReport(IReadOnlyList<CategoryRow> Categories, IReadOnlyDictionary<ProblemStatus, int> Totals, int Total,
        IReadOnlyList<InstitutionRow> Institutions);

    private DateOnly Today => uiTime.Today;

    public static string TagClass(ProblemStatus status) => status switch
    {
        ProblemStatus.Reported => "govuk-tag--light-blue",
        ProblemStatus.Routed => "govuk-tag--blue",
        _ => "govuk-tag--grey",
    };

    public static string TagClass(RouteStatus status) => status switch
    {
        RouteStatus.Resolved => "govuk-tag--green",
        RouteStatus.InProgress => "govuk-tag--blue",
        RouteStatus.CannotAct => "govuk-tag--orange",
        _ => "govuk-tag--light-blue",
    };

    public async Task<Standing> StandingAsync(Viewer viewer, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        var kind = await db.Institutions.AsNoTracking().Where(i => i.Id == viewer.InstitutionId && i.IsActive).Select(i => (InstitutionKind?)i.Kind).FirstOrDefaultAsync(ct);
        var active = kind is not null && await db.Users.AnyAsync(u => u.Id == viewer.UserId && u.InstitutionId == viewer.InstitutionId && !u.IsDisabled, ct);
        var participant = active && roles.Count > 0 && !roles.All(ExcludedRoles.Contains);
        var office = participant && kind == InstitutionKind.NationalCoordinator && (roles.Contains(RoleCatalog.Coordinator) || roles.Contains(RoleCatalog.Analyst));
        return new Standing(viewer.UserId, viewer.InstitutionId, office, office && roles.Contains(RoleCatalog.Coordinator), participant);
    }

    /// <summary>
    /// The one predicate: the problems the standing may see. The Coordinator's office all; a participant those they reported and
    /// those routed to their institution; anyone else none.
    /// </summary>
    private IQueryable<Problem> Visible(Standing s) =>
        s.SeesAll ? db.Problems.AsNoTracking()
        : !s.Participant ? db.Problems.AsNoTracking().Where(_ => false)
        : db.Problems.AsNoTracking().Where(p => p.ReporterUserId == s.UserId
            || db.Set<ProblemRoute>().Any(r => r.ProblemId == p.Id && r.InstitutionId == s.InstitutionId));

    private bool IsOverdue(ProblemRoute r, ProblemStatus problemStatus) =>
        problemStatus != ProblemStatus.Closed && r.Status is RouteStatus.Open or RouteStatus.InProgress && r.Deadline < Today;

    /// <summary>A route's own overdue test, for queries: open, its problem not closed, its deadline passed.</summary>
    private IQueryable<ProblemRoute> OverdueRoutes(DateOnly today) =>
        db.ProblemRoutes.AsNoTracking().Where(r => (r.Status == RouteStatus.Open || r.Status == RouteStatus.InProgress) && r.Deadline < today
            && db.Set<Problem>().Any(p => p.Id == r.ProblemId && p.Status != ProblemStatus.Closed));

    public async Task<IReadOnlyList<Row>> ListAsync(Viewer viewer, IReadOnlyCollection<string> roles, Filter filter, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        var query = Visible(s);
        if (filter.Status is { } st)
            query = query.Where(p => p.Status == st);
        if (filter.Category is { } c)
            query = query.Where(p => p.Category == c);
        if (filter.InstitutionId is { } inst)
        {
            // Only the routes the viewer may see: a routed institution must not learn where else a problem went by filtering.
            var anyRoute = s.SeesAll || inst == s.InstitutionId;
            var user = s.UserId;
            query = query.Where(p => (anyRoute || p.ReporterUserId == user) && db.Set<ProblemRoute>().Any(r => r.ProblemId == p.Id && r.InstitutionId == inst));
        }
        var problems = await query.OrderByDescending(p => p.ReportedAt).Take(500).ToListAsync(ct);
        var ids = problems.Select(p => p.Id).ToList();
        var routes = await db.ProblemRoutes.AsNoTracking().Where(r => ids.Contains(r.ProblemId)).ToListAsync(ct);
        if (!s.SeesAll)
            routes = routes.Where(r => r.InstitutionId == s.InstitutionId || problems.Any(p => p.Id == r.ProblemId && p.ReporterUserId == s.UserId)).ToList();
        var names = await InstitutionNamesAsync(routes.Select(r => r.InstitutionId), ct);
        var rows = problems.Select(p =>
        {
            var mine = routes.Where(r => r.ProblemId == p.Id).ToList();
            return new Row(p.Id, p.Number, p.Category, p.Title, p.Region, p.Status, p.Closure, p.ReportedAt,
                [.. mine.Select(r => names.GetValueOrDefault(r.InstitutionId) ?? "").Distinct().Order(StringComparer.CurrentCulture)],
                mine.Any(r => IsOverdue(r, p.Status)), p.ReporterUserId == s.UserId);
        });
        if (filter.OverdueOnly)
            rows = rows.Where(r => r.Overdue);
        return rows.OrderByDescending(r => r.Overdue).ThenByDescending(r => r.ReportedAt).ToList();
    }

    public async Task<ProblemView?> ReadAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid id, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        var p = await Visible(s).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (p is null)
        {
            await DeniedAsync(viewer, id, ct);
            return null;
        }
        var reporterSees = p.ReporterUserId == s.UserId;
        var allRoutes = await db.ProblemRoutes.AsNoTracking().Where(r => r.ProblemId == id).OrderBy(r => r.RoutedAt).ToListAsync(ct);
        // A routed institution sees its own routes only; the reporter and the office see them all.
        var routes = s.SeesAll || reporterSees ? allRoutes : allRoutes.Where(r => r.InstitutionId == s.InstitutionId).ToList();
        var routeIds = routes.Select(r => r.Id).ToList();
        var responses = await db.ProblemResponses.AsNoTracking().Where(r => routeIds.Contains(r.RouteId)).OrderBy(r => r.At).ToListAsync(ct);
        var extensions = await db.DeadlineExtensions.AsNoTracking().Where(e => routeIds.Contains(e.RouteId)).OrderBy(e => e.Version).ToListAsync(ct);
        var concernIds = await db.ProblemConcerns.AsNoTracking().Where(c => c.ProblemId == id).Select(c => c.InstitutionId).ToListAsync(ct);
        var showReporter = s.SeesAll || reporterSees || !p.Anonymous;
        var peopleIds = responses.Select(r => r.By).Concat(extensions.Select(e => e.By)).Append(p.ReporterUserId).Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => peopleIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var names = await InstitutionNamesAsync([.. routes.Select(r => r.InstitutionId), .. concernIds, p.ReporterInstitutionId], ct);
        var duplicateOf = p.DuplicateOfId is { } d ? await db.Problems.AsNoTracking().Where(x => x.Id == d).Select(x => x.Number).FirstOrDefaultAsync(ct) : null;
        var open = p.Status != ProblemStatus.Closed;
        var routeViews = routes.Select(r => new RouteView(r.Id, r.InstitutionId, names.GetValueOrDefault(r.InstitutionId) ?? "", r.Ask, r.Deadline,
            r.DeadlineVersion, r.Status, IsOverdue(r, p.Status), r.RoutedAt,
            [.. responses.Where(x => x.RouteId == r.Id).Select(x => new ResponseView(x.Status, x.Text, people.GetValueOrDefault(x.By) ?? "", x.At))],
            [.. extensions.Where(x => x.RouteId == r.Id).Select(x => new ExtensionView(x.Version, x.From, x.To, x.Reason, people.GetValueOrDefault(x.By) ?? "", x.At))],
            open && s.Participant && r.InstitutionId == s.InstitutionId)).ToList();
        return new ProblemView(p.Id, p.Number, p.Category, p.Title, p.Description, p.Region, p.Anonymous,
            showReporter ? people.GetValueOrDefault(p.ReporterUserId) : null, showReporter ? names.GetValueOrDefault(p.ReporterInstitutionId) : null,
            p.Status, p.Closure, p.ClosureReason, duplicateOf, p.DuplicateOfId, p.ReportedAt, p.ClosedAt,
            s.SeesAll || reporterSees ? [.. concernIds.Select(c => names.GetValueOrDefault(c) ?? "").Order(StringComparer.CurrentCulture)] : [],
            routeViews, s, open && s.Office, open && s.Coordinator && routes.Count > 0, open && s.Coordinator && routes.Count > 0);
    }

    /// <summary>A participant reports a problem. Once per form key: the same form sent again records nothing more.</summary>
    public async Task<(Guid? Id, Dictionary<string, string[]>? Errors)> ReportAsync(Viewer viewer, IReadOnlyCollection<string> roles, ReportInput input,
        IdempotentRequest? request = null, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        if (!s.Participant)
        {
            await DeniedAsync(viewer, null, ct);
            return (null, null);
        }
        if (await writes.SeenAsync(viewer, request, ct) is { } seen)
            return seen.Outcome == OnceOutcome.KeyConflict ? (null, new() { [""] = [text["Form_AlreadySent"]] }) : (seen.Result, []);
        var errors = new Dictionary<string, string[]>();
        if (input.Category is not { } category || !Enum.IsDefined(category))
            errors[nameof(ReportInput.Category)] = [text["Observation_CategoryRequired"]];
        var title = input.Title?.Trim() ?? "";
        if (title.Length == 0)
            errors[nameof(ReportInput.Title)] = [text["Observation_TitleRequired"]];
        else if (title.Length > MaxTitle)
            errors[nameof(ReportInput.Title)] = [text["Validation_TooLong", MaxTitle]];
        var description = input.Description?.Trim() ?? "";
        if (description.Length < MinText)
            errors[nameof(ReportInput.Description)] = [text["Observation_DescriptionRequired", MinText]];
        else if (description.Length > MaxText)
            errors[nameof(ReportInput.Description)] = [text["Validation_TooLong", MaxText]];
        if (input.Region is { } region && !Enum.IsDefined(region))
            errors[nameof(ReportInput.Region)] = [text["Observation_RegionUnknown"]];
        var concerns = input.Institutions.Distinct().ToList();
        if (concerns.Count > 0 && await db.Institutions.CountAsync(i => concerns.Contains(i.Id) && i.IsActive, ct) != concerns.Count)
            errors[nameof(ReportInput.Institutions)] = [text["Observation_InstitutionUnknown"]];
        if (errors.Count > 0)
            return (null, errors);
        async Task<Audited<Guid>> Work(CancellationToken ct)
        {
            var now = time.GetUtcNow();
            var row = new Problem
            {
                Number = $"OB-{now.UtcDateTime.Year}-{new string(RandomNumberGenerator.GetItems<char>(Alphabet, 6))}",
                Category = input.Category!.Value,
                Title = title,
                Description = description,
                Region = input.Region,
                ReporterUserId = viewer.UserId,
                ReporterInstitutionId = viewer.InstitutionId,
                Anonymous = input.Anonymous,
                Status = ProblemStatus.Reported,
                ReportedAt = now,
                UpdatedAt = now,
            };
            db.Problems.Add(row);
            db.ProblemConcerns.AddRange(concerns.Select(c => new ProblemConcern { ProblemId = row.Id, InstitutionId = c }));
            await db.SaveChangesAsync(ct);
            return new Audited<Guid>(row.Id, new AuditRecord(ObservationAudit.Reported, TargetType: ObservationAudit.ProblemTarget, TargetId: row.Id,
                Relation: "Reporter"), row.Id);
        }
        if (request is null)
            return (await writes.RunAsync(viewer, Work, ct), []);
        var once = await writes.RunOnceAsync(viewer, request, Work, (id, _) => Task.FromResult(id), ct);
        return once.Outcome == OnceOutcome.KeyConflict ? (null, new() { [""] = [text["Form_AlreadySent"]] }) : (once.Result, []);
    }

    /// <summary>The Coordinator's office routes the problem to an institution with what is asked and a deadline (once per form key).</summary>
    public async Task<Dictionary<string, string[]>?> RouteAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid id, RouteInput input,
        IdempotentRequest? request = null, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        var p = s.Office ? await db.Problems.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) : null;
        if (p is null)
        {
            await DeniedAsync(viewer, id, ct);
            return null;
        }
        if (await writes.SeenAsync(viewer, request, ct) is { } seen)
            return seen.Outcome == OnceOutcome.KeyConflict ? new() { [""] = [text["Form_AlreadySent"]] } : [];
        if (p.Status == ProblemStatus.Closed)
            return new() { [""] = [text["Observation_AlreadyClosed"]] };
        var errors = new Dictionary<string, string[]>();
        if (input.InstitutionId is not { } institution)
            errors[nameof(RouteInput.InstitutionId)] = [text["Observation_RouteInstitutionRequired"]];
        else if (!(await InstitutionChoicesAsync(ct)).Any(i => i.Id == institution))
            errors[nameof(RouteInput.InstitutionId)] = [text["Observation_InstitutionUnknown"]];
        else if (await db.ProblemRoutes.AnyAsync(r => r.ProblemId == id && r.InstitutionId == institution, ct))
            errors[nameof(RouteInput.InstitutionId)] = [text["Observation_AlreadyRouted"]];
        else if (await db.ProblemRoutes.CountAsync(r => r.ProblemId == id, ct) >= MaxRoutes)
            errors[nameof(RouteInput.InstitutionId)] = [text["Observation_TooManyRoutes", MaxRoutes]];
        var ask = input.Ask?.Trim() ?? "";
        if (ask.Length < MinText)
            errors[nameof(RouteInput.Ask)] = [text["Observation_AskRequired", MinText]];
        else if (ask.Length > MaxAsk)
            errors[nameof(RouteInput.Ask)] = [text["Validation_TooLong", MaxAsk]];
        if (input.Deadline is not { } deadline)
            errors[nameof(RouteInput.Deadline)] = [text["Observation_DeadlineRequired"]];
        else if (deadline < Today || deadline > Today.AddDays(MaxDeadlineDays))
            errors[nameof(RouteInput.Deadline)] = [text["Observation_DeadlineRange", MaxDeadlineDays]];
        if (errors.Count > 0)
            return errors;
        async Task<Audited<Guid>> Work(CancellationToken ct)
        {
            var now = time.GetUtcNow();
            var row = await db.Problems.FirstAsync(x => x.Id == id, ct);
            var route = new ProblemRoute
            {
                ProblemId = id,
                InstitutionId = input.InstitutionId!.Value,
                Ask = ask,
                Deadline = input.Deadline!.Value,
                Status = RouteStatus.Open,
                RoutedBy = viewer.UserId,
                RoutedAt = now,
            };
            db.ProblemRoutes.Add(route);
            row.Status = ProblemStatus.Routed;
            row.UpdatedAt = now;
            db.Notifications.Add(new Notification { RecipientInstitutionId = route.InstitutionId, Kind = ObservationAudit.RoutedNotice, CaseNumber = row.Number, CreatedAt = now });
            await db.SaveChangesAsync(ct);
            return new Audited<Guid>(route.Id, new AuditRecord(ObservationAudit.Routed, TargetType: ObservationAudit.ProblemTarget, TargetId: id,
                Relation: RelationOf(s)), route.Id);
        }
        try
        {
            if (request is null)
                await writes.RunAsync(viewer, Work, ct);
            else if ((await writes.RunOnceAsync(viewer, request, Work, (rid, _) => Task.FromResult(rid), ct)).Outcome == OnceOutcome.KeyConflict)
                return new() { [""] = [text["Form_AlreadySent"]] };
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return new() { [nameof(RouteInput.InstitutionId)] = [text["Observation_AlreadyRouted"]] };
        }
        return [];
    }

    /// <summary>
    /// Closes the problem: the office as not actionable or as a duplicate (before or after routing); the Coordinator as resolved once
    /// routed. Always with a reason. Closing a closed problem again is refused.
    /// </summary>
    public async Task<Dictionary<string, string[]>?> CloseAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid id, CloseInput input,
        CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        var p = s.Office ? await db.Problems.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) : null;
        if (p is null)
        {
            await DeniedAsync(viewer, id, ct);
            return null;
        }
        if (p.Status == ProblemStatus.Closed)
            return new() { [""] = [text["Observation_AlreadyClosed"]] };
        var errors = new Dictionary<string, string[]>();
        if (input.Closure is not { } closure || !Enum.IsDefined(closure))
            errors[nameof(CloseInput.Closure)] = [text["Observation_ClosureRequired"]];
        else if (closure == ProblemClosure.Resolved && (!s.Coordinator || p.Status != ProblemStatus.Routed))
            errors[nameof(CloseInput.Closure)] = [text["Observation_ResolvedOnlyCoordinator"]];
        var reason = input.Reason?.Trim() ?? "";
        if (reason.Length < MinText)
            errors[nameof(CloseInput.Reason)] = [text["Observation_ReasonRequired", MinText]];
        else if (reason.Length > MaxAsk)
            errors[nameof(CloseInput.Reason)] = [text["Validation_TooLong", MaxAsk]];
        Guid? duplicateOf = null;
        if (input.Closure == ProblemClosure.Duplicate)
        {
            var number = input.DuplicateOf?.Trim().ToUpperInvariant() ?? "";
            duplicateOf = number.Length == 0 ? null : await db.Problems.Where(x => x.Number == number && x.Id != id).Select(x => (Guid?)x.Id).FirstOrDefaultAsync(ct);
            if (duplicateOf is null)
                errors[nameof(CloseInput.DuplicateOf)] = [text["Observation_DuplicateOfUnknown"]];
        }
        if (errors.Count > 0)
            return errors;
        await writes.RunAsync(viewer, async ct =>
        {
            var now = time.GetUtcNow();
            var row = await db.Problems.FirstAsync(x => x.Id == id, ct);
            row.Status = ProblemStatus.Closed;
            row.Closure = input.Closure;
            row.ClosureReason = reason;
            row.DuplicateOfId = duplicateOf;
            row.ClosedBy = viewer.UserId;
            row.ClosedAt = now;
            row.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(ObservationAudit.Closed, TargetType: ObservationAudit.ProblemTarget, TargetId: id, Relation: RelationOf(s)));
        }, ct);
        return [];
    }

    /// <summary>The routed institution's staff respond (once per form key): in progress, resolved, or cannot act (the text says why).</summary>
    public async Task<Dictionary<string, string[]>?> RespondAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid id, ResponseInput input,
        IdempotentRequest? request = null, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        var p = s.Participant ? await Visible(s).FirstOrDefaultAsync(x => x.Id == id, ct) : null;
        var routes = p is null ? [] : await db.ProblemRoutes.AsNoTracking().Where(r => r.ProblemId == id && r.InstitutionId == s.InstitutionId).ToListAsync(ct);
        if (p is null || routes.Count == 0)
        {
            await DeniedAsync(viewer, id, ct);
            return null;
        }
        if (await writes.SeenAsync(viewer, request, ct) is { } seen)
            return seen.Outcome == OnceOutcome.KeyConflict ? new() { [""] = [text["Form_AlreadySent"]] } : [];
        if (p.Status == ProblemStatus.Closed)
            return new() { [""] = [text["Observation_AlreadyClosed"]] };
        var errors = new Dictionary<string, string[]>();
        var route = input.RouteId is { } rid ? routes.FirstOrDefault(r => r.Id == rid) : routes.Count == 1 ? routes[0] : null;
        if (route is null)
            errors[""] = [text["Observation_RouteUnknown"]];
        if (input.Status is not { } status || status == RouteStatus.Open || !Enum.IsDefined(status))
            errors[nameof(ResponseInput.Status)] = [text["Observation_ResponseStatusRequired"]];
        var body = input.Text?.Trim() ?? "";
        if (body.Length < MinText)
            errors[nameof(ResponseInput.Text)] = [text[input.Status == RouteStatus.CannotAct ? "Observation_CannotActReason" : "Observation_ResponseRequired", MinText]];
        else if (body.Length > MaxText)
            errors[nameof(ResponseInput.Text)] = [text["Validation_TooLong", MaxText]];
        if (errors.Count > 0)
            return errors;
        async Task<Audited<Guid>> Work(CancellationToken ct)
        {
            var now = time.GetUtcNow();
            var row = await db.ProblemRoutes.FirstAsync(r => r.Id == route!.Id, ct);
            var response = new ProblemResponse { RouteId = row.Id, Status = input.Status!.Value, Text = body, By = viewer.UserId, At = now };
            db.ProblemResponses.Add(response);
            row.Status = response.Status;
            row.FirstResponseAt ??= now;
            foreach (var office in await OfficeInstitutionsAsync(ct))
                db.Notifications.Add(new Notification { RecipientInstitutionId = office, Kind = ObservationAudit.RespondedNotice, CaseNumber = p.Number, CreatedAt = now });
            await db.SaveChangesAsync(ct);
            return new Audited<Guid>(response.Id, new AuditRecord(ObservationAudit.Responded, TargetType: ObservationAudit.ProblemTarget, TargetId: id,
                Relation: "RoutedInstitution"), response.Id);
        }
        if (request is null)
            await writes.RunAsync(viewer, Work, ct);
        else if ((await writes.RunOnceAsync(viewer, request, Work, (x, _) => Task.FromResult(x), ct)).Outcome == OnceOutcome.KeyConflict)
            return new() { [""] = [text["Form_AlreadySent"]] };
        return [];
    }

    /// <summary>The Coordinator extends a route's deadline, with a reason, against the version read; the overdue notice may then come again.</summary>
    public async Task<Dictionary<string, string[]>?> ExtendAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid id, ExtendInput input,
        CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        var p = s.Coordinator ? await db.Problems.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) : null;
        var route = p is null || input.RouteId is not { } rid ? null : await db.ProblemRoutes.AsNoTracking().FirstOrDefaultAsync(r => r.Id == rid && r.ProblemId == id, ct);
        if (p is null || route is null)
        {
            await DeniedAsync(viewer, id, ct);
            return null;
        }
        if (input.Version is null)
            return new() { [nameof(ExtendInput.Version)] = [text["Observation_VersionRequired"]] };
        if (input.Version != route.DeadlineVersion)
            return new() { [""] = [text["Observation_ChangedMeanwhile"]] };
        if (p.Status == ProblemStatus.Closed)
            return new() { [""] = [text["Observation_AlreadyClosed"]] };
        var errors = new Dictionary<string, string[]>();
        if (input.Deadline is not { } deadline)
            errors[nameof(ExtendInput.Deadline)] = [text["Observation_DeadlineRequired"]];
        else if (deadline <= route.Deadline || deadline < Today || deadline > Today.AddDays(MaxDeadlineDays))
            errors[nameof(ExtendInput.Deadline)] = [text["Observation_ExtendRange", UiTime.FormatDay(route.Deadline), MaxDeadlineDays]];
        var reason = input.Reason?.Trim() ?? "";
        if (reason.Length < MinText)
            errors[nameof(ExtendInput.Reason)] = [text["Observation_ReasonRequired", MinText]];
        else if (reason.Length > MaxAsk)
            errors[nameof(ExtendInput.Reason)] = [text["Validation_TooLong", MaxAsk]];
        if (errors.Count > 0)
            return errors;
        try
        {
            await writes.RunAsync(viewer, async ct =>
            {
                var now = time.GetUtcNow();
                var row = await db.ProblemRoutes.FirstAsync(r => r.Id == route.Id, ct);
                db.DeadlineExtensions.Add(new DeadlineExtension
                {
                    RouteId = row.Id,
                    Version = row.DeadlineVersion + 1,
                    From = row.Deadline,
                    To = input.Deadline!.Value,
                    Reason = reason,
                    By = viewer.UserId,
                    At = now,
                });
                row.Deadline = input.Deadline!.Value;
                row.DeadlineVersion++;
                row.OverdueNotifiedAt = null;
                await db.SaveChangesAsync(ct);
                return new Audited<bool>(true, new AuditRecord(ObservationAudit.DeadlineExtended, TargetType: ObservationAudit.ProblemTarget, TargetId: id,
                    Relation: RoleCatalog.Coordinator));
            }, ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return new() { [""] = [text["Observation_ChangedMeanwhile"]] };
        }
        return [];
    }

    /// <summary>
    /// Tells each routed institution, and the Coordinator's office, once that a response is overdue (the job's work). Returns how
    /// many routes were told. A route is told again only after its deadline is extended and passes again.
    /// </summary>
    public async Task<int> NotifyOverdueAsync(CancellationToken ct = default)
    {
        var today = Today;
        var due = await OverdueRoutes(today).Where(r => r.OverdueNotifiedAt == null).Select(r => r.Id).ToListAsync(ct);
        var told = 0;
        foreach (var routeId in due)
        {
            // Serialized (the audit chain's lock first), then read again: a twin run that told this route meanwhile is seen, and tells nothing more.
            told += await writes.RunSerializedAsync<int>(null, async ct =>
            {
                var now = time.GetUtcNow();
                var route = await db.ProblemRoutes.FirstAsync(r => r.Id == routeId, ct);
                await db.Entry(route).ReloadAsync(ct);
                if (route.OverdueNotifiedAt is not null)
                    return new Audited<int>(0, new AuditRecord(ObservationAudit.OverdueNotified, AuditOutcome.Denied, TargetType: ObservationAudit.ProblemTarget, TargetId: route.ProblemId));
                var number = await db.Problems.Where(p => p.Id == route.ProblemId).Select(p => p.Number).FirstAsync(ct);
                route.OverdueNotifiedAt = now;
                db.Notifications.Add(new Notification { RecipientInstitutionId = route.InstitutionId, Kind = ObservationAudit.OverdueNotice, CaseNumber = number, CreatedAt = now });
                foreach (var office in await OfficeInstitutionsAsync(ct))
                    db.Notifications.Add(new Notification { RecipientInstitutionId = office, Kind = ObservationAudit.OverdueNotice, CaseNumber = number, CreatedAt = now });
                await db.SaveChangesAsync(ct);
                return new Audited<int>(1, new AuditRecord(ObservationAudit.OverdueNotified, TargetType: ObservationAudit.ProblemTarget, TargetId: route.ProblemId));
            }, ct);
        }
        return told;
    }

    /// <summary>The home card's rows for a routed institution: its open asks, overdue first.</summary>
    public async Task<IReadOnlyList<HomeRow>> OpenAsksAsync(Viewer viewer, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        if (!s.Participant)
            return [];
        var rows = await db.ProblemRoutes.AsNoTracking()
            .Where(r => r.InstitutionId == s.InstitutionId && (r.Status == RouteStatus.Open || r.Status == RouteStatus.InProgress))
            .Join(db.Problems.Where(p => p.Status != ProblemStatus.Closed), r => r.ProblemId, p => p.Id, (r, p) => new { p.Id, p.Number, p.Title, r.Deadline, r.Status })
            .ToListAsync(ct);
        var today = Today;
        return rows.Select(r => new HomeRow(r.Id, r.Number, r.Title, r.Deadline, r.Deadline < today))
            .OrderByDescending(r => r.Overdue).ThenBy(r => r.Deadline).ToList();
    }

    /// <summary>The office's home card: problems waiting for triage, responses overdue.</summary>
    public async Task<OfficeHome?> OfficeHomeAsync(Viewer viewer, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        if (!s.Office)
            return null;
        var today = Today;
        var untriaged = await db.Problems.AsNoTracking().Where(p => p.Status == ProblemStatus.Reported).OrderBy(p => p.ReportedAt)
            .Select(p => new { p.Id, p.Number, p.Title }).ToListAsync(ct);
        var overdue = await OverdueRoutes(today).Join(db.Problems, r => r.ProblemId, p => p.Id, (r, p) => new { p.Id, p.Number, p.Title, r.Deadline }).ToListAsync(ct);
        var rows = overdue.OrderBy(o => o.Deadline).Select(o => new HomeRow(o.Id, o.Number, o.Title, o.Deadline, true))
            .Concat(untriaged.Select(u => new HomeRow(u.Id, u.Number, u.Title, null, false))).ToList();
        return new OfficeHome(untriaged.Count, overdue.Count, rows);
    }

    /// <summary>The progress report (the office only): problems by category × status, and per institution routed to, how many, how many
    /// answered, the average days to the first response, how many overdue. Aggregate only.</summary>
    public async Task<ProgressReport?> ProgressAsync(Viewer viewer, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        if (!s.SeesAll)
        {
            await DeniedAsync(viewer, null, ct);
            return null;
        }
        var counts = await db.Problems.AsNoTracking().GroupBy(p => new { p.Category, p.Status }).Select(g => new { g.Key.Category, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        var categories = Enum.GetValues<ProblemCategory>().Select(c => new CategoryRow(c,
            Enum.GetValues<ProblemStatus>().ToDictionary(st => st, st => counts.Where(x => x.Category == c && x.Status == st).Sum(x => x.Count)),
            counts.Where(x => x.Category == c).Sum(x => x.Count))).ToList();
        var totals = Enum.GetValues<ProblemStatus>().ToDictionary(st => st, st => counts.Where(x => x.Status == st).Sum(x => x.Count));
        var today = Today;
        var routes = await db.ProblemRoutes.AsNoTracking()
            .Join(db.Problems, r => r.ProblemId, p => p.Id, (r, p) => new { r.InstitutionId, r.RoutedAt, r.FirstResponseAt, r.Status, r.Deadline, ProblemStatus = p.Status })
            .ToListAsync(ct);
        var names = await InstitutionNamesAsync(routes.Select(r => r.InstitutionId), ct);
        var institutions = routes.GroupBy(r => r.InstitutionId).Select(g =>
        {
            var answered = g.Where(r => r.FirstResponseAt is not null).Select(r => (r.FirstResponseAt!.Value - r.RoutedAt).TotalDays).ToList();
            return new InstitutionRow(names.GetValueOrDefault(g.Key) ?? "", g.Count(), answered.Count, answered.Count == 0 ? null : Math.Round(answered.Average(), 1),
                g.Count(r => r.ProblemStatus != ProblemStatus.Closed && r.Status is RouteStatus.Open or RouteStatus.InProgress && r.Deadline < today));
        }).OrderBy(r => r.Institution, StringComparer.CurrentCulture).ToList();
        return new ProgressReport(categories, totals, counts.Sum(x => x.Count), institutions);
    }

    /// <summary>The progress report as CSV (cells that would start a formula are neutralised by the writer); the export is audited.</summary>
    public async Task<byte[]?> ProgressCsvAsync(Viewer viewer, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        if (await ProgressAsync(viewer, roles, ct) is not { } report)
            return null;
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var rows = new List<IEnumerable<string?>>();
        foreach (var c in report.Categories)
            foreach (var (status, count) in c.Counts)
                rows.Add(["category", c.Category.ToString(), status.ToString(), count.ToString(inv), ""]);
        foreach (var i in report.Institutions)
            rows.Add(["institution", i.Institution, "", i.Routed.ToString(inv), i.AverageDays?.ToString("0.0", inv) ?? ""]);
        var bytes = Ariadne.Linkage.CsvWriter.ToBytes(["table", "key", "status", "count", "average_days_to_respond"], rows);
        await writes.RunAsync(viewer, ct => Task.FromResult(new Audited<bool>(true, new AuditRecord(ObservationAudit.Exported, TargetType: ObservationAudit.ProblemTarget))), ct);
        return bytes;
    }

    /// <summary>Active institutions a problem may concern or be routed to.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> InstitutionChoicesAsync(CancellationToken ct = default) =>
        (await db.Institutions.AsNoTracking().Where(i => i.IsActive && i.Kind != InstitutionKind.PlatformAdministration && i.Kind != InstitutionKind.Oversight)
            .Select(i => new { i.Id, i.Name }).ToListAsync(ct)).OrderBy(i => i.Name, StringComparer.CurrentCulture).Select(i => (i.Id, i.Name)).ToList();

    private Task<List<Guid>> OfficeInstitutionsAsync(CancellationToken ct) =>
        db.Institutions.Where(i => i.IsActive && i.Kind == InstitutionKind.NationalCoordinator).Select(i => i.Id).ToListAsync(ct);

    private async Task<Dictionary<Guid, string>> InstitutionNamesAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.Institutions.AsNoTracking().Where(i => list.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Name, ct);
    }

    private static string RelationOf(Standing s) => s.Coordinator ? RoleCatalog.Coordinator : RoleCatalog.Analyst;

    private Task DeniedAsync(Viewer viewer, Guid? id, CancellationToken ct) =>
        audit.RecordAsync(new AuditRecord(ObservationAudit.Denied, AuditOutcome.Denied, viewer.UserId, viewer.InstitutionId, ObservationAudit.ProblemTarget, id), ct);
}
