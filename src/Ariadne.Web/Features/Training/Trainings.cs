using System.Globalization;
using System.Security.Cryptography;
using Ariadne.Web.Features.Staff;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Notifications;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Ui;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ariadne.Web.Features.Training;

/// <summary>
/// The national training programme (issue 16 §4; the plan's §3c, §5, §6): courses, their sessions and trainers, the staff
/// nominated to them, attendance and results, and certificates. Who does what (<see cref="Standing"/>), in one place:
/// <list type="bullet">
/// <item>the training managers are the Coordinator's office (a Coordinator at the National Coordinator): they keep the
/// courses and sessions of the whole system, nominate anyone, record attendance and results, issue and revoke certificates,
/// and record certificates of training taken outside the system;</item>
/// <item>the heads of an institution (the roles that confirm its staff, <see cref="AccountConfirmations.HeadRoles"/>) nominate
/// their own staff to planned sessions and see their own staff's enrolments and certificates;</item>
/// <item>every member of staff sees the catalogue and their own enrolments and certificates;</item>
/// <item>auditors and administrators see the catalogue with counts only, never a participant.</item>
/// </list>
/// A certificate of a course with a topic makes, in its transaction, the <see cref="TrainingRecord"/> that the role checks
/// read at assignment and at use; revoking it ends that record, and its expiry is the record's last day.
/// </summary>
public sealed class Trainings(AriadneDbContext db, AuditedWrites writes, AuditTrail audit, TimeProvider time, UiTime uiTime,
    IStringLocalizer<SharedResource> text, IOptions<TrainingOptions> options)
{
    public const int MaxCapacity = 500;
    public const int MaxValidityMonths = 120;
    public const int MinReason = 10;
    /// <summary>The training managers' list of certificates that expire soon looks this many days ahead.</summary>
    public const int ExpiringWindowDays = 90;
    public static readonly string[] Languages = ["az", "ru", "en"];
    private const string NumberAlphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    /// <summary>Roles that never see a participant: oversight reads the audit, administrators run the platform.</summary>
    public static readonly string[] ExcludedRoles = [RoleCatalog.Auditor, RoleCatalog.Administrator];

    /// <summary>How the viewer stands to the training programme.</summary>
    public sealed record Standing(Guid UserId, Guid InstitutionId, bool Manager, bool Head, bool Excluded)
    {
        /// <summary>Whether the viewer may nominate anyone at all (managers: anyone; heads: their own staff).</summary>
        public bool Nominates => Manager || Head;
    }

    public sealed class CourseInput
    {
        public string? Code { get; set; }
        public string? TitleAz { get; set; }
        public string? TitleRu { get; set; }
        public string? TitleEn { get; set; }
        public string? Description { get; set; }
        public TrainingTopic? Topic { get; set; }
        public int? ValidityMonths { get; set; }
        public string? Provider { get; set; }
    }

    public sealed class SessionInput
    {
        public Guid? CourseId { get; set; }
        public DateOnly? StartsOn { get; set; }
        public DateOnly? EndsOn { get; set; }
        public string? Place { get; set; }
        public string? Language { get; set; }
        public int? Capacity { get; set; }
        /// <summary>One trainer a line: "Name — Organisation" (or "Name, Organisation").</summary>
        public string? Trainers { get; set; }
    }

    public sealed class EnrolInput
    {
        public Guid? UserId { get; set; }
    }

    public sealed class AttendanceInput
    {
        public Guid? UserId { get; set; }
        public AttendanceMark? Attendance { get; set; }
        public TrainingResult? Result { get; set; }
    }

    public sealed class ExternalInput
    {
        public Guid? UserId { get; set; }
        public TrainingTopic? Topic { get; set; }
        public string? CourseTitle { get; set; }
        public string? IssuingBody { get; set; }
        public string? Number { get; set; }
        public string? Reference { get; set; }
        public DateOnly? IssuedOn { get; set; }
        public DateOnly? ExpiresOn { get; set; }
    }

    public sealed record CourseRow(Guid Id, string Code, string Title, string? Description, TrainingTopic? Topic, int? ValidityMonths, string Provider);

    public sealed record TrainerRow(string Name, string Organisation);

    public sealed record SessionRow(Guid Id, Guid CourseId, string CourseCode, string CourseTitle, TrainingTopic? Topic, DateOnly StartsOn, DateOnly EndsOn,
        string Place, string Language, int Capacity, SessionStatus Status, int Enrolled, IReadOnlyList<TrainerRow> Trainers)
    {
        public bool Full => Enrolled >= Capacity;
    }

    public sealed record ParticipantRow(Guid EnrolmentId, Guid UserId, string Name, string Institution, AttendanceMark? Attendance, TrainingResult? Result,
        string? CertificateNumber, Guid? CertificateId)
    {
        public bool Eligible => Attendance == AttendanceMark.Attended && Result == TrainingResult.Passed && CertificateId is null;
    }

    public sealed record SessionView(SessionRow Session, IReadOnlyList<ParticipantRow> Participants, Standing Standing, bool MayManage, bool MayNominate,
        IReadOnlyList<(Guid Id, string Name)> Nominees);

    public enum CertificateState { Valid, Expired, Revoked }

    public sealed record CertificateRow(Guid Id, string Number, Guid UserId, string Holder, string Institution, string Course, TrainingTopic? Topic,
        string Provider, bool External, DateOnly IssuedOn, DateOnly? ExpiresOn, CertificateState State, string? RevocationReason, string? ExternalNumber,
        string? ExternalReference, bool ExpiresSoon);

    public sealed record Verification(string Number, CertificateState State, string HolderInitials, string Course, TrainingTopic? Topic, DateOnly IssuedOn,
        DateOnly? ExpiresOn);

    /// <summary>A certificate of the holder that needs a refresher, and the next planned session that would renew it.</summary>
    public sealed record RefresherRow(Guid CertificateId, string Number, string Course, DateOnly ExpiresOn, bool Expired, SessionRow? Next);

    private DateOnly Today => uiTime.Today;

    private static string Pick(string az, string ru, string en)
    {
        var chosen = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName switch { "az" => az, "ru" => ru, _ => en };
        return string.IsNullOrWhiteSpace(chosen) ? en : chosen;
    }

    private static string TitleOf(TrainingCourse c) => Pick(c.TitleAz, c.TitleRu, c.TitleEn);

    public async Task<Standing> StandingAsync(Viewer viewer, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        var kind = await db.Institutions.AsNoTracking().Where(i => i.Id == viewer.InstitutionId && i.IsActive).Select(i => (InstitutionKind?)i.Kind).FirstOrDefaultAsync(ct);
        var excluded = kind is null || roles.Count == 0 || roles.All(ExcludedRoles.Contains);
        var manager = !excluded && kind == InstitutionKind.NationalCoordinator && roles.Contains(RoleCatalog.Coordinator);
        var head = !excluded && kind is { } k && k != InstitutionKind.PlatformAdministration && k != InstitutionKind.Oversight
            && roles.Any(AccountConfirmations.HeadRoles(k).Contains);
        return new Standing(viewer.UserId, viewer.InstitutionId, manager, head, excluded);
    }

    /// <summary>The enrolments the standing may see by name: all for the managers, their institution's for its heads, their own for anyone else.</summary>
    private IQueryable<TrainingEnrolment> VisibleEnrolments(Standing s) =>
        s.Excluded ? db.Set<TrainingEnrolment>().AsNoTracking().Where(_ => false)
        : s.Manager ? db.Set<TrainingEnrolment>().AsNoTracking()
        : s.Head ? db.Set<TrainingEnrolment>().AsNoTracking().Where(e => e.InstitutionId == s.InstitutionId || e.UserId == s.UserId)
        : db.Set<TrainingEnrolment>().AsNoTracking().Where(e => e.UserId == s.UserId);

    /// <summary>The certificates the standing may see, by the same rule as the enrolments.</summary>
    private IQueryable<TrainingCertificate> VisibleCertificates(Standing s) =>
        s.Excluded ? db.Set<TrainingCertificate>().AsNoTracking().Where(_ => false)
        : s.Manager ? db.Set<TrainingCertificate>().AsNoTracking()
        : s.Head ? db.Set<TrainingCertificate>().AsNoTracking().Where(c => c.InstitutionId == s.InstitutionId || c.UserId == s.UserId)
        : db.Set<TrainingCertificate>().AsNoTracking().Where(c => c.UserId == s.UserId);

    public async Task<IReadOnlyList<CourseRow>> CoursesAsync(CancellationToken ct = default) =>
        (await db.Set<TrainingCourse>().AsNoTracking().OrderBy(c => c.Code).ToListAsync(ct))
            .Select(c => new CourseRow(c.Id, c.Code, TitleOf(c), c.Description, c.Topic, c.ValidityMonths, c.Provider)).ToList();

    /// <summary>The sessions of the catalogue with their enrolment counts (never names); upcoming first when <paramref name="upcoming"/>.</summary>
    public async Task<IReadOnlyList<SessionRow>> SessionsAsync(bool upcoming = false, CancellationToken ct = default)
    {
        var query = db.Set<TrainingSession>().AsNoTracking();
        if (upcoming)
            query = query.Where(s => s.Status == SessionStatus.Planned && s.StartsOn >= Today);
        return await RowsAsync(await query.ToListAsync(ct), ct);
    }

    private async Task<List<SessionRow>> RowsAsync(IReadOnlyList<TrainingSession> sessions, CancellationToken ct)
    {
        var ids = sessions.Select(s => s.Id).ToList();
        var courseIds = sessions.Select(s => s.CourseId).Distinct().ToList();
        var courses = await db.Set<TrainingCourse>().AsNoTracking().Where(c => courseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var counts = await db.Set<TrainingEnrolment>().AsNoTracking().Where(e => ids.Contains(e.SessionId)).GroupBy(e => e.SessionId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var trainers = (await db.Set<SessionTrainer>().AsNoTracking().Where(t => ids.Contains(t.SessionId)).ToListAsync(ct))
            .GroupBy(t => t.SessionId).ToDictionary(g => g.Key, g => g.OrderBy(t => t.Name, StringComparer.CurrentCulture).Select(t => new TrainerRow(t.Name, t.Organisation)).ToList());
        return sessions.OrderByDescending(s => s.Status == SessionStatus.Planned).ThenBy(s => s.Status == SessionStatus.Planned ? s.StartsOn.DayNumber : -s.StartsOn.DayNumber)
            .Select(s =>
            {
                var c = courses[s.CourseId];
                return new SessionRow(s.Id, c.Id, c.Code, TitleOf(c), c.Topic, s.StartsOn, s.EndsOn, s.Place, s.Language, s.Capacity, s.Status,
                    counts.GetValueOrDefault(s.Id), trainers.GetValueOrDefault(s.Id) ?? []);
            }).ToList();
    }

    /// <summary>A course of the catalogue (managers only). Null when the viewer may not; else errors by field, empty when saved.</summary>
    public async Task<(Guid? Id, Dictionary<string, string[]>? Errors)> AddCourseAsync(Viewer viewer, IReadOnlyCollection<string> roles, CourseInput input,
        CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        if (!s.Manager)
        {
            await DeniedAsync(viewer, TrainingAudit.Course, null, ct);
            return (null, null);
        }
        var errors = new Dictionary<string, string[]>();
        var code = Required(errors, nameof(CourseInput.Code), input.Code, 40)?.ToUpperInvariant();
        if (code is not null && !code.All(ch => char.IsAsciiLetterOrDigit(ch) || ch is '-' or '.'))
            errors[nameof(CourseInput.Code)] = [text["Tr_CodeFormat"]];
        else if (code is not null && await db.Set<TrainingCourse>().AnyAsync(c => c.Code == code, ct))
            errors[nameof(CourseInput.Code)] = [text["Tr_CodeTaken"]];
        var az = Required(errors, nameof(CourseInput.TitleAz), input.TitleAz, 200);
        var ru = Required(errors, nameof(CourseInput.TitleRu), input.TitleRu, 200);
        var en = Required(errors, nameof(CourseInput.TitleEn), input.TitleEn, 200);
        var provider = Required(errors, nameof(CourseInput.Provider), input.Provider, 200);
        var description = Optional(errors, nameof(CourseInput.Description), input.Description, 2000);
        if (input.Topic is { } topic && !Enum.IsDefined(topic))
            errors[nameof(CourseInput.Topic)] = [text["Tr_TopicUnknown"]];
        if (input.ValidityMonths is { } months && (months < 1 || months > MaxValidityMonths))
            errors[nameof(CourseInput.ValidityMonths)] = [text["Tr_ValidityRange", MaxValidityMonths]];
        else if (input.ValidityMonths is null && input.Topic is { } t && TrainingRecord.Expires(t))
            errors[nameof(CourseInput.ValidityMonths)] = [text["Tr_ValidityRequired"]];
        if (errors.Count > 0)
            return (null, errors);
        var course = new TrainingCourse
        {
            Code = code!,
            TitleAz = az!,
            TitleRu = ru!,
            TitleEn = en!,
            Description = description,
            Topic = input.Topic,
            ValidityMonths = input.ValidityMonths,
            Provider = provider!,
            CreatedAt = time.GetUtcNow(),
            CreatedBy = viewer.UserId,
        };
        try
        {
            await writes.RunAsync(viewer, async ct =>
            {
                db.Add(course);
                await db.SaveChangesAsync(ct);
                return new Audited<bool>(true, new AuditRecord(TrainingAudit.CourseAdded, TargetType: TrainingAudit.Course, TargetId: course.Id, Relation: RoleCatalog.Coordinator));
            }, ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return (null, new() { [nameof(CourseInput.Code)] = [text["Tr_CodeTaken"]] });
        }
        return (course.Id, errors);
    }

    /// <summary>A session of a course with its trainers (managers only).</summary>
    public async Task<(Guid? Id, Dictionary<string, string[]>? Errors)> AddSessionAsync(Viewer viewer, IReadOnlyCollection<string> roles, SessionInput input,
        CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        if (!s.Manager)
        {
            await DeniedAsync(viewer, TrainingAudit.Session, null, ct);
            return (null, null);
        }
        var errors = new Dictionary<string, string[]>();
        if (input.CourseId is not { } courseId || !await db.Set<TrainingCourse>().AnyAsync(c => c.Id == courseId, ct))
            errors[nameof(SessionInput.CourseId)] = [text["Tr_CourseUnknown"]];
        if (input.StartsOn is not { } starts)
            errors[nameof(SessionInput.StartsOn)] = [text["Validation_DateRequired"]];
        else if (starts < Today.AddYears(-5) || starts > Today.AddYears(5))
            errors[nameof(SessionInput.StartsOn)] = [text["Tr_DateRange"]];
        if (input.EndsOn is not { } ends)
            errors[nameof(SessionInput.EndsOn)] = [text["Validation_DateRequired"]];
        else if (input.StartsOn is { } st && ends < st)
            errors[nameof(SessionInput.EndsOn)] = [text["Tr_EndBeforeStart"]];
        else if (input.StartsOn is { } st2 && ends > st2.AddDays(90))
            errors[nameof(SessionInput.EndsOn)] = [text["Tr_TooLong"]];
        var place = Required(errors, nameof(SessionInput.Place), input.Place, 200);
        var language = input.Language?.Trim().ToLowerInvariant();
        if (language is null || !Languages.Contains(language))
            errors[nameof(SessionInput.Language)] = [text["Tr_LanguageRequired"]];
        if (input.Capacity is not { } capacity || capacity < 1 || capacity > MaxCapacity)
            errors[nameof(SessionInput.Capacity)] = [text["Tr_CapacityRange", MaxCapacity]];
        var trainers = new List<TrainerRow>();
        foreach (var line in (input.Trainers ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var cut = line.IndexOfAny(['—', ',', ';']);
            var name = (cut < 0 ? line : line[..cut]).Trim();
            var organisation = cut < 0 ? "" : line[(cut + 1)..].Trim();
            if (name.Length == 0 || organisation.Length == 0 || name.Length > 200 || organisation.Length > 200)
            {
                errors[nameof(SessionInput.Trainers)] = [text["Tr_TrainerFormat"]];
                break;
            }
            trainers.Add(new TrainerRow(name, organisation));
        }
        if (trainers.Count > 20)
            errors[nameof(SessionInput.Trainers)] = [text["Tr_TooManyTrainers", 20]];
        if (errors.Count > 0)
            return (null, errors);
        var session = new TrainingSession
        {
            CourseId = input.CourseId!.Value,
            StartsOn = input.StartsOn!.Value,
            EndsOn = input.EndsOn!.Value,
            Place = place!,
            Language = language!,
            Capacity = input.Capacity!.Value,
            CreatedAt = time.GetUtcNow(),
            CreatedBy = viewer.UserId,
        };
        await writes.RunAsync(viewer, async ct =>
        {
            db.Add(session);
            db.AddRange(trainers.Select(t => new SessionTrainer { SessionId = session.Id, Name = t.Name, Organisation = t.Organisation }));
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(TrainingAudit.SessionAdded, TargetType: TrainingAudit.Session, TargetId: session.Id, Relation: RoleCatalog.Coordinator));
        }, ct);
        return (session.Id, errors);
    }

    /// <summary>One session with the participants the viewer may see by name (none for auditors and administrators).</summary>
    public async Task<SessionView?> SessionAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid id, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        var session = await db.Set<TrainingSession>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (session is null)
            return null;
        var row = (await RowsAsync([session], ct))[0];
        var enrolments = await VisibleEnrolments(s).Where(e => e.SessionId == id).ToListAsync(ct);
        var userIds = enrolments.Select(e => e.UserId).ToList();
        var people = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, Institution = u.Institution!.Name }).ToDictionaryAsync(u => u.Id, ct);
        var enrolmentIds = enrolments.Select(e => (Guid?)e.Id).ToList();
        var certificates = await db.Set<TrainingCertificate>().AsNoTracking().Where(c => enrolmentIds.Contains(c.EnrolmentId))
            .ToDictionaryAsync(c => c.EnrolmentId!.Value, ct);
        var participants = enrolments
            .Select(e => new ParticipantRow(e.Id, e.UserId, people.GetValueOrDefault(e.UserId)?.DisplayName ?? "", people.GetValueOrDefault(e.UserId)?.Institution ?? "",
                e.Attendance, e.Result, certificates.GetValueOrDefault(e.Id)?.Number, certificates.GetValueOrDefault(e.Id)?.Id))
            .OrderBy(p => p.Name, StringComparer.CurrentCulture).ToList();
        var mayNominate = s.Nominates && session.Status == SessionStatus.Planned && !row.Full;
        return new SessionView(row, participants, s, s.Manager, mayNominate, mayNominate ? await NomineesAsync(s, id, ct) : []);
    }

    /// <summary>Who the standing may nominate to the session: managers anyone active, heads their own institution's staff; not those enrolled already.</summary>
    private async Task<IReadOnlyList<(Guid Id, string Name)>> NomineesAsync(Standing s, Guid sessionId, CancellationToken ct)
    {
        var query = db.Users.AsNoTracking().Where(u => !u.IsDisabled && u.Institution!.IsActive
            && !db.Set<TrainingEnrolment>().Any(e => e.SessionId == sessionId && e.UserId == u.Id));
        if (!s.Manager)
            query = query.Where(u => u.InstitutionId == s.InstitutionId);
        var rows = await query.Select(u => new { u.Id, u.DisplayName, u.Institution!.Code }).Take(2000).ToListAsync(ct);
        return rows.Select(r => (r.Id, $"{r.DisplayName} ({r.Code})")).OrderBy(r => r.Item2, StringComparer.CurrentCulture).ToList();
    }

    /// <summary>
    /// Nominates a member of staff to a planned session with room left: a manager anyone, a head their own institution's staff only.
    /// Null when the session is unknown or the viewer nominates no one.
    /// </summary>
    public async Task<Dictionary<string, string[]>?> EnrolAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid sessionId, EnrolInput input,
        IdempotentRequest? request = null, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        var session = await db.Set<TrainingSession>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == sessionId, ct);
        if (session is null || !s.Nominates)
        {
            await DeniedAsync(viewer, TrainingAudit.Session, sessionId, ct);
            return null;
        }
        if (await writes.SeenAsync(viewer, request, ct) is { } seen)
            return seen.Outcome == OnceOutcome.KeyConflict ? KeyReused() : [];
        var errors = new Dictionary<string, string[]>();
        var user = input.UserId is { } uid
            ? await db.Users.AsNoTracking().Where(u => u.Id == uid && !u.IsDisabled).Select(u => new { u.Id, u.InstitutionId }).FirstOrDefaultAsync(ct)
            : null;
        if (session.Status != SessionStatus.Planned)
            return new() { [""] = [text["Tr_SessionNotOpen"]] };
        if (user is null || (!s.Manager && user.InstitutionId != s.InstitutionId))
        {
            if (user is not null)
                await DeniedAsync(viewer, TrainingAudit.Session, sessionId, ct);
            errors[nameof(EnrolInput.UserId)] = [text["Tr_NomineeInvalid"]];
            return errors;
        }
        if (await db.Set<TrainingEnrolment>().AnyAsync(e => e.SessionId == sessionId && e.UserId == user.Id, ct))
            return new() { [nameof(EnrolInput.UserId)] = [text["Tr_AlreadyEnrolled"]] };
        var full = false;
        async Task<Audited<bool>> Work(CancellationToken ct)
        {
            // Counted under the chain's lock: two nominations at once cannot both take the last place.
            if (await db.Set<TrainingEnrolment>().CountAsync(e => e.SessionId == sessionId, ct) >= session.Capacity)
            {
                full = true;
                return new Audited<bool>(false, new AuditRecord(TrainingAudit.Enrolled, AuditOutcome.Denied, TargetType: TrainingAudit.Session, TargetId: sessionId));
            }
            var enrolment = new TrainingEnrolment
            {
                SessionId = sessionId,
                UserId = user.Id,
                InstitutionId = user.InstitutionId,
                NominatedBy = viewer.UserId,
                NominatedAt = time.GetUtcNow(),
            };
            db.Add(enrolment);
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(TrainingAudit.Enrolled, TargetType: TrainingAudit.Session, TargetId: sessionId,
                Relation: s.Manager ? RoleCatalog.Coordinator : "InstitutionHead"), enrolment.Id);
        }
        try
        {
            if (request is null)
                await writes.RunSerializedAsync(viewer, Work, ct);
            else if ((await writes.RunOnceAsync(viewer, request, Work, (_, _) => Task.FromResult(true), ct)).Outcome == OnceOutcome.KeyConflict)
                return KeyReused();
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return new() { [nameof(EnrolInput.UserId)] = [text["Tr_AlreadyEnrolled"]] };
        }
        return full ? new() { [""] = [text["Tr_SessionFull"]] } : errors;
    }

    /// <summary>Marks the session held or cancelled (managers). A session is held once it has started; a held one stays held.</summary>
    public async Task<Dictionary<string, string[]>?> SetStatusAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid sessionId, SessionStatus? to,
        CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        var session = s.Manager ? await db.Set<TrainingSession>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == sessionId, ct) : null;
        if (session is null)
        {
            await DeniedAsync(viewer, TrainingAudit.Session, sessionId, ct);
            return null;
        }
        if (to is not { } status || status == SessionStatus.Planned || !Enum.IsDefined(status))
            return new() { ["Status"] = [text["Tr_StatusRequired"]] };
        if (session.Status != SessionStatus.Planned)
            return new() { [""] = [text["Tr_SessionNotOpen"]] };
        if (status == SessionStatus.Held && session.StartsOn > Today)
            return new() { [""] = [text["Tr_NotStartedYet"]] };
        await writes.RunAsync(viewer, async ct =>
        {
            var row = await db.Set<TrainingSession>().FirstAsync(x => x.Id == sessionId, ct);
            row.Status = status;
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(TrainingAudit.SessionStatusChanged, TargetType: TrainingAudit.Session, TargetId: sessionId, Relation: RoleCatalog.Coordinator));
        }, ct);
        return [];
    }

    /// <summary>
    /// A participant's attendance and result at a held session (managers). A pass needs full attendance. Sent again with the
    /// same <c>Idempotency-Key</c> it changes nothing and answers as done; a certificate already issued freezes the mark.
    /// </summary>
    public async Task<Dictionary<string, string[]>?> RecordAttendanceAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid sessionId, AttendanceInput input,
        IdempotentRequest? request = null, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        var session = s.Manager ? await db.Set<TrainingSession>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == sessionId, ct) : null;
        if (session is null)
        {
            await DeniedAsync(viewer, TrainingAudit.Session, sessionId, ct);
            return null;
        }
        if (await writes.SeenAsync(viewer, request, ct) is { } seen)
            return seen.Outcome == OnceOutcome.KeyConflict ? KeyReused() : [];
        if (session.Status != SessionStatus.Held)
            return new() { [""] = [text["Tr_NotHeld"]] };
        var errors = new Dictionary<string, string[]>();
        var enrolment = input.UserId is { } uid ? await db.Set<TrainingEnrolment>().AsNoTracking().FirstOrDefaultAsync(e => e.SessionId == sessionId && e.UserId == uid, ct) : null;
        if (enrolment is null)
            errors[nameof(AttendanceInput.UserId)] = [text["Tr_NotEnrolled"]];
        if (input.Attendance is not { } attendance || !Enum.IsDefined(attendance))
            errors[nameof(AttendanceInput.Attendance)] = [text["Tr_AttendanceRequired"]];
        if (input.Result is { } result && !Enum.IsDefined(result))
            errors[nameof(AttendanceInput.Result)] = [text["Tr_ResultUnknown"]];
        else if (input.Result == TrainingResult.Passed && input.Attendance is { } a && a != AttendanceMark.Attended)
            errors[nameof(AttendanceInput.Result)] = [text["Tr_PassNeedsAttendance"]];
        if (errors.Count > 0)
            return errors;
        if (await db.Set<TrainingCertificate>().AnyAsync(c => c.EnrolmentId == enrolment!.Id, ct))
            return new() { [""] = [text["Tr_AlreadyCertified"]] };
        async Task<Audited<bool>> Work(CancellationToken ct)
        {
            var row = await db.Set<TrainingEnrolment>().FirstAsync(e => e.Id == enrolment!.Id, ct);
            row.Attendance = input.Attendance;
            row.Result = input.Result;
            row.MarkedBy = viewer.UserId;
            row.MarkedAt = time.GetUtcNow();
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(TrainingAudit.AttendanceRecorded, TargetType: TrainingAudit.Session, TargetId: sessionId,
                Relation: RoleCatalog.Coordinator), row.Id);
        }
        if (request is null)
            await writes.RunAsync(viewer, Work, ct);
        else if ((await writes.RunOnceAsync(viewer, request, Work, (_, _) => Task.FromResult(true), ct)).Outcome == OnceOutcome.KeyConflict)
            return KeyReused();
        return errors;
    }

    /// <summary>
    /// Issues the certificate of an enrolment that attended and passed (managers): its number, its last day from the course's
    /// validity, and for a course with a topic the training record the role checks read, all in one audited transaction.
    /// Issuing twice is refused (one certificate per enrolment).
    /// </summary>
    public async Task<(Guid? Id, Dictionary<string, string[]>? Errors)> IssueAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid enrolmentId,
        CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        var enrolment = s.Manager ? await db.Set<TrainingEnrolment>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == enrolmentId, ct) : null;
        if (enrolment is null)
        {
            await DeniedAsync(viewer, TrainingAudit.Certificate, null, ct);
            return (null, null);
        }
        var session = await db.Set<TrainingSession>().AsNoTracking().FirstAsync(x => x.Id == enrolment.SessionId, ct);
        var course = await db.Set<TrainingCourse>().AsNoTracking().FirstAsync(c => c.Id == session.CourseId, ct);
        if (session.Status != SessionStatus.Held)
            return (null, new() { [""] = [text["Tr_NotHeld"]] });
        if (enrolment.Attendance != AttendanceMark.Attended || enrolment.Result != TrainingResult.Passed)
            return (null, new() { [""] = [text["Tr_NotEligible"]] });
        if (await db.Set<TrainingCertificate>().AnyAsync(c => c.EnrolmentId == enrolmentId, ct))
            return (null, new() { [""] = [text["Tr_AlreadyCertified"]] });
        var issuedOn = session.EndsOn <= Today ? session.EndsOn : Today;
        var certificate = new TrainingCertificate
        {
            UserId = enrolment.UserId,
            InstitutionId = enrolment.InstitutionId,
            CourseId = course.Id,
            SessionId = session.Id,
            EnrolmentId = enrolment.Id,
            Topic = course.Topic,
            CourseTitle = course.TitleAz,
            Provider = course.Provider,
            IssuedOn = issuedOn,
            ExpiresOn = course.ValidityMonths is { } m ? issuedOn.AddMonths(m).AddDays(-1) : null,
        };
        try
        {
            await SaveCertificateAsync(viewer, certificate, TrainingAudit.CertificateIssued, ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return (null, new() { [""] = [text["Tr_AlreadyCertified"]] });
        }
        return (certificate.Id, []);
    }

    /// <summary>
    /// Records a certificate of training taken outside the system (managers): the issuing body, its number and where its scan
    /// is kept. It counts for the role checks as an issued one does.
    /// </summary>
    public async Task<(Guid? Id, Dictionary<string, string[]>? Errors)> AddExternalAsync(Viewer viewer, IReadOnlyCollection<string> roles, ExternalInput input,
        CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        if (!s.Manager)
        {
            await DeniedAsync(viewer, TrainingAudit.Certificate, null, ct);
            return (null, null);
        }
        var errors = new Dictionary<string, string[]>();
        var user = input.UserId is { } uid
            ? await db.Users.AsNoTracking().Where(u => u.Id == uid && !u.IsDisabled).Select(u => new { u.Id, u.InstitutionId }).FirstOrDefaultAsync(ct)
            : null;
        if (user is null)
            errors[nameof(ExternalInput.UserId)] = [text["Tr_NomineeInvalid"]];
        if (input.Topic is not { } topic || !Enum.IsDefined(topic))
            errors[nameof(ExternalInput.Topic)] = [text["Tr_TopicRequired"]];
        var title = Required(errors, nameof(ExternalInput.CourseTitle), input.CourseTitle, 200);
        var body = Required(errors, nameof(ExternalInput.IssuingBody), input.IssuingBody, 200);
        var number = Required(errors, nameof(ExternalInput.Number), input.Number, 100);
        var reference = Required(errors, nameof(ExternalInput.Reference), input.Reference, 300);
        if (input.IssuedOn is not { } issued)
            errors[nameof(ExternalInput.IssuedOn)] = [text["Validation_DateRequired"]];
        else if (issued > Today || issued < Today.AddYears(-30))
            errors[nameof(ExternalInput.IssuedOn)] = [text["Tr_IssuedRange"]];
        if (input.ExpiresOn is { } expires && (expires <= Today || input.IssuedOn is { } i && expires <= i))
            errors[nameof(ExternalInput.ExpiresOn)] = [text["Tr_ExpiresRange"]];
        else if (input.ExpiresOn is null && input.Topic is { } t && TrainingRecord.Expires(t))
            errors[nameof(ExternalInput.ExpiresOn)] = [text["Tr_ExpiresRequired"]];
        if (errors.Count > 0)
            return (null, errors);
        var certificate = new TrainingCertificate
        {
            UserId = user!.Id,
            InstitutionId = user.InstitutionId,
            Topic = input.Topic,
            CourseTitle = title!,
            Provider = body!,
            External = true,
            ExternalNumber = number,
            ExternalReference = reference,
            IssuedOn = input.IssuedOn!.Value,
            ExpiresOn = input.ExpiresOn,
        };
        await SaveCertificateAsync(viewer, certificate, TrainingAudit.ExternalRecorded, ct);
        return (certificate.Id, []);
    }

    private async Task SaveCertificateAsync(Viewer viewer, TrainingCertificate certificate, AuditAction action, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        certificate.IssuedBy = viewer.UserId;
        certificate.IssuedAt = now;
        for (var attempt = 0; ; attempt++)
        {
            certificate.Number = NewNumber(certificate.IssuedOn.Year);
            if (!await db.Set<TrainingCertificate>().AnyAsync(c => c.Number == certificate.Number, ct) || attempt > 5)
                break;
        }
        await writes.RunSerializedAsync(viewer, async ct =>
        {
            db.Add(certificate);
            // The record the role checks read (RoleCatalog at assignment, GuardService at use), made in the certificate's transaction.
            if (certificate.Topic is { } topic)
                db.Trainings.Add(new TrainingRecord
                {
                    UserId = certificate.UserId,
                    Topic = topic,
                    Course = certificate.CourseTitle,
                    Provider = certificate.Provider,
                    CompletedOn = certificate.IssuedOn,
                    ValidUntil = certificate.ExpiresOn,
                    RecordedAt = now,
                    RecordedBy = viewer.UserId,
                    CertificateId = certificate.Id,
                });
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(action, TargetType: TrainingAudit.Certificate, TargetId: certificate.Id, Relation: RoleCatalog.Coordinator));
        }, ct);
    }

    /// <summary>A fresh certificate number, TR-YYYY-XXXXXX, from a cryptographic source over an alphabet without look-alikes.</summary>
    public static string NewNumber(int year) =>
        $"TR-{year:D4}-{RandomNumberGenerator.GetString(NumberAlphabet, 6)}";

    /// <summary>Revokes a certificate with its reason (managers): its training record ends yesterday, so the role checks fail from today, at use too.</summary>
    public async Task<Dictionary<string, string[]>?> RevokeAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid certificateId, string? reason,
        CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        var certificate = s.Manager ? await db.Set<TrainingCertificate>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == certificateId, ct) : null;
        if (certificate is null)
        {
            await DeniedAsync(viewer, TrainingAudit.Certificate, certificateId, ct);
            return null;
        }
        if (certificate.RevokedAt is not null)
            return new() { [""] = [text["Tr_AlreadyRevoked"]] };
        var why = reason?.Trim() ?? "";
        if (why.Length < MinReason)
            return new() { ["Reason"] = [text["Tr_ReasonRequired", MinReason]] };
        if (why.Length > 1000)
            return new() { ["Reason"] = [text["Validation_TooLong", 1000]] };
        await writes.RunAsync(viewer, async ct =>
        {
            var row = await db.Set<TrainingCertificate>().FirstAsync(c => c.Id == certificateId, ct);
            row.RevokedAt = time.GetUtcNow();
            row.RevokedBy = viewer.UserId;
            row.RevocationReason = why;
            var yesterday = Today.AddDays(-1);
            foreach (var record in await db.Trainings.Where(t => t.CertificateId == certificateId).ToListAsync(ct))
                record.ValidUntil = record.CompletedOn > yesterday ? record.CompletedOn.AddDays(-1) : yesterday;
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, new AuditRecord(TrainingAudit.CertificateRevoked, TargetType: TrainingAudit.Certificate, TargetId: certificateId,
                Relation: RoleCatalog.Coordinator));
        }, ct);
        return [];
    }

    private CertificateState StateOf(TrainingCertificate c) =>
        c.RevokedAt is not null ? CertificateState.Revoked : c.ExpiresOn is { } e && e < Today ? CertificateState.Expired : CertificateState.Valid;

    /// <summary>The certificates the viewer may see (managers: all; heads: their staff's; anyone: their own), optionally only those expiring within 90 days.</summary>
    public async Task<IReadOnlyList<CertificateRow>> CertificatesAsync(Viewer viewer, IReadOnlyCollection<string> roles, bool expiringOnly = false,
        Guid? userId = null, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        var query = VisibleCertificates(s);
        if (userId is { } u)
            query = query.Where(c => c.UserId == u);
        var horizon = Today.AddDays(ExpiringWindowDays);
        if (expiringOnly)
            query = query.Where(c => c.RevokedAt == null && c.ExpiresOn != null && c.ExpiresOn >= Today && c.ExpiresOn <= horizon);
        var rows = await query.OrderByDescending(c => c.IssuedOn).Take(1000).ToListAsync(ct);
        var ids = rows.Select(r => r.UserId).Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(x => ids.Contains(x.Id))
            .Select(x => new { x.Id, x.DisplayName, Institution = x.Institution!.Name }).ToDictionaryAsync(x => x.Id, ct);
        return rows.Select(c => new CertificateRow(c.Id, c.Number, c.UserId, people.GetValueOrDefault(c.UserId)?.DisplayName ?? "",
                people.GetValueOrDefault(c.UserId)?.Institution ?? "", c.CourseTitle, c.Topic, c.Provider, c.External, c.IssuedOn, c.ExpiresOn, StateOf(c),
                c.RevocationReason, c.ExternalNumber, c.ExternalReference,
                c.RevokedAt is null && c.ExpiresOn is { } e && e >= Today && e <= horizon))
            .OrderBy(c => expiringOnly ? c.ExpiresOn!.Value.DayNumber : 0).ToList();
    }

    /// <summary>
    /// Verification of a certificate by its number (managers only): valid, expired or revoked, with the holder's initials and
    /// nothing more. Audited either way; an unknown number or another viewer gets null.
    /// </summary>
    public async Task<Verification?> VerifyAsync(Viewer viewer, IReadOnlyCollection<string> roles, string number, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        var normalized = number.Trim().ToUpperInvariant();
        var c = s.Manager && normalized.Length <= 20 ? await db.Set<TrainingCertificate>().AsNoTracking().FirstOrDefaultAsync(x => x.Number == normalized, ct) : null;
        if (c is null)
        {
            await DeniedAsync(viewer, TrainingAudit.Certificate, null, ct);
            return null;
        }
        var name = await db.Users.AsNoTracking().Where(u => u.Id == c.UserId).Select(u => u.DisplayName).FirstAsync(ct);
        await audit.RecordAsync(new AuditRecord(TrainingAudit.CertificateVerified, AuditOutcome.Allowed, viewer.UserId, viewer.InstitutionId,
            TrainingAudit.Certificate, c.Id, Relation: RoleCatalog.Coordinator), ct);
        return new Verification(c.Number, StateOf(c), Initials(name), c.CourseTitle, c.Topic, c.IssuedOn, c.ExpiresOn);
    }

    /// <summary>"Leyla Həsənova" → "L. H.".</summary>
    public static string Initials(string name) =>
        string.Join(" ", name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => char.ToUpperInvariant(p[0]) + "."));

    /// <summary>
    /// The holder's certificates that need a refresher: not revoked, expired or expiring within the refresher window, and not
    /// already renewed by a later current certificate of the same course or topic; each with the next planned session to enrol in.
    /// </summary>
    public async Task<IReadOnlyList<RefresherRow>> RefresherDueAsync(Guid userId, CancellationToken ct = default)
    {
        var window = Today.AddDays(options.Value.RefresherDays);
        var mine = await db.Set<TrainingCertificate>().AsNoTracking().Where(c => c.UserId == userId && c.RevokedAt == null).ToListAsync(ct);
        var due = mine.Where(c => c.ExpiresOn is { } e && e <= window && e >= Today.AddYears(-1)
                && !mine.Any(o => o.Id != c.Id && o.IssuedOn >= c.IssuedOn && (o.ExpiresOn is null || o.ExpiresOn > window)
                    && (c.CourseId is not null && o.CourseId == c.CourseId || c.Topic is not null && o.Topic == c.Topic)))
            .OrderBy(c => c.ExpiresOn).ToList();
        if (due.Count == 0)
            return [];
        var upcoming = await SessionsAsync(upcoming: true, ct);
        return due.Select(c => new RefresherRow(c.Id, c.Number, c.CourseTitle, c.ExpiresOn!.Value, c.ExpiresOn < Today,
            upcoming.Where(x => c.CourseId is not null ? x.CourseId == c.CourseId || c.Topic is not null && x.Topic == c.Topic : c.Topic is not null && x.Topic == c.Topic)
                .OrderBy(x => x.StartsOn).FirstOrDefault())).ToList();
    }

    /// <summary>
    /// The refresher notices (the job): once when a certificate comes within the window, once when it has expired; to the
    /// holder and to the heads of their institution. Each notice is marked on the certificate in its own audited transaction,
    /// so a second run (or a second node after the lease) sends nothing again. Returns how many notices were sent.
    /// </summary>
    public async Task<int> SendNoticesAsync(CancellationToken ct = default)
    {
        var today = Today;
        var window = today.AddDays(options.Value.RefresherDays);
        var candidates = await db.Set<TrainingCertificate>().AsNoTracking()
            .Where(c => c.RevokedAt == null && c.ExpiresOn != null
                && ((c.RefresherNoticeAt == null && c.ExpiresOn <= window && c.ExpiresOn >= today) || (c.ExpiredNoticeAt == null && c.ExpiresOn < today)))
            .Select(c => new { c.Id, c.UserId, c.InstitutionId, c.ExpiresOn }).ToListAsync(ct);
        var sent = 0;
        foreach (var c in candidates)
        {
            var expired = c.ExpiresOn < today;
            var kind = await db.Institutions.AsNoTracking().Where(i => i.Id == c.InstitutionId).Select(i => i.Kind).FirstAsync(ct);
            // Under the chain's lock, and the mark read again inside: a run elsewhere (another node, a retry) that sent it first is seen.
            var done = await writes.RunSerializedAsync(null, async ct =>
            {
                var row = await db.Set<TrainingCertificate>().FirstAsync(x => x.Id == c.Id, ct);
                if (expired ? row.ExpiredNoticeAt is not null : row.RefresherNoticeAt is not null)
                    return new Audited<bool>(false, new AuditRecord(TrainingAudit.RefresherNotified, AuditOutcome.Denied, TargetType: TrainingAudit.Certificate, TargetId: c.Id));
                var now = time.GetUtcNow();
                if (expired)
                    row.ExpiredNoticeAt = now;
                else
                    row.RefresherNoticeAt = now;
                string notice = expired ? TrainingAudit.Expired : TrainingAudit.RefresherDue;
                db.Notifications.Add(new Notification { RecipientUserId = c.UserId, Kind = notice, CreatedAt = now });
                var heads = AccountConfirmations.HeadRoles(kind);
                if (kind is not (InstitutionKind.PlatformAdministration or InstitutionKind.Oversight))
                    foreach (var head in heads)
                        db.Notifications.Add(new Notification { RecipientInstitutionId = c.InstitutionId, RecipientRole = head, Kind = notice, CreatedAt = now });
                await db.SaveChangesAsync(ct);
                return new Audited<bool>(true, new AuditRecord(TrainingAudit.RefresherNotified, TargetType: TrainingAudit.Certificate, TargetId: c.Id));
            }, ct);
            if (done)
                sent++;
        }
        return sent;
    }

    /// <summary>The users a manager may record an external certificate for (every active account).</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> PeopleAsync(Viewer viewer, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        if (!s.Manager)
            return [];
        var rows = await db.Users.AsNoTracking().Where(u => !u.IsDisabled && u.Institution!.IsActive)
            .Select(u => new { u.Id, u.DisplayName, u.Institution!.Code }).Take(2000).ToListAsync(ct);
        return rows.Select(r => (r.Id, $"{r.DisplayName} ({r.Code})")).OrderBy(r => r.Item2, StringComparer.CurrentCulture).ToList();
    }

    private string? Required(Dictionary<string, string[]> errors, string field, string? value, int max)
    {
        var v = value?.Trim();
        if (string.IsNullOrEmpty(v))
            errors[field] = [text["Validation_Required"]];
        else if (v.Length > max)
            errors[field] = [text["Validation_TooLong", max]];
        else
            return v;
        return null;
    }

    private string? Optional(Dictionary<string, string[]> errors, string field, string? value, int max)
    {
        var v = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (v is { Length: var n } && n > max)
            errors[field] = [text["Validation_TooLong", max]];
        return v;
    }

    private Dictionary<string, string[]> KeyReused() => new() { [""] = [text["Api_IdempotencyKeyReused"]] };

    private Task DeniedAsync(Viewer viewer, AuditTarget target, Guid? id, CancellationToken ct) =>
        audit.RecordAsync(new AuditRecord(TrainingAudit.Denied, AuditOutcome.Denied, viewer.UserId, viewer.InstitutionId, target, id), ct);
}
