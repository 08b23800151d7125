using System.Globalization;
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

namespace Ariadne.Web.Features.Meetings;

/// <summary>
/// The meetings of participants (issue 16 §2; the plan's §4): the Coordinator's office schedules them and invites
/// institutions and named people; each participant gets an iCalendar file; the office keeps the agenda, attendance,
/// minutes (approved by the Coordinator, then read-only; an amendment is a new version), decisions, and action items with
/// an owner institution (optionally a named person) and a due day. Owners mark their items done; the Coordinator may
/// cancel them. A job reminds owners before the due day and escalates once an item is overdue, each once.
/// Who sees what, in one predicate (<see cref="Visible"/>): the office sees every meeting; anyone else the meetings their
/// institution or they themselves are invited to or own an action item of; Auditor and Administrator roles alone see none.
/// A meeting the viewer may not see answers null (a 404) and the attempt is audited.
/// </summary>
public sealed class CoordinationMeetings(AriadneDbContext db, AuditedWrites writes, AuditTrail audit, TimeProvider time, UiTime uiTime,
    IOptions<MeetingsOptions> options, IStringLocalizer<SharedResource> text)
{
    public const int MaxTitle = 300;
    public const int MaxText = 2000;
    public const int MaxMinutes = 20000;
    public const int MinMinutes = 10;
    public const int MaxAgenda = 30;
    public const int MinNote = 5;

    /// <summary>Roles that never see meetings through their institution: oversight reads the audit, administrators run the platform.</summary>
    public static readonly string[] ExcludedRoles = [RoleCatalog.Auditor, RoleCatalog.Administrator];

    /// <summary>How the viewer stands to meetings.</summary>
    public sealed record Standing(Guid UserId, Guid InstitutionId, bool Coordinator, bool Office, bool Excluded);

    public sealed class MeetingInput
    {
        public string? Title { get; set; }
        public MeetingKind? Kind { get; set; }
        public DateTimeOffset? StartsAt { get; set; }
        public DateTimeOffset? EndsAt { get; set; }
        public string? Place { get; set; }
        public string? OnlineLink { get; set; }
        public List<Guid> Institutions { get; set; } = [];
        public List<Guid> Users { get; set; } = [];
        public List<string> Agenda { get; set; } = [];
    }

    public sealed class RescheduleInput
    {
        public DateTimeOffset? StartsAt { get; set; }
        public DateTimeOffset? EndsAt { get; set; }
        public string? Place { get; set; }
        public string? OnlineLink { get; set; }
    }

    public sealed class ActionInput
    {
        public string? Title { get; set; }
        public Guid? OwnerInstitutionId { get; set; }
        public Guid? OwnerUserId { get; set; }
        public DateOnly? DueOn { get; set; }
    }

    public sealed class StatusInput
    {
        public ActionItemStatus? To { get; set; }
        public string? Note { get; set; }
    }

    public sealed record Row(Guid Id, string Number, string Title, MeetingKind Kind, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? Place,
        bool Upcoming, int OpenItems, int OverdueItems);

    public sealed record ItemRow(Guid Id, Guid MeetingId, string Reference, string Title, string Owner, string? OwnerPerson, DateOnly DueOn,
        ActionItemStatus Status, bool Overdue, bool DueSoon, string? CompletionNote, bool MayClose, bool MayCancel, Guid OwnerInstitutionId, Guid? OwnerUserId);

    public sealed record ParticipantView(Guid InvitationId, bool IsInstitution, string Name, string? Institution, Attendance Attendance);

    public sealed record MinutesView(int Version, string Text, MinutesStatus Status, string WrittenBy, DateTimeOffset WrittenAt, string? ApprovedBy,
        DateTimeOffset? ApprovedAt);

    public sealed record DecisionView(int Number, string Text, DateTimeOffset RecordedAt);

    public sealed record MeetingView(Guid Id, string Number, string Title, MeetingKind Kind, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? Place,
        string? OnlineLink, int Sequence, string Organizer, IReadOnlyList<ParticipantView> Participants, IReadOnlyList<(int Order, string Title)> Agenda,
        IReadOnlyList<MinutesView> Minutes, IReadOnlyList<DecisionView> Decisions, IReadOnlyList<ItemRow> ActionItems, Standing Standing, bool Invited)
    {
        /// <summary>The office keeps the record (agenda, attendance, minutes, decisions, action items).</summary>
        public bool MayEdit => Standing.Office;

        public MinutesView? Current => Minutes.Count == 0 ? null : Minutes[^1];

        public bool MayApprove => Standing.Coordinator && Current is { Status: MinutesStatus.Draft };
    }

    public sealed record Lists(IReadOnlyList<Row> Upcoming, IReadOnlyList<Row> Past, IReadOnlyList<ItemRow> OpenItems, Standing Standing);

    public sealed record Calendar(string Content, string FileName);

    public async Task<Standing> StandingAsync(Viewer viewer, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        var kind = await db.Institutions.AsNoTracking().Where(i => i.Id == viewer.InstitutionId && i.IsActive).Select(i => (InstitutionKind?)i.Kind).FirstOrDefaultAsync(ct);
        var office = kind == InstitutionKind.NationalCoordinator && (roles.Contains(RoleCatalog.Coordinator) || roles.Contains(RoleCatalog.Analyst));
        var excluded = kind is null || roles.Count == 0 || roles.All(ExcludedRoles.Contains);
        return new Standing(viewer.UserId, viewer.InstitutionId, office && roles.Contains(RoleCatalog.Coordinator), office, excluded && !office);
    }

    /// <summary>
    /// The one predicate of who sees a meeting: the Coordinator's office all; otherwise those the viewer's institution or the viewer is
    /// invited to, or owns an action item of; nothing for a standing of Auditor or Administrator roles alone.
    /// </summary>
    private IQueryable<Meeting> Visible(Standing s) =>
        s.Office ? db.Meetings.AsNoTracking()
        : s.Excluded ? db.Meetings.AsNoTracking().Where(_ => false)
        : db.Meetings.AsNoTracking().Where(m =>
            db.Set<MeetingInvitation>().Any(i => i.MeetingId == m.Id && (i.InstitutionId == s.InstitutionId || i.UserId == s.UserId))
            || db.Set<ActionItem>().Any(a => a.MeetingId == m.Id && (a.OwnerInstitutionId == s.InstitutionId || a.OwnerUserId == s.UserId)));

    private DateOnly Today => uiTime.Today;

    private int ReminderDays => options.Value.ReminderDays;

    private static bool Owns(Standing s, ActionItem a) =>
        !s.Excluded && (a.OwnerUserId is { } u ? u == s.UserId : a.OwnerInstitutionId == s.InstitutionId);

    private bool IsOverdue(ActionItem a) => a.Status == ActionItemStatus.Open && a.DueOn < Today;

    private bool IsDueSoon(ActionItem a) => a.Status == ActionItemStatus.Open && a.DueOn >= Today && a.DueOn <= Today.AddDays(ReminderDays);

    public static string Reference(string meetingNumber, int itemNumber) => meetingNumber + "/" + itemNumber.ToString(CultureInfo.InvariantCulture);

    /// <summary>The meetings the viewer may see (upcoming soonest first, past latest first) and their open action items, overdue first.</summary>
    public async Task<Lists> ListAsync(Viewer viewer, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        var meetings = await Visible(s).ToListAsync(ct);
        var ids = meetings.Select(m => m.Id).ToList();
        var items = await db.ActionItems.AsNoTracking().Where(a => ids.Contains(a.MeetingId)).ToListAsync(ct);
        var now = time.GetUtcNow();
        Row RowOf(Meeting m)
        {
            var mine = items.Where(a => a.MeetingId == m.Id).ToList();
            return new Row(m.Id, m.Number, m.Title, m.Kind, m.StartsAt, m.EndsAt, m.Place, m.EndsAt >= now,
                mine.Count(a => a.Status == ActionItemStatus.Open), mine.Count(IsOverdue));
        }
        var rows = meetings.Select(RowOf).ToList();
        // The office follows every open item; anyone else those of their institution (or named to them).
        var open = items.Where(a => a.Status == ActionItemStatus.Open && (s.Office || Owns(s, a) || a.OwnerInstitutionId == s.InstitutionId)).ToList();
        return new Lists(rows.Where(r => r.Upcoming).OrderBy(r => r.StartsAt).ToList(), rows.Where(r => !r.Upcoming).OrderByDescending(r => r.StartsAt).ToList(),
            await ItemRowsAsync(s, open, meetings.ToDictionary(m => m.Id, m => m.Number), ct), s);
    }

    /// <summary>The open action items of the viewer's institution or named to the viewer, overdue first (the home card).</summary>
    public async Task<IReadOnlyList<ItemRow>> MineAsync(Viewer viewer, IReadOnlyCollection<string> roles, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        if (s.Excluded)
            return [];
        var items = await db.ActionItems.AsNoTracking()
            .Where(a => a.Status == ActionItemStatus.Open && (a.OwnerInstitutionId == s.InstitutionId || a.OwnerUserId == s.UserId))
            .ToListAsync(ct);
        var meetingIds = items.Select(a => a.MeetingId).Distinct().ToList();
        var numbers = await db.Meetings.AsNoTracking().Where(m => meetingIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Number, ct);
        return await ItemRowsAsync(s, items, numbers, ct);
    }

    private async Task<IReadOnlyList<ItemRow>> ItemRowsAsync(Standing s, IReadOnlyList<ActionItem> items, IReadOnlyDictionary<Guid, string> numbers, CancellationToken ct)
    {
        var names = await InstitutionNamesAsync(items.Select(a => a.OwnerInstitutionId), ct);
        var people = await PeopleAsync(items.Where(a => a.OwnerUserId is not null).Select(a => a.OwnerUserId!.Value), ct);
        return items.OrderByDescending(IsOverdue).ThenBy(a => a.DueOn).ThenBy(a => numbers.GetValueOrDefault(a.MeetingId), StringComparer.Ordinal).ThenBy(a => a.Number)
            .Select(a => new ItemRow(a.Id, a.MeetingId, Reference(numbers.GetValueOrDefault(a.MeetingId) ?? "", a.Number), a.Title,
                names.GetValueOrDefault(a.OwnerInstitutionId) ?? "", a.OwnerUserId is { } u ? people.GetValueOrDefault(u) : null, a.DueOn, a.Status,
                IsOverdue(a), IsDueSoon(a), a.CompletionNote, a.Status == ActionItemStatus.Open && (s.Coordinator || Owns(s, a)),
                a.Status == ActionItemStatus.Open && s.Coordinator, a.OwnerInstitutionId, a.OwnerUserId))
            .ToList();
    }

    public async Task<MeetingView?> ReadAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid id, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        var m = await Visible(s).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (m is null)
        {
            await DeniedAsync(viewer, id, ct);
            return null;
        }
        var invitations = await db.MeetingInvitations.AsNoTracking().Where(i => i.MeetingId == id).ToListAsync(ct);
        var agenda = await db.AgendaItems.AsNoTracking().Where(a => a.MeetingId == id).OrderBy(a => a.Order).Select(a => new { a.Order, a.Title }).ToListAsync(ct);
        var minutes = await db.MeetingMinutes.AsNoTracking().Where(x => x.MeetingId == id).OrderBy(x => x.Version).ToListAsync(ct);
        var decisions = await db.MeetingDecisions.AsNoTracking().Where(d => d.MeetingId == id).OrderBy(d => d.Number).ToListAsync(ct);
        var items = await db.ActionItems.AsNoTracking().Where(a => a.MeetingId == id).OrderBy(a => a.Number).ToListAsync(ct);
        var userIds = invitations.Where(i => i.UserId is not null).Select(i => i.UserId!.Value)
            .Concat(minutes.Select(x => x.WrittenBy)).Concat(minutes.Where(x => x.ApprovedBy is not null).Select(x => x.ApprovedBy!.Value)).ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName, u.InstitutionId }).ToListAsync(ct);
        var names = await InstitutionNamesAsync(invitations.Where(i => i.InstitutionId is not null).Select(i => i.InstitutionId!.Value)
            .Concat(users.Select(u => u.InstitutionId)).Append(m.OrganizerInstitutionId), ct);
        var participants = invitations.Select(i => i.InstitutionId is { } inst
                ? new ParticipantView(i.Id, true, names.GetValueOrDefault(inst) ?? "", null, i.Attendance)
                : users.FirstOrDefault(u => u.Id == i.UserId) is { } u
                    ? new ParticipantView(i.Id, false, u.DisplayName, names.GetValueOrDefault(u.InstitutionId), i.Attendance)
                    : new ParticipantView(i.Id, false, "", null, i.Attendance))
            .OrderByDescending(p => p.IsInstitution).ThenBy(p => p.Name, StringComparer.CurrentCulture).ToList();
        string Person(Guid? uid) => uid is { } x ? users.FirstOrDefault(u => u.Id == x)?.DisplayName ?? "" : "";
        var invited = Invited(s, invitations);
        return new MeetingView(m.Id, m.Number, m.Title, m.Kind, m.StartsAt, m.EndsAt, m.Place, m.OnlineLink, m.Sequence,
            names.GetValueOrDefault(m.OrganizerInstitutionId) ?? "", participants, [.. agenda.Select(a => (a.Order, a.Title))],
            [.. minutes.Select(x => new MinutesView(x.Version, x.Text, x.Status, Person(x.WrittenBy), x.WrittenAt, x.ApprovedBy is null ? null : Person(x.ApprovedBy), x.ApprovedAt))],
            [.. decisions.Select(d => new DecisionView(d.Number, d.Text, d.RecordedAt))],
            await ItemRowsAsync(s, items, new Dictionary<Guid, string> { [m.Id] = m.Number }, ct) is var rows ? [.. rows.OrderBy(r => r.Reference.Length).ThenBy(r => r.Reference, StringComparer.Ordinal)] : [],
            s, invited);
    }

    private static bool Invited(Standing s, IEnumerable<MeetingInvitation> invitations) =>
        !s.Excluded && invitations.Any(i => i.UserId == s.UserId || i.InstitutionId == s.InstitutionId);

    /// <summary>The Coordinator's office schedules a meeting and invites its participants (each notified in the app). Returns the new id.</summary>
    public async Task<(Guid? Id, Dictionary<string, string[]>? Errors)> CreateAsync(Viewer viewer, IReadOnlyCollection<string> roles, MeetingInput input,
        IdempotentRequest? request = null, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        if (!s.Office)
        {
            await DeniedAsync(viewer, null, ct);
            return (null, null);
        }
        if (await writes.SeenAsync(viewer, request, ct) is { } seen)
            return seen.Outcome == OnceOutcome.KeyConflict ? (null, new() { [""] = [text["Api_IdempotencyKeyReused"]] }) : (seen.Result, []);
        var errors = new Dictionary<string, string[]>();
        var title = input.Title?.Trim() ?? "";
        if (title.Length == 0)
            errors[nameof(MeetingInput.Title)] = [text["Meeting_TitleRequired"]];
        else if (title.Length > MaxTitle)
            errors[nameof(MeetingInput.Title)] = [text["Validation_TooLong", MaxTitle]];
        if (input.Kind is not { } kind || !Enum.IsDefined(kind))
            errors[nameof(MeetingInput.Kind)] = [text["Meeting_KindRequired"]];
        var (place, link) = ValidateWhen(errors, input.StartsAt, input.EndsAt, input.Place, input.OnlineLink);
        var institutions = input.Institutions.Distinct().ToList();
        var people = input.Users.Distinct().ToList();
        if (institutions.Count > 0 && await db.Institutions.CountAsync(i => institutions.Contains(i.Id) && i.IsActive
                && i.Kind != InstitutionKind.Oversight && i.Kind != InstitutionKind.PlatformAdministration, ct) != institutions.Count)
            errors[nameof(MeetingInput.Institutions)] = [text["Meeting_InstitutionUnknown"]];
        if (people.Count > 0 && await db.Users.CountAsync(u => people.Contains(u.Id) && !u.IsDisabled, ct) != people.Count)
            errors[nameof(MeetingInput.Users)] = [text["Meeting_UserUnknown"]];
        if (institutions.Count + people.Count == 0)
            errors[nameof(MeetingInput.Institutions)] = [text["Meeting_ParticipantsRequired"]];
        var agenda = input.Agenda.Select(a => a?.Trim() ?? "").Where(a => a.Length > 0).ToList();
        if (agenda.Count > MaxAgenda)
            errors[nameof(MeetingInput.Agenda)] = [text["Meeting_AgendaTooMany", MaxAgenda]];
        else if (agenda.Any(a => a.Length > MaxTitle))
            errors[nameof(MeetingInput.Agenda)] = [text["Validation_TooLong", MaxTitle]];
        if (errors.Count > 0)
            return (null, errors);

        async Task<Audited<Guid>> Work(CancellationToken ct)
        {
            var now = time.GetUtcNow();
            var prefix = "M-" + Today.Year.ToString(CultureInfo.InvariantCulture) + "-";
            var taken = await db.Meetings.Where(x => x.Number.StartsWith(prefix)).Select(x => x.Number).ToListAsync(ct);
            var next = taken.Select(n => int.TryParse(n[prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var k) ? k : 0).DefaultIfEmpty(0).Max() + 1;
            var meeting = new Meeting
            {
                Number = prefix + next.ToString("000", CultureInfo.InvariantCulture),
                Title = title,
                Kind = input.Kind!.Value,
                StartsAt = input.StartsAt!.Value.ToUniversalTime(),
                EndsAt = input.EndsAt!.Value.ToUniversalTime(),
                Place = place,
                OnlineLink = link,
                OrganizerInstitutionId = viewer.InstitutionId,
                CreatedBy = viewer.UserId,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Meetings.Add(meeting);
            // The office that calls the meeting takes part in it.
            foreach (var inst in institutions.Append(viewer.InstitutionId).Distinct())
                db.MeetingInvitations.Add(new MeetingInvitation { MeetingId = meeting.Id, InstitutionId = inst, InvitedAt = now });
            foreach (var user in people)
                db.MeetingInvitations.Add(new MeetingInvitation { MeetingId = meeting.Id, UserId = user, InvitedAt = now });
            for (var k = 0; k < agenda.Count; k++)
                db.AgendaItems.Add(new AgendaItem { MeetingId = meeting.Id, Order = k + 1, Title = agenda[k] });
            Notify(MeetingsAudit.InvitedNotice, meeting.Number, institutions.Where(i => i != viewer.InstitutionId), people.Where(u => u != viewer.UserId), now);
            await db.SaveChangesAsync(ct);
            return new Audited<Guid>(meeting.Id, Record(MeetingsAudit.Created, s, meeting.Id), meeting.Id);
        }
        if (request is null)
            return (await writes.RunSerializedAsync(viewer, Work, ct), errors);
        var once = await writes.RunOnceAsync(viewer, request, Work, (id, _) => Task.FromResult(id), ct);
        return once.Outcome == OnceOutcome.KeyConflict ? (null, new() { [""] = [text["Api_IdempotencyKeyReused"]] }) : (once.Result, errors);
    }

    private (string? Place, string? Link) ValidateWhen(Dictionary<string, string[]> errors, DateTimeOffset? startsAt, DateTimeOffset? endsAt, string? placeIn, string? linkIn)
    {
        if (startsAt is null)
            errors[nameof(MeetingInput.StartsAt)] = [text["Meeting_StartRequired"]];
        if (endsAt is null)
            errors[nameof(MeetingInput.EndsAt)] = [text["Meeting_EndRequired"]];
        else if (startsAt is { } a && endsAt <= a)
            errors[nameof(MeetingInput.EndsAt)] = [text["Meeting_EndBeforeStart"]];
        else if (startsAt is { } b && endsAt - b > TimeSpan.FromDays(7))
            errors[nameof(MeetingInput.EndsAt)] = [text["Meeting_TooLong"]];
        var place = string.IsNullOrWhiteSpace(placeIn) ? null : placeIn.Trim();
        var link = string.IsNullOrWhiteSpace(linkIn) ? null : linkIn.Trim();
        if (place is { Length: > MaxTitle })
            errors[nameof(MeetingInput.Place)] = [text["Validation_TooLong", MaxTitle]];
        if (link is not null && (link.Length > 500 || !Uri.TryCreate(link, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps))
            errors[nameof(MeetingInput.OnlineLink)] = [text["Meeting_LinkInvalid"]];
        if (place is null && link is null)
            errors[nameof(MeetingInput.Place)] = [text["Meeting_WhereRequired"]];
        return (place, link);
    }

    /// <summary>The office moves a meeting (or its place): SEQUENCE goes up by one and every participant is told.</summary>
    public async Task<Dictionary<string, string[]>?> RescheduleAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid id, RescheduleInput input,
        CancellationToken ct = default)
    {
        if (await OfficeMeetingAsync(viewer, roles, id, ct) is not { } found)
            return null;
        var (s, m) = found;
        var errors = new Dictionary<string, string[]>();
        var (place, link) = ValidateWhen(errors, input.StartsAt, input.EndsAt, input.Place, input.OnlineLink);
        if (errors.Count > 0)
            return errors;
        if (input.StartsAt!.Value == m.StartsAt && input.EndsAt!.Value == m.EndsAt && place == m.Place && link == m.OnlineLink)
            return []; // nothing moved: a retried form changes nothing
        await writes.RunAsync(viewer, async ct =>
        {
            var row = await db.Meetings.FirstAsync(x => x.Id == id, ct);
            var now = time.GetUtcNow();
            row.StartsAt = input.StartsAt!.Value.ToUniversalTime();
            row.EndsAt = input.EndsAt!.Value.ToUniversalTime();
            row.Place = place;
            row.OnlineLink = link;
            row.Sequence++;
            row.UpdatedAt = now;
            var invitations = await db.MeetingInvitations.AsNoTracking().Where(i => i.MeetingId == id).ToListAsync(ct);
            Notify(MeetingsAudit.RescheduledNotice, row.Number, invitations.Where(i => i.InstitutionId is not null && i.InstitutionId != viewer.InstitutionId).Select(i => i.InstitutionId!.Value),
                invitations.Where(i => i.UserId is not null && i.UserId != viewer.UserId).Select(i => i.UserId!.Value), now);
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, Record(MeetingsAudit.Rescheduled, s, id));
        }, ct);
        return [];
    }

    /// <summary>The office adds an item at the end of the agenda.</summary>
    public async Task<Dictionary<string, string[]>?> AddAgendaAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid id, string? title, CancellationToken ct = default)
    {
        if (await OfficeMeetingAsync(viewer, roles, id, ct) is not { } found)
            return null;
        var value = title?.Trim() ?? "";
        if (value.Length == 0)
            return new() { ["Title"] = [text["Meeting_AgendaRequired"]] };
        if (value.Length > MaxTitle)
            return new() { ["Title"] = [text["Validation_TooLong", MaxTitle]] };
        if (await db.AgendaItems.CountAsync(a => a.MeetingId == id, ct) >= MaxAgenda)
            return new() { ["Title"] = [text["Meeting_AgendaTooMany", MaxAgenda]] };
        if (await db.AgendaItems.AnyAsync(a => a.MeetingId == id && a.Title == value, ct))
            return []; // already there: a retried form adds nothing
        await writes.RunSerializedAsync(viewer, async ct =>
        {
            var order = await db.AgendaItems.Where(a => a.MeetingId == id).Select(a => (int?)a.Order).MaxAsync(ct) ?? 0;
            db.AgendaItems.Add(new AgendaItem { MeetingId = id, Order = order + 1, Title = value });
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, Record(MeetingsAudit.AgendaAdded, found.Standing, id));
        }, ct);
        return [];
    }

    /// <summary>The office records who attended: per invitation, present, absent or excused.</summary>
    public async Task<Dictionary<string, string[]>?> RecordAttendanceAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid id,
        IReadOnlyDictionary<Guid, Attendance> marks, CancellationToken ct = default)
    {
        if (await OfficeMeetingAsync(viewer, roles, id, ct) is not { } found)
            return null;
        if (found.Meeting.StartsAt > time.GetUtcNow())
            return new() { [""] = [text["Meeting_AttendanceBeforeStart"]] };
        var invitations = await db.MeetingInvitations.Where(i => i.MeetingId == id).ToListAsync(ct);
        if (marks.Count == 0 || marks.Any(k => !Enum.IsDefined(k.Value) || k.Value == Attendance.NotRecorded || invitations.All(i => i.Id != k.Key)))
        {
            db.ChangeTracker.Clear();
            return new() { ["Attendance"] = [text["Meeting_AttendanceInvalid"]] };
        }
        await writes.RunAsync(viewer, async ct =>
        {
            foreach (var i in invitations)
                if (marks.TryGetValue(i.Id, out var mark))
                    i.Attendance = mark;
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, Record(MeetingsAudit.AttendanceRecorded, found.Standing, id));
        }, ct);
        return [];
    }

    /// <summary>
    /// The office writes the minutes: the draft is replaced; once the Coordinator approved a version it is read-only and
    /// what is written now becomes the next version (an amendment), a draft until approved in its turn.
    /// </summary>
    public async Task<Dictionary<string, string[]>?> SaveMinutesAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid id, string? minutes,
        CancellationToken ct = default)
    {
        if (await OfficeMeetingAsync(viewer, roles, id, ct) is not { } found)
            return null;
        var value = minutes?.Trim() ?? "";
        if (value.Length < MinMinutes)
            return new() { ["Text"] = [text["Meeting_MinutesRequired", MinMinutes]] };
        if (value.Length > MaxMinutes)
            return new() { ["Text"] = [text["Validation_TooLong", MaxMinutes]] };
        try
        {
            await writes.RunSerializedAsync(viewer, async ct =>
            {
                var now = time.GetUtcNow();
                var latest = await db.MeetingMinutes.Where(x => x.MeetingId == id).OrderByDescending(x => x.Version).FirstOrDefaultAsync(ct);
                if (latest is { Status: MinutesStatus.Draft })
                {
                    latest.Text = value;
                    latest.WrittenBy = viewer.UserId;
                    latest.WrittenAt = now;
                }
                else
                    db.MeetingMinutes.Add(new MeetingMinutes
                    {
                        MeetingId = id,
                        Version = (latest?.Version ?? 0) + 1,
                        Text = value,
                        Status = MinutesStatus.Draft,
                        WrittenBy = viewer.UserId,
                        WrittenAt = now,
                    });
                await db.SaveChangesAsync(ct);
                return new Audited<bool>(true, Record(MeetingsAudit.MinutesSaved, found.Standing, id));
            }, ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return new() { [""] = [text["Meeting_ChangedMeanwhile"]] };
        }
        return [];
    }

    /// <summary>The Coordinator approves the draft of the minutes read (its version): from then on it is read-only.</summary>
    public async Task<Dictionary<string, string[]>?> ApproveMinutesAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid id, int? version,
        CancellationToken ct = default)
    {
        if (await OfficeMeetingAsync(viewer, roles, id, ct) is not { } found)
            return null;
        if (!found.Standing.Coordinator)
            return new() { [""] = [text["Meeting_CoordinatorOnly"]] };
        var latest = await db.MeetingMinutes.AsNoTracking().Where(x => x.MeetingId == id).OrderByDescending(x => x.Version).FirstOrDefaultAsync(ct);
        if (latest is null || latest.Status != MinutesStatus.Draft)
            return new() { [""] = [text["Meeting_NoDraft"]] };
        if (version != latest.Version)
            return new() { [""] = [text["Meeting_ChangedMeanwhile"]] };
        await writes.RunAsync(viewer, async ct =>
        {
            var row = await db.MeetingMinutes.FirstAsync(x => x.Id == latest.Id, ct);
            row.Status = MinutesStatus.Approved;
            row.ApprovedBy = viewer.UserId;
            row.ApprovedAt = time.GetUtcNow();
            await db.SaveChangesAsync(ct);
            return new Audited<bool>(true, Record(MeetingsAudit.MinutesApproved, found.Standing, id));
        }, ct);
        return [];
    }

    /// <summary>The office records a decision, numbered after the last.</summary>
    public async Task<Dictionary<string, string[]>?> AddDecisionAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid id, string? decision,
        IdempotentRequest? request = null, CancellationToken ct = default)
    {
        if (await OfficeMeetingAsync(viewer, roles, id, ct) is not { } found)
            return null;
        if (await writes.SeenAsync(viewer, request, ct) is { } seen)
            return seen.Outcome == OnceOutcome.KeyConflict ? new() { [""] = [text["Api_IdempotencyKeyReused"]] } : [];
        var value = decision?.Trim() ?? "";
        if (value.Length == 0)
            return new() { ["Text"] = [text["Meeting_DecisionRequired"]] };
        if (value.Length > MaxText)
            return new() { ["Text"] = [text["Validation_TooLong", MaxText]] };

        async Task<Audited<Guid>> Work(CancellationToken ct)
        {
            var number = await db.MeetingDecisions.Where(d => d.MeetingId == id).Select(d => (int?)d.Number).MaxAsync(ct) ?? 0;
            var row = new MeetingDecision { MeetingId = id, Number = number + 1, Text = value, RecordedBy = viewer.UserId, RecordedAt = time.GetUtcNow() };
            db.MeetingDecisions.Add(row);
            await db.SaveChangesAsync(ct);
            return new Audited<Guid>(row.Id, Record(MeetingsAudit.DecisionRecorded, found.Standing, id), row.Id);
        }
        return await OnceAsync(viewer, request, Work, ct);
    }

    /// <summary>The office records an action item for an institution (optionally a named person in it), due by a day not past; the owner is told.</summary>
    public async Task<Dictionary<string, string[]>?> AddActionAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid id, ActionInput input,
        IdempotentRequest? request = null, CancellationToken ct = default)
    {
        if (await OfficeMeetingAsync(viewer, roles, id, ct) is not { } found)
            return null;
        if (await writes.SeenAsync(viewer, request, ct) is { } seen)
            return seen.Outcome == OnceOutcome.KeyConflict ? new() { [""] = [text["Api_IdempotencyKeyReused"]] } : [];
        var errors = new Dictionary<string, string[]>();
        var title = input.Title?.Trim() ?? "";
        if (title.Length == 0)
            errors[nameof(ActionInput.Title)] = [text["Meeting_ActionTitleRequired"]];
        else if (title.Length > MaxText)
            errors[nameof(ActionInput.Title)] = [text["Validation_TooLong", MaxText]];
        if (input.OwnerInstitutionId is not { } owner || !await db.Institutions.AnyAsync(i => i.Id == owner && i.IsActive
                && i.Kind != InstitutionKind.Oversight && i.Kind != InstitutionKind.PlatformAdministration, ct))
            errors[nameof(ActionInput.OwnerInstitutionId)] = [text["Meeting_OwnerRequired"]];
        else if (input.OwnerUserId is { } person && !await db.Users.AnyAsync(u => u.Id == person && u.InstitutionId == owner && !u.IsDisabled, ct))
            errors[nameof(ActionInput.OwnerUserId)] = [text["Meeting_OwnerUserInvalid"]];
        if (input.DueOn is not { } due)
            errors[nameof(ActionInput.DueOn)] = [text["Meeting_DueRequired"]];
        else if (due < Today)
            errors[nameof(ActionInput.DueOn)] = [text["Meeting_DuePast"]];
        else if (due > Today.AddYears(5))
            errors[nameof(ActionInput.DueOn)] = [text["Meeting_DueTooFar"]];
        if (errors.Count > 0)
            return errors;

        async Task<Audited<Guid>> Work(CancellationToken ct)
        {
            var now = time.GetUtcNow();
            var number = await db.ActionItems.Where(a => a.MeetingId == id).Select(a => (int?)a.Number).MaxAsync(ct) ?? 0;
            var row = new ActionItem
            {
                MeetingId = id,
                Number = number + 1,
                Title = title,
                OwnerInstitutionId = input.OwnerInstitutionId!.Value,
                OwnerUserId = input.OwnerUserId,
                DueOn = input.DueOn!.Value,
                CreatedBy = viewer.UserId,
                CreatedAt = now,
            };
            db.ActionItems.Add(row);
            NotifyOwner(MeetingsAudit.ActionAssignedNotice, Reference(found.Meeting.Number, row.Number), row, now);
            await db.SaveChangesAsync(ct);
            return new Audited<Guid>(row.Id, new AuditRecord(MeetingsAudit.ActionAdded, TargetType: MeetingsAudit.ActionItemTarget, TargetId: row.Id,
                Relation: RelationOf(found.Standing)), row.Id);
        }
        return await OnceAsync(viewer, request, Work, ct);
    }

    /// <summary>
    /// An action item's owner marks it done (with a note on what was done); the Coordinator may also mark it done or cancel it
    /// (with the reason). A closed item stays closed. Anyone else who sees the meeting is refused.
    /// </summary>
    public async Task<Dictionary<string, string[]>?> SetActionStatusAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid id, Guid itemId,
        StatusInput input, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        var item = await db.ActionItems.AsNoTracking().FirstOrDefaultAsync(a => a.Id == itemId && a.MeetingId == id, ct);
        if (item is null || !await Visible(s).AnyAsync(m => m.Id == id, ct))
        {
            await DeniedAsync(viewer, id, ct);
            return null;
        }
        if (!s.Coordinator && !Owns(s, item))
        {
            await audit.RecordAsync(new AuditRecord(MeetingsAudit.Denied, AuditOutcome.Denied, viewer.UserId, viewer.InstitutionId, MeetingsAudit.ActionItemTarget, itemId), ct);
            return new() { [""] = [text["Meeting_NotOwner"]] };
        }
        if (item.Status != ActionItemStatus.Open)
            return new() { [""] = [text["Meeting_ActionClosed"]] };
        var errors = new Dictionary<string, string[]>();
        if (input.To is not ({ } to and (ActionItemStatus.Done or ActionItemStatus.Cancelled)))
            errors[nameof(StatusInput.To)] = [text["Meeting_ActionStatusRequired"]];
        else if (to == ActionItemStatus.Cancelled && !s.Coordinator)
            errors[nameof(StatusInput.To)] = [text["Meeting_CancelCoordinatorOnly"]];
        var note = input.Note?.Trim() ?? "";
        if (note.Length < MinNote)
            errors[nameof(StatusInput.Note)] = [text["Meeting_NoteRequired", MinNote]];
        else if (note.Length > MaxText)
            errors[nameof(StatusInput.Note)] = [text["Validation_TooLong", MaxText]];
        if (errors.Count > 0)
            return errors;
        try
        {
            await writes.RunAsync(viewer, async ct =>
            {
                var row = await db.ActionItems.FirstAsync(a => a.Id == itemId, ct);
                if (row.Status != ActionItemStatus.Open || row.Version != item.Version)
                    throw new DbUpdateConcurrencyException();
                row.Status = input.To!.Value;
                row.CompletionNote = note;
                row.ClosedBy = viewer.UserId;
                row.ClosedAt = time.GetUtcNow();
                row.Version++;
                await db.SaveChangesAsync(ct);
                return new Audited<bool>(true, new AuditRecord(MeetingsAudit.ActionStatusChanged, TargetType: MeetingsAudit.ActionItemTarget, TargetId: itemId,
                    Relation: s.Coordinator ? RoleCatalog.Coordinator : "Owner"));
            }, ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return new() { [""] = [text["Meeting_ActionClosed"]] };
        }
        return [];
    }

    /// <summary>The participant's own iCalendar file (only for an invited viewer: a named person or staff of an invited institution); the download is audited.</summary>
    public async Task<Calendar?> CalendarAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid id, CancellationToken ct = default)
    {
        var s = await StandingAsync(viewer, roles, ct);
        var m = await Visible(s).FirstOrDefaultAsync(x => x.Id == id, ct);
        var invitations = m is null ? [] : await db.MeetingInvitations.AsNoTracking().Where(i => i.MeetingId == id).ToListAsync(ct);
        if (m is null || !Invited(s, invitations))
        {
            await DeniedAsync(viewer, id, ct);
            return null;
        }
        var me = await db.Users.AsNoTracking().Where(u => u.Id == viewer.UserId).Select(u => new { u.DisplayName, u.Email }).FirstAsync(ct);
        var organizer = await db.Institutions.AsNoTracking().Where(i => i.Id == m.OrganizerInstitutionId).Select(i => i.Name).FirstAsync(ct);
        var agenda = await db.AgendaItems.AsNoTracking().Where(a => a.MeetingId == id).OrderBy(a => a.Order).Select(a => a.Title).ToListAsync(ct);
        var description = string.Join("\n", new[] { m.Number + " · " + text["MeetingKind_" + m.Kind].Value }
            .Concat(agenda.Count == 0 ? [] : [text["Meeting_Agenda"].Value + ":"]).Concat(agenda.Select((a, k) => (k + 1).ToString(CultureInfo.InvariantCulture) + ". " + a))
            .Concat(m.OnlineLink is { } l ? [text["Meeting_OnlineLink"].Value + ": " + l] : []));
        var content = MeetingCalendar.Write(new MeetingCalendar.Invitation(
            Uid: m.Id.ToString("D", CultureInfo.InvariantCulture) + "@ariadne",
            Stamp: time.GetUtcNow(),
            StartsAt: m.StartsAt,
            EndsAt: m.EndsAt,
            Sequence: m.Sequence,
            Summary: m.Title,
            Location: m.Place ?? m.OnlineLink,
            Description: description,
            Url: m.OnlineLink,
            OrganizerName: organizer,
            OrganizerId: m.OrganizerInstitutionId,
            AttendeeName: me.DisplayName,
            AttendeeEmail: me.Email,
            AttendeeId: viewer.UserId));
        await audit.RecordAsync(new AuditRecord(MeetingsAudit.CalendarDownloaded, AuditOutcome.Allowed, viewer.UserId, viewer.InstitutionId, MeetingsAudit.Meeting, id,
            Relation: RelationOf(s)), ct);
        return new Calendar(content, m.Number + ".ics");
    }

    /// <summary>
    /// The job's work: a reminder to the owner of each open item due within <see cref="MeetingsOptions.ReminderDays"/> days, and an
    /// escalation to the owner's institution and the Coordinator's office for each open item past its due day — each once: the
    /// item records that it was sent, and a second run (or another node's, racing) finds it recorded and sends nothing.
    /// Returns how many reminders and escalations this run sent.
    /// </summary>
    public async Task<(int Reminded, int Escalated)> RemindAndEscalateAsync(CancellationToken ct = default)
    {
        var today = Today;
        var soon = today.AddDays(ReminderDays);
        var due = await db.ActionItems.AsNoTracking()
            .Where(a => a.Status == ActionItemStatus.Open && a.RemindedAt == null && a.EscalatedAt == null && a.DueOn >= today && a.DueOn <= soon)
            .Select(a => a.Id).ToListAsync(ct);
        var overdue = await db.ActionItems.AsNoTracking()
            .Where(a => a.Status == ActionItemStatus.Open && a.EscalatedAt == null && a.DueOn < today)
            .Select(a => a.Id).ToListAsync(ct);
        var reminded = 0;
        foreach (var id in due)
            if (await SendOnceAsync(id, escalate: false, ct))
                reminded++;
        var escalated = 0;
        foreach (var id in overdue)
            if (await SendOnceAsync(id, escalate: true, ct))
                escalated++;
        return (reminded, escalated);
    }

    private async Task<bool> SendOnceAsync(Guid itemId, bool escalate, CancellationToken ct)
    {
        try
        {
            return await writes.RunAsync(null, async ct =>
            {
                var row = await db.ActionItems.FirstAsync(a => a.Id == itemId, ct);
                if (row.Status != ActionItemStatus.Open || (escalate ? row.EscalatedAt : row.RemindedAt) is not null)
                    throw new DbUpdateConcurrencyException(); // another run sent it meanwhile
                var meeting = await db.Meetings.AsNoTracking().FirstAsync(m => m.Id == row.MeetingId, ct);
                var now = time.GetUtcNow();
                var reference = Reference(meeting.Number, row.Number);
                if (escalate)
                {
                    row.EscalatedAt = now;
                    // The owner's institution as a whole (its leads see it), the named owner, and the office that called the meeting.
                    db.Notifications.Add(new Notification { RecipientInstitutionId = row.OwnerInstitutionId, Kind = MeetingsAudit.EscalationNotice, CaseNumber = reference, CreatedAt = now });
                    if (row.OwnerUserId is { } person)
                        db.Notifications.Add(new Notification { RecipientUserId = person, Kind = MeetingsAudit.EscalationNotice, CaseNumber = reference, CreatedAt = now });
                    if (meeting.OrganizerInstitutionId != row.OwnerInstitutionId)
                        db.Notifications.Add(new Notification { RecipientInstitutionId = meeting.OrganizerInstitutionId, Kind = MeetingsAudit.EscalationOfficeNotice, CaseNumber = reference, CreatedAt = now });
                }
                else
                {
                    row.RemindedAt = now;
                    NotifyOwner(MeetingsAudit.ReminderNotice, reference, row, now);
                }
                row.Version++;
                await db.SaveChangesAsync(ct);
                return new Audited<bool>(true, new AuditRecord(escalate ? MeetingsAudit.Escalated : MeetingsAudit.Reminded, TargetType: MeetingsAudit.ActionItemTarget,
                    TargetId: itemId));
            }, ct);
        }
        catch (DbUpdateException)
        {
            // Sent by another run (the version moved on, or it was found recorded): nothing of this attempt stands.
            db.ChangeTracker.Clear();
            return false;
        }
    }

    /// <summary>Active institutions that may take part (for the forms).</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> InstitutionChoicesAsync(CancellationToken ct = default) =>
        (await db.Institutions.AsNoTracking().Where(i => i.IsActive && i.Kind != InstitutionKind.PlatformAdministration && i.Kind != InstitutionKind.Oversight)
            .Select(i => new { i.Id, i.Name }).ToListAsync(ct)).OrderBy(i => i.Name, StringComparer.CurrentCulture).Select(i => (i.Id, i.Name)).ToList();

    /// <summary>Active people of those institutions who may be invited by name or own an action item: "name (institution)".</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> PersonChoicesAsync(CancellationToken ct = default)
    {
        var institutions = (await InstitutionChoicesAsync(ct)).ToDictionary(i => i.Id, i => i.Name);
        var ids = institutions.Keys.ToList();
        var users = await db.Users.AsNoTracking().Where(u => !u.IsDisabled && ids.Contains(u.InstitutionId)).Select(u => new { u.Id, u.DisplayName, u.InstitutionId }).ToListAsync(ct);
        return users.Select(u => (u.Id, u.DisplayName + " (" + institutions[u.InstitutionId] + ")")).OrderBy(u => u.Item2, StringComparer.CurrentCulture).ToList();
    }

    private async Task<Dictionary<string, string[]>?> OnceAsync(Viewer viewer, IdempotentRequest? request, Func<CancellationToken, Task<Audited<Guid>>> work, CancellationToken ct)
    {
        if (request is null)
        {
            await writes.RunSerializedAsync(viewer, work, ct);
            return [];
        }
        var once = await writes.RunOnceAsync(viewer, request, work, (id, _) => Task.FromResult(id), ct);
        return once.Outcome == OnceOutcome.KeyConflict ? new() { [""] = [text["Api_IdempotencyKeyReused"]] } : [];
    }

    /// <summary>The meeting when the viewer is of the Coordinator's office; else audited and null.</summary>
    private async Task<(Standing Standing, Meeting Meeting)?> OfficeMeetingAsync(Viewer viewer, IReadOnlyCollection<string> roles, Guid id, CancellationToken ct)
    {
        var s = await StandingAsync(viewer, roles, ct);
        var m = s.Office ? await db.Meetings.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) : null;
        if (m is not null)
            return (s, m);
        await DeniedAsync(viewer, id, ct);
        return null;
    }

    private void Notify(NotificationKind kind, string number, IEnumerable<Guid> institutions, IEnumerable<Guid> users, DateTimeOffset now)
    {
        foreach (var i in institutions.Distinct())
            db.Notifications.Add(new Notification { RecipientInstitutionId = i, Kind = kind, CaseNumber = number, CreatedAt = now });
        foreach (var u in users.Distinct())
            db.Notifications.Add(new Notification { RecipientUserId = u, Kind = kind, CaseNumber = number, CreatedAt = now });
    }

    /// <summary>The named owner, else the owner institution's staff.</summary>
    private void NotifyOwner(NotificationKind kind, string reference, ActionItem item, DateTimeOffset now) =>
        db.Notifications.Add(item.OwnerUserId is { } person
            ? new Notification { RecipientUserId = person, Kind = kind, CaseNumber = reference, CreatedAt = now }
            : new Notification { RecipientInstitutionId = item.OwnerInstitutionId, Kind = kind, CaseNumber = reference, CreatedAt = now });

    private async Task<Dictionary<Guid, string>> InstitutionNamesAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.Institutions.AsNoTracking().Where(i => list.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Name, ct);
    }

    private async Task<Dictionary<Guid, string>> PeopleAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => list.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }

    private static string RelationOf(Standing s) => s.Coordinator ? RoleCatalog.Coordinator : s.Office ? RoleCatalog.Analyst : "Participant";

    private static AuditRecord Record(AuditAction action, Standing s, Guid meetingId) =>
        new(action, TargetType: MeetingsAudit.Meeting, TargetId: meetingId, Relation: RelationOf(s));

    private Task DeniedAsync(Viewer viewer, Guid? id, CancellationToken ct) =>
        audit.RecordAsync(new AuditRecord(MeetingsAudit.Denied, AuditOutcome.Denied, viewer.UserId, viewer.InstitutionId, MeetingsAudit.Meeting, id), ct);
}
