using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Meetings;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Ui;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>
/// Meetings (issue 16 §2): only the Coordinator's office and the invited see a meeting, on pages, the calendar file and the
/// API alike (anyone else a 404, audited); the participant's .ics names only them; approved minutes are read-only and an
/// amendment is a new version; only the owner (or the Coordinator) closes an action item; the reminder and the escalation
/// are each sent once, even when the job runs twice at once; create is idempotent; bad input saves nothing.
/// </summary>
public abstract class MeetingsTests(AriadneApp app)
{
    private static readonly string[] Coordinator = [RoleCatalog.Coordinator];
    private static readonly string[] Analyst = [RoleCatalog.Analyst];
    private static readonly string[] Executive = [RoleCatalog.ExecutiveOfficer];

    private Task<T> Meetings<T>(Func<CoordinationMeetings, Task<T>> call) => app.WithScopeAsync(sp => call(sp.GetRequiredService<CoordinationMeetings>()));

    private Task<T> DbAsync<T>(Func<AriadneDbContext, Task<T>> query) => app.WithScopeAsync(sp => query(sp.GetRequiredService<AriadneDbContext>()));

    private Task<DateOnly> TodayAsync() => app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<UiTime>().Today));

    private async Task<(TestUser User, Viewer Viewer)> CoordinatorAsync()
    {
        var user = await app.CreateUserAsync(InstitutionKind.NationalCoordinator, Coordinator);
        return (user, CaseSteps.ViewerOf(user, Coordinator));
    }

    /// <summary>A user of a new institution of its own (CreateUserAsync reuses one per kind).</summary>
    private async Task<TestUser> UserOfNewInstitutionAsync(InstitutionKind kind, string[] roles)
    {
        var user = await app.CreateUserAsync(kind, roles);
        var institution = await DbAsync(async db =>
        {
            var i = new Institution { Name = "Meet " + Guid.NewGuid().ToString("N")[..8], Code = "M-" + Guid.NewGuid().ToString("N")[..6], Kind = kind, CreatedAt = app.Time.GetUtcNow() };
            db.Institutions.Add(i);
            await db.SaveChangesAsync();
            var u = await db.Users.FirstAsync(x => x.Id == user.Id);
            u.InstitutionId = i.Id;
            await db.SaveChangesAsync();
            return i.Id;
        });
        return user with { InstitutionId = institution };
    }

    private async Task<Guid> CreateAsync(Viewer coordinator, Guid[] institutions, Guid[]? users = null, string title = "Quarterly coordination meeting", int inDays = 7)
    {
        var start = app.Time.GetUtcNow().AddDays(inDays);
        var (id, errors) = await Meetings(m => m.CreateAsync(coordinator, Coordinator, new()
        {
            Title = title,
            Kind = MeetingKind.Regular,
            StartsAt = start,
            EndsAt = start.AddHours(2),
            Place = "Baku, room 3",
            Institutions = [.. institutions],
            Users = [.. users ?? []],
            Agenda = ["Results of the quarter", "Shelter places"],
        }));
        Assert.Empty(errors!);
        return id!.Value;
    }

    private async Task<Guid> ActionAsync(Viewer coordinator, Guid meetingId, Guid owner, DateOnly due, Guid? ownerUser = null)
    {
        Assert.Empty((await Meetings(m => m.AddActionAsync(coordinator, Coordinator, meetingId, new() { Title = "Send the draft rules", OwnerInstitutionId = owner, OwnerUserId = ownerUser, DueOn = due })))!);
        return await DbAsync(db => db.ActionItems.Where(a => a.MeetingId == meetingId).OrderByDescending(a => a.Number).Select(a => a.Id).FirstAsync());
    }

    private static HttpRequestMessage Api(HttpMethod method, string url, string token, object? body = null, string? key = null)
    {
        var request = new HttpRequestMessage(method, url) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };
        if (body is not null)
            request.Content = JsonContent.Create(body);
        if (key is not null)
            request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    [Fact]
    public async Task Only_the_office_and_the_invited_see_a_meeting_on_pages_the_calendar_file_and_the_api()
    {
        var (_, coordinator) = await CoordinatorAsync();
        var invitedStaff = await UserOfNewInstitutionAsync(InstitutionKind.ExecutiveBody, Executive);
        var invitedPerson = await UserOfNewInstitutionAsync(InstitutionKind.Shelter, [RoleCatalog.ShelterManager]);
        var colleague = await app.CreateUserAsync(InstitutionKind.Shelter, [RoleCatalog.SocialWorker]);
        await DbAsync(async db => { (await db.Users.FirstAsync(u => u.Id == colleague.Id)).InstitutionId = invitedPerson.InstitutionId; return await db.SaveChangesAsync(); });
        var outsider = await UserOfNewInstitutionAsync(InstitutionKind.ExecutiveBody, Executive);
        var auditor = await app.CreateUserAsync(InstitutionKind.Oversight, [RoleCatalog.Auditor]);
        var id = await CreateAsync(coordinator, [invitedStaff.InstitutionId], [invitedPerson.Id]);

        // The invited: the institution's staff and the named person see it; the named person's colleague does not.
        foreach (var (user, roles) in new[] { (invitedStaff, Executive), (invitedPerson, new[] { RoleCatalog.ShelterManager }) })
        {
            var view = await Meetings(m => m.ReadAsync(CaseSteps.ViewerOf(user, roles), roles, id));
            Assert.NotNull(view);
            Assert.True(view!.Invited);
            Assert.False(view.MayEdit);
            Assert.Contains((await Meetings(m => m.ListAsync(CaseSteps.ViewerOf(user, roles), roles))).Upcoming, r => r.Id == id);
        }
        foreach (var (user, roles) in new[] { (outsider, Executive), (colleague, new[] { RoleCatalog.SocialWorker }), (auditor, new[] { RoleCatalog.Auditor }) })
        {
            Assert.Null(await Meetings(m => m.ReadAsync(CaseSteps.ViewerOf(user, roles), roles, id)));
            Assert.Null(await Meetings(m => m.CalendarAsync(CaseSteps.ViewerOf(user, roles), roles, id)));
            var lists = await Meetings(m => m.ListAsync(CaseSteps.ViewerOf(user, roles), roles));
            Assert.DoesNotContain(lists.Upcoming.Concat(lists.Past), r => r.Id == id);
        }
        Assert.True(await DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == MeetingsAudit.Denied.Code && e.TargetId == id && e.ActorUserId == outsider.Id)) >= 2);

        // Pages: a 404 for the outsider, the meeting and its calendar link for the invited.
        using (var s = await app.SessionAsync(outsider))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await s.Client.GetAsync($"/Meetings/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await s.Client.GetAsync($"/Meetings/{id}?handler=Calendar")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await s.Client.GetAsync($"/Meetings/{Guid.NewGuid()}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await s.Client.GetAsync("/Meetings/New")).StatusCode);
            var list = await s.GetAsync("/Meetings");
            Assert.Empty(list.Document.QuerySelectorAll($"a[href*='{id}']"));
        }
        using (var s = await app.SessionAsync(invitedStaff))
        {
            var page = await s.GetAsync($"/Meetings/{id}");
            Assert.NotNull(page.Document.QuerySelector("[data-calendar]"));
            Assert.Null(page.Document.QuerySelector("form[data-minutes-form]"));
            Assert.Null(page.Document.QuerySelector("form[data-action-form]"));
        }

        // The API: the same rules.
        var outsiderToken = await app.TokenAsync(outsider, "meetings.read meetings.write");
        var invitedToken = await app.TokenAsync(invitedStaff, "meetings.read");
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(Api(HttpMethod.Get, $"/api/v1/meetings/{id}", outsiderToken))).StatusCode);
        Assert.DoesNotContain(id.ToString(), await (await client.SendAsync(Api(HttpMethod.Get, "/api/v1/meetings", outsiderToken))).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var start = app.Time.GetUtcNow().AddDays(3);
        var refused = await client.SendAsync(Api(HttpMethod.Post, "/api/v1/meetings", outsiderToken,
            new { title = "Mine", kind = "Regular", startsAt = start, endsAt = start.AddHours(1), place = "Here", institutions = new[] { outsider.InstitutionId } }, Guid.NewGuid().ToString()));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var read = await client.SendAsync(Api(HttpMethod.Get, $"/api/v1/meetings/{id}", invitedToken));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        using var doc = JsonDocument.Parse(await read.Content.ReadAsStringAsync());
        Assert.Equal(2, doc.RootElement.GetProperty("agenda").GetArrayLength());
        Assert.Contains(id.ToString(), await (await client.SendAsync(Api(HttpMethod.Get, "/api/v1/meetings", invitedToken))).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_calendar_file_names_only_its_participant_escapes_text_counts_reschedules_and_is_audited()
    {
        var (coordinatorUser, coordinator) = await CoordinatorAsync();
        var first = await UserOfNewInstitutionAsync(InstitutionKind.Shelter, [RoleCatalog.ShelterManager]);
        var second = await UserOfNewInstitutionAsync(InstitutionKind.ExecutiveBody, Executive);
        var id = await CreateAsync(coordinator, [], [first.Id, second.Id], title: "Shelters; beds, rooms \\ plans");

        using var s = await app.SessionAsync(first);
        var response = await s.Client.GetAsync($"/Meetings/{id}?handler=Calendar");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        var ics = await response.Content.ReadAsStringAsync();
        var lines = ics.Replace("\r\n ", "", StringComparison.Ordinal).Split("\r\n");
        Assert.Contains("METHOD:REQUEST", lines);
        Assert.Contains($"UID:{id}@ariadne", lines);
        Assert.Contains("SEQUENCE:0", lines);
        Assert.Contains(@"SUMMARY:Shelters\; beds\, rooms \\ plans", lines);
        Assert.Contains(@"LOCATION:Baku\, room 3", lines);
        var attendee = Assert.Single(lines, l => l.StartsWith("ATTENDEE", StringComparison.Ordinal));
        Assert.Contains("Test " + first.UserName, attendee, StringComparison.Ordinal);
        Assert.DoesNotContain(second.UserName, ics, StringComparison.Ordinal);
        Assert.DoesNotContain(second.Id.ToString(), ics, StringComparison.Ordinal);
        Assert.DoesNotContain(coordinatorUser.UserName, ics, StringComparison.Ordinal);
        Assert.Single(lines, l => l.StartsWith("DTSTART:", StringComparison.Ordinal) && l.EndsWith('Z'));
        Assert.Equal(1, await DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == MeetingsAudit.CalendarDownloaded.Code && e.TargetId == id && e.ActorUserId == first.Id)));

        // Moved: the same UID, SEQUENCE 1, and the participants are told.
        var later = app.Time.GetUtcNow().AddDays(9);
        Assert.Empty((await Meetings(m => m.RescheduleAsync(coordinator, Coordinator, id, new() { StartsAt = later, EndsAt = later.AddHours(1), Place = "Baku, room 5" })))!);
        var again = (await s.Client.GetStringAsync($"/Meetings/{id}?handler=Calendar")).Replace("\r\n ", "", StringComparison.Ordinal).Split("\r\n");
        Assert.Contains($"UID:{id}@ariadne", again);
        Assert.Contains("SEQUENCE:1", again);
        var number = await DbAsync(db => db.Meetings.Where(m => m.Id == id).Select(m => m.Number).SingleAsync());
        Assert.Equal(2, await DbAsync(db => db.Notifications.CountAsync(n => n.Kind == MeetingsAudit.RescheduledNotice.Code && n.CaseNumber == number)));
        Assert.Equal(2, await DbAsync(db => db.Notifications.CountAsync(n => n.Kind == MeetingsAudit.InvitedNotice.Code && n.CaseNumber == number)));
    }

    [Fact]
    public async Task Approved_minutes_are_read_only_and_an_amendment_is_a_new_version_approved_only_by_the_coordinator()
    {
        System.Globalization.CultureInfo.CurrentUICulture = new("en");
        var (_, coordinator) = await CoordinatorAsync();
        var analystUser = await app.CreateUserAsync(InstitutionKind.NationalCoordinator, Analyst);
        var analyst = CaseSteps.ViewerOf(analystUser, Analyst);
        var member = await UserOfNewInstitutionAsync(InstitutionKind.ExecutiveBody, Executive);
        var id = await CreateAsync(coordinator, [member.InstitutionId]);

        Assert.Empty((await Meetings(m => m.SaveMinutesAsync(analyst, Analyst, id, "First draft of the minutes.")))!);
        Assert.Empty((await Meetings(m => m.SaveMinutesAsync(analyst, Analyst, id, "Second draft of the minutes.")))!);
        Assert.Equal(1, await DbAsync(db => db.MeetingMinutes.CountAsync(x => x.MeetingId == id)));
        Assert.Null(await Meetings(m => m.SaveMinutesAsync(CaseSteps.ViewerOf(member, Executive), Executive, id, "Written from outside the office.")));
        Assert.Equal("Meeting_CoordinatorOnly", Key(await Meetings(m => m.ApproveMinutesAsync(analyst, Analyst, id, 1))));
        Assert.Equal("Meeting_ChangedMeanwhile", Key(await Meetings(m => m.ApproveMinutesAsync(coordinator, Coordinator, id, 7))));
        Assert.Empty((await Meetings(m => m.ApproveMinutesAsync(coordinator, Coordinator, id, 1)))!);
        Assert.Equal("Meeting_NoDraft", Key(await Meetings(m => m.ApproveMinutesAsync(coordinator, Coordinator, id, 1))));

        // After approval: what is written is version 2, a draft; version 1 is kept as approved.
        Assert.Empty((await Meetings(m => m.SaveMinutesAsync(analyst, Analyst, id, "Amended: the date of the next meeting.")))!);
        var versions = await DbAsync(db => db.MeetingMinutes.AsNoTracking().Where(x => x.MeetingId == id).OrderBy(x => x.Version).ToListAsync());
        Assert.Equal([(1, MinutesStatus.Approved, "Second draft of the minutes."), (2, MinutesStatus.Draft, "Amended: the date of the next meeting.")],
            versions.Select(v => (v.Version, v.Status, v.Text)));
        Assert.Empty((await Meetings(m => m.ApproveMinutesAsync(coordinator, Coordinator, id, 2)))!);
        var view = await Meetings(m => m.ReadAsync(CaseSteps.ViewerOf(member, Executive), Executive, id));
        Assert.Equal((2, MinutesStatus.Approved), (view!.Current!.Version, view.Current.Status));
        Assert.Equal(2, await DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == MeetingsAudit.MinutesApproved.Code && e.TargetId == id)));

        // Attendance, on the page, once the meeting has started: each participant present, absent or excused.
        var started = await CreateAsync(coordinator, [member.InstitutionId], inDays: 0);
        using (var session = await app.SessionAsync(await app.CreateUserAsync(InstitutionKind.NationalCoordinator, Coordinator)))
        {
            var page = await session.GetAsync($"/Meetings/{started}");
            var memberRow = await DbAsync(db => db.MeetingInvitations.Where(i => i.MeetingId == started && i.InstitutionId == member.InstitutionId).Select(i => i.Id).SingleAsync());
            var saved = await session.SubmitAsync(page, "form[data-attendance-form]", new Dictionary<string, string> { [$"Marks[{memberRow}]"] = "Excused" });
            Assert.Equal(HttpStatusCode.OK, saved.Status);
            Assert.Equal(Attendance.Excused, await DbAsync(db => db.MeetingInvitations.Where(i => i.Id == memberRow).Select(i => i.Attendance).SingleAsync()));
            Assert.Equal(Attendance.Present, await DbAsync(db => db.MeetingInvitations.Where(i => i.MeetingId == started && i.Id != memberRow).Select(i => i.Attendance).SingleAsync()));
        }
        Assert.Equal("Meeting_AttendanceBeforeStart", Key(await Meetings(m => m.RecordAttendanceAsync(coordinator, Coordinator, id,
            new Dictionary<Guid, Attendance> { [Guid.NewGuid()] = Attendance.Present }))));

        // Too short: refused, nothing changed.
        Assert.Equal("Text", Assert.Single((await Meetings(m => m.SaveMinutesAsync(analyst, Analyst, id, "short")))!).Key);
        Assert.Equal(2, await DbAsync(db => db.MeetingMinutes.CountAsync(x => x.MeetingId == id)));
    }

    private static string Key(Dictionary<string, string[]>? errors)
    {
        // The refusal's message is localized; compare it with each key's English text through the resource.
        var message = Assert.Single(errors!).Value[0];
        return Texts.Single(t => t.Value == message).Key;
    }

    private static readonly Dictionary<string, string> Texts = new()
    {
        ["Meeting_CoordinatorOnly"] = "Only the Coordinator approves the minutes.",
        ["Meeting_ChangedMeanwhile"] = "Someone changed the minutes meanwhile. Read them again.",
        ["Meeting_NoDraft"] = "There is no draft of the minutes to approve.",
        ["Meeting_AttendanceBeforeStart"] = "Attendance can be recorded once the meeting has started.",
        ["Meeting_NotOwner"] = "Only the owner of the action item or the Coordinator may close it.",
        ["Meeting_ActionClosed"] = "This action item is already closed.",
    };

    [Fact]
    public async Task Only_the_owner_or_the_coordinator_closes_an_action_item_and_only_the_coordinator_cancels()
    {
        System.Globalization.CultureInfo.CurrentUICulture = new("en");
        var (_, coordinator) = await CoordinatorAsync();
        var owner = await UserOfNewInstitutionAsync(InstitutionKind.ExecutiveBody, Executive);
        var other = await UserOfNewInstitutionAsync(InstitutionKind.Shelter, [RoleCatalog.ShelterManager]);
        var id = await CreateAsync(coordinator, [owner.InstitutionId, other.InstitutionId]);
        var today = await TodayAsync();
        var item = await ActionAsync(coordinator, id, owner.InstitutionId, today.AddDays(10));
        var cancelMe = await ActionAsync(coordinator, id, owner.InstitutionId, today.AddDays(10));

        // Another invited institution sees the item but may not close it.
        var otherViewer = CaseSteps.ViewerOf(other, RoleCatalog.ShelterManager);
        Assert.Equal("Meeting_NotOwner", Key(await Meetings(m => m.SetActionStatusAsync(otherViewer, [RoleCatalog.ShelterManager], id, item, new() { To = ActionItemStatus.Done, Note = "Done by someone else." }))));
        var otherToken = await app.TokenAsync(other, "meetings.read meetings.write");
        var ownerToken = await app.TokenAsync(owner, "meetings.read meetings.write");
        var outsider = await UserOfNewInstitutionAsync(InstitutionKind.ExecutiveBody, Executive);
        var outsiderToken = await app.TokenAsync(outsider, "meetings.read meetings.write");
        using var client = app.CreateClient();
        var done = new { to = "Done", note = "Draft rules sent, letter 12/345." };
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(Api(HttpMethod.Post, $"/api/v1/meetings/{id}/action-items/{item}/status", otherToken, done))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(Api(HttpMethod.Post, $"/api/v1/meetings/{id}/action-items/{item}/status", outsiderToken, done))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(Api(HttpMethod.Post, $"/api/v1/meetings/{id}/action-items/{Guid.NewGuid()}/status", ownerToken, done))).StatusCode);
        // The owner may not cancel; a note is needed.
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(Api(HttpMethod.Post, $"/api/v1/meetings/{id}/action-items/{cancelMe}/status", ownerToken, new { to = "Cancelled", note = "No longer needed." }))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(Api(HttpMethod.Post, $"/api/v1/meetings/{id}/action-items/{item}/status", ownerToken, new { to = "Done" }))).StatusCode);
        Assert.Equal(ActionItemStatus.Open, await DbAsync(db => db.ActionItems.Where(a => a.Id == item).Select(a => a.Status).SingleAsync()));

        var ok = await client.SendAsync(Api(HttpMethod.Post, $"/api/v1/meetings/{id}/action-items/{item}/status", ownerToken, done));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using (var doc = JsonDocument.Parse(await ok.Content.ReadAsStringAsync()))
            Assert.Equal("Done", doc.RootElement.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await client.SendAsync(Api(HttpMethod.Post, $"/api/v1/meetings/{id}/action-items/{item}/status", ownerToken, done))).StatusCode);
        Assert.Empty((await Meetings(m => m.SetActionStatusAsync(coordinator, Coordinator, id, cancelMe, new() { To = ActionItemStatus.Cancelled, Note = "Overtaken by the new law." })))!);
        var rows = await DbAsync(db => db.ActionItems.AsNoTracking().Where(a => a.MeetingId == id).OrderBy(a => a.Number).ToListAsync());
        Assert.Equal([(ActionItemStatus.Done, owner.Id), (ActionItemStatus.Cancelled, coordinator.UserId)], rows.Select(r => (r.Status, r.ClosedBy!.Value)));
        Assert.True(await DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == MeetingsAudit.Denied.Code && e.TargetId == item && e.ActorUserId == other.Id)) >= 2);

        // A named owner: only that person of the institution closes it.
        var colleague = await app.CreateUserAsync(InstitutionKind.ExecutiveBody, Executive);
        await DbAsync(async db => { (await db.Users.FirstAsync(u => u.Id == colleague.Id)).InstitutionId = owner.InstitutionId; return await db.SaveChangesAsync(); });
        var named = await ActionAsync(coordinator, id, owner.InstitutionId, today.AddDays(3), owner.Id);
        Assert.Equal("Meeting_NotOwner", Key(await Meetings(m => m.SetActionStatusAsync(CaseSteps.ViewerOf(colleague with { InstitutionId = owner.InstitutionId }, Executive), Executive, id, named,
            new() { To = ActionItemStatus.Done, Note = "Done by a colleague." }))));
    }

    [Fact]
    public async Task The_reminder_and_the_escalation_are_each_sent_once_even_when_the_job_runs_twice_at_once()
    {
        var (coordinatorUser, coordinator) = await CoordinatorAsync();
        var owner = await UserOfNewInstitutionAsync(InstitutionKind.ExecutiveBody, Executive);
        var id = await CreateAsync(coordinator, [owner.InstitutionId], inDays: 0);
        var item = await ActionAsync(coordinator, id, owner.InstitutionId, (await TodayAsync()).AddDays(2));
        var reference = CoordinationMeetings.Reference(await DbAsync(db => db.Meetings.Where(m => m.Id == id).Select(m => m.Number).SingleAsync()), 1);
        Task<int> Sent(string kind) => DbAsync(db => db.Notifications.CountAsync(n => n.Kind == kind && n.CaseNumber == reference));

        // Due in two days (the reminder comes three days before): reminded once, however often the job runs.
        await Task.WhenAll(Meetings(m => m.RemindAndEscalateAsync()), Meetings(m => m.RemindAndEscalateAsync()));
        await Meetings(m => m.RemindAndEscalateAsync());
        Assert.Equal(1, await Sent(MeetingsAudit.ReminderNotice.Code));
        Assert.Equal(0, await Sent(MeetingsAudit.EscalationNotice.Code));

        // Five days on, overdue: escalated once to the owner's institution and once to the office, on two scopes at once and again after.
        app.Time.Advance(TimeSpan.FromDays(5));
        // (The runs' own counts are not read: other tests' items in the shared database fall overdue with the same clock.)
        await Task.WhenAll(Meetings(m => m.RemindAndEscalateAsync()), Meetings(m => m.RemindAndEscalateAsync()));
        await Meetings(m => m.RemindAndEscalateAsync());
        Assert.Equal(1, await Sent(MeetingsAudit.EscalationNotice.Code));
        Assert.Equal(1, await Sent(MeetingsAudit.EscalationOfficeNotice.Code));
        Assert.Equal(1, await Sent(MeetingsAudit.ReminderNotice.Code));
        Assert.Equal(1, await DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == MeetingsAudit.Escalated.Code && e.TargetId == item)));
        Assert.Equal(owner.InstitutionId, await DbAsync(db => db.Notifications.Where(n => n.Kind == MeetingsAudit.EscalationNotice.Code && n.CaseNumber == reference).Select(n => n.RecipientInstitutionId).SingleAsync()));
        Assert.Equal(coordinatorUser.InstitutionId, await DbAsync(db => db.Notifications.Where(n => n.Kind == MeetingsAudit.EscalationOfficeNotice.Code && n.CaseNumber == reference).Select(n => n.RecipientInstitutionId).SingleAsync()));

        // Overdue on the meeting page, the list and the owner's home card.
        var ownerViewer = CaseSteps.ViewerOf(owner, Executive);
        Assert.True(Assert.Single((await Meetings(m => m.ReadAsync(ownerViewer, Executive, id)))!.ActionItems).Overdue);
        Assert.Contains((await Meetings(m => m.ListAsync(coordinator, Coordinator))).OpenItems, r => r.Id == item && r.Overdue);
        using var s = await app.SessionAsync(owner);
        var home = await s.GetAsync("/");
        var card = home.Document.QuerySelector("[data-home-panel='meeting-actions']");
        Assert.NotNull(card);
        Assert.Contains(reference, card!.TextContent, StringComparison.Ordinal);
        Assert.Contains(reference, home.Document.Body!.TextContent, StringComparison.Ordinal);

        // Closed items are neither reminded nor escalated.
        Assert.Empty((await Meetings(m => m.SetActionStatusAsync(ownerViewer, Executive, id, item, new() { To = ActionItemStatus.Done, Note = "Sent at last." })))!);
        Assert.Equal((0, 0), await Meetings(m => m.RemindAndEscalateAsync()));
    }

    [Fact]
    public async Task Create_through_the_api_is_idempotent_and_needs_a_key()
    {
        var (coordinatorUser, _) = await CoordinatorAsync();
        var member = await UserOfNewInstitutionAsync(InstitutionKind.ExecutiveBody, Executive);
        var token = await app.TokenAsync(coordinatorUser, "meetings.read meetings.write");
        using var client = app.CreateClient();
        var start = app.Time.GetUtcNow().AddDays(4);
        var title = "Working group " + Guid.NewGuid().ToString("N")[..6];
        var body = new { title, kind = "WorkingGroup", startsAt = start, endsAt = start.AddHours(1), onlineLink = "https://meet.example.org/wg", institutions = new[] { member.InstitutionId }, agenda = new[] { "One", "Two" } };
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(Api(HttpMethod.Post, "/api/v1/meetings", token, body))).StatusCode);
        var key = Guid.NewGuid().ToString();
        var first = await client.SendAsync(Api(HttpMethod.Post, "/api/v1/meetings", token, body, key));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var again = await client.SendAsync(Api(HttpMethod.Post, "/api/v1/meetings", token, body, key));
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        using var a = JsonDocument.Parse(await first.Content.ReadAsStringAsync());
        using var b = JsonDocument.Parse(await again.Content.ReadAsStringAsync());
        Assert.Equal(a.RootElement.GetProperty("id").GetGuid(), b.RootElement.GetProperty("id").GetGuid());
        Assert.Equal(1, await DbAsync(db => db.Meetings.CountAsync(m => m.Title == title)));
        Assert.Equal(1, await DbAsync(db => db.Notifications.CountAsync(n => n.Kind == MeetingsAudit.InvitedNotice.Code && n.RecipientInstitutionId == member.InstitutionId
            && n.CaseNumber == a.RootElement.GetProperty("number").GetString())));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await client.SendAsync(Api(HttpMethod.Post, "/api/v1/meetings", token, body with { title = title + " other" }, key))).StatusCode);
        Assert.Equal(1, await DbAsync(db => db.Meetings.CountAsync(m => m.Title.StartsWith(title))));
    }

    [Fact]
    public async Task Bad_input_gets_a_clear_error_beside_each_field_and_nothing_is_saved()
    {
        System.Globalization.CultureInfo.CurrentUICulture = new("en");
        var (coordinatorUser, coordinator) = await CoordinatorAsync();
        var member = await UserOfNewInstitutionAsync(InstitutionKind.ExecutiveBody, Executive);
        Task<string> State() => DbAsync(async db => $"{await db.Meetings.CountAsync()}|{await db.ActionItems.CountAsync()}|{await db.MeetingInvitations.CountAsync()}|{await db.AgendaItems.CountAsync()}|{await db.Notifications.CountAsync()}");
        var before = await State();
        var start = app.Time.GetUtcNow().AddDays(2);
        var (id, errors) = await Meetings(m => m.CreateAsync(coordinator, Coordinator, new()
        {
            Title = "  ",
            Kind = MeetingKind.Regular,
            StartsAt = start,
            EndsAt = start.AddHours(-1),
            OnlineLink = "http://insecure.example.org",
            Institutions = [member.InstitutionId, Guid.NewGuid()],
        }));
        Assert.Null(id);
        Assert.Equal(["EndsAt", "Institutions", "OnlineLink", "Title"], errors!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(before, await State());

        // The page: the summary at the top and each error beside its field, nothing saved.
        using var s = await app.SessionAsync(coordinatorUser);
        var form = await s.GetAsync("/Meetings/New");
        var result = await s.SubmitAsync(form, "form[data-meeting-form]", new Dictionary<string, string>
        {
            ["Form.Title"] = "",
            ["Form.When.Day.Day"] = "10",
            ["Form.When.Day.Month"] = "12",
            ["Form.When.Day.Year"] = "2026",
            ["Form.When.From"] = "14:00",
            ["Form.When.Until"] = "13:00",
            ["Form.When.Place"] = "Baku",
            ["Form.Institutions"] = member.InstitutionId.ToString(),
        });
        Assert.Equal(HttpStatusCode.OK, result.Response.StatusCode);
        Assert.NotNull(result.Document.QuerySelector(".govuk-error-summary"));
        Assert.Contains("Enter the subject of the meeting.", result.Document.QuerySelector("#Form_Title-error")?.TextContent ?? "", StringComparison.Ordinal);
        Assert.Contains("The meeting must end after it starts.", result.Document.QuerySelector("#Form_When_Until-error")?.TextContent ?? "", StringComparison.Ordinal);
        var badClock = await s.SubmitAsync(await s.GetAsync("/Meetings/New"), "form[data-meeting-form]", new Dictionary<string, string>
        {
            ["Form.Title"] = "A meeting",
            ["Form.When.From"] = "25:99",
            ["Form.When.Until"] = "",
            ["Form.Institutions"] = member.InstitutionId.ToString(),
        });
        Assert.NotNull(badClock.Document.QuerySelector("#Form_When_From-error"));
        Assert.NotNull(badClock.Document.QuerySelector("#Form_When_Day-error"));
        Assert.NotNull(badClock.Document.QuerySelector("#Form_When_Place-error"));
        Assert.Equal(before, await State());

        // An action item: due in the past, no owner, no title — refused, nothing saved.
        var meeting = await CreateAsync(coordinator, [member.InstitutionId]);
        var mid = await State();
        var yesterday = (await TodayAsync()).AddDays(-1);
        var refused = await Meetings(m => m.AddActionAsync(coordinator, Coordinator, meeting, new() { Title = "", DueOn = yesterday }));
        Assert.Equal(["DueOn", "OwnerInstitutionId", "Title"], refused!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("The due day cannot be in the past.", refused["DueOn"][0]);
        Assert.Equal(mid, await State());
        var page = await s.GetAsync($"/Meetings/{meeting}");
        var posted = await s.SubmitAsync(page, "form[data-action-form]", new Dictionary<string, string>
        {
            ["Action.Title"] = "Send the report",
            ["Action.OwnerInstitutionId"] = member.InstitutionId.ToString(),
            ["Action.DueOn.Day"] = "01",
            ["Action.DueOn.Month"] = "01",
            ["Action.DueOn.Year"] = "2020",
        });
        Assert.Contains("The due day cannot be in the past.", posted.Document.QuerySelector("#Action_DueOn-error")?.TextContent ?? "", StringComparison.Ordinal);
        Assert.Equal(mid, await State());
    }
}

// On PostgreSQL only (the production database): this class tests a feature, not the database. Its pages' queries run on SQLite
// too, in the sweep of every handler (SweepTests) and the crawl of every page by every role (UniqueIdTests).
public sealed class MeetingsTestsOnPostgres(PostgresApp app) : MeetingsTests(app), IClassFixture<PostgresApp>;
