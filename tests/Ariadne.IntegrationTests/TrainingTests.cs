using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Accommodation;
using Ariadne.Web.Features.Coordination;
using Ariadne.Web.Features.Training;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>
/// The training programme (issue 16 §4): a certificate makes the training record the role checks read, so the administrator's
/// refused role becomes assignable, and revocation or expiry locks it again (at use too, for a guard); refresher notices go
/// once at the window and once at expiry however often the job runs; only who attended and passed is certified; capacity;
/// idempotent attendance over the API; bad input saves nothing; who sees participants and who may nominate whom.
/// </summary>
public abstract class TrainingTests(AriadneApp app)
{
    private static readonly string[] Coordinator = [RoleCatalog.Coordinator];

    private Task<T> Training<T>(Func<Trainings, Task<T>> call) => app.WithScopeAsync(sp =>
    {
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("en");
        return call(sp.GetRequiredService<Trainings>());
    });

    private Task<T> DbAsync<T>(Func<AriadneDbContext, Task<T>> query) => app.WithScopeAsync(sp => query(sp.GetRequiredService<AriadneDbContext>()));

    /// <summary>Today in Baku, as the application counts days.</summary>
    private DateOnly Today => DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime.AddHours(4));

    private async Task<(TestUser User, Viewer Viewer)> CoordinatorAsync()
    {
        var user = await app.CreateUserAsync(InstitutionKind.NationalCoordinator, Coordinator);
        return (user, CaseSteps.ViewerOf(user, Coordinator));
    }

    /// <summary>A user of a new institution of its own (CreateUserAsync reuses one per kind).</summary>
    private async Task<TestUser> UserOfNewInstitutionAsync(InstitutionKind kind, string[] roles, Guid? institutionId = null)
    {
        var user = await app.CreateUserAsync(kind, roles);
        var institution = await DbAsync(async db =>
        {
            var id = institutionId;
            if (id is null)
            {
                var i = new Institution { Name = "Tr " + Guid.NewGuid().ToString("N")[..8], Code = "TR-" + Guid.NewGuid().ToString("N")[..6], Kind = kind, CreatedAt = app.Time.GetUtcNow() };
                db.Institutions.Add(i);
                await db.SaveChangesAsync();
                id = i.Id;
            }
            var u = await db.Users.FirstAsync(x => x.Id == user.Id);
            u.InstitutionId = id.Value;
            await db.SaveChangesAsync();
            return id.Value;
        });
        return user with { InstitutionId = institution };
    }

    private async Task<Guid> CourseAsync(Viewer coordinator, TrainingTopic? topic, int? months)
    {
        var (id, errors) = await Training(t => t.AddCourseAsync(coordinator, Coordinator, new Trainings.CourseInput
        {
            Code = "C-" + Guid.NewGuid().ToString("N")[..8],
            TitleAz = "Sığınacağın mühafizəsi",
            TitleRu = "Охрана приюта",
            TitleEn = "Shelter security",
            Topic = topic,
            ValidityMonths = months,
            Provider = "OSCE",
        }));
        Assert.Empty(errors!);
        return id!.Value;
    }

    private async Task<Guid> SessionAsync(Viewer coordinator, Guid course, DateOnly starts, int capacity = 10)
    {
        var (id, errors) = await Training(t => t.AddSessionAsync(coordinator, Coordinator, new Trainings.SessionInput
        {
            CourseId = course,
            StartsOn = starts,
            EndsOn = starts.AddDays(1),
            Place = "Bakı",
            Language = "az",
            Capacity = capacity,
            Trainers = "Anna Kowalska — IOM\nRəşad Hüseynov, İAMİ Akademiyası",
        }));
        Assert.Empty(errors!);
        return id!.Value;
    }

    /// <summary>A held session of the course with the users enrolled, each attended and passed; returns the enrolment ids.</summary>
    private async Task<Dictionary<Guid, Guid>> HeldAndPassedAsync(Viewer coordinator, Guid course, params TestUser[] people)
    {
        var session = await SessionAsync(coordinator, course, Today.AddDays(-2));
        foreach (var p in people)
            Assert.Empty((await Training(t => t.EnrolAsync(coordinator, Coordinator, session, new() { UserId = p.Id })))!);
        Assert.Empty((await Training(t => t.SetStatusAsync(coordinator, Coordinator, session, SessionStatus.Held)))!);
        foreach (var p in people)
            Assert.Empty((await Training(t => t.RecordAttendanceAsync(coordinator, Coordinator, session,
                new() { UserId = p.Id, Attendance = AttendanceMark.Attended, Result = TrainingResult.Passed })))!);
        var ids = people.Select(p => p.Id).ToList();
        return await DbAsync(db => db.TrainingEnrolments.Where(e => e.SessionId == session && ids.Contains(e.UserId)).ToDictionaryAsync(e => e.UserId, e => e.Id));
    }

    private async Task<Guid> IssueAsync(Viewer coordinator, Guid enrolment)
    {
        var (id, errors) = await Training(t => t.IssueAsync(coordinator, Coordinator, enrolment));
        Assert.Empty(errors!);
        return id!.Value;
    }

    private Task<bool> QualifiedGuardAsync(Guid userId) => app.WithScopeAsync(sp => sp.GetRequiredService<GuardService>().IsQualifiedGuardAsync(userId));

    private async Task<WebSession> AdminAsync()
    {
        var admin = await app.CreateUserAsync(InstitutionKind.PlatformAdministration, [RoleCatalog.Administrator]);
        return await app.SessionAsync(admin);
    }

    [Fact]
    public async Task A_certificate_unlocks_the_refused_role_and_revocation_or_expiry_locks_it_again_at_use_too()
    {
        var (_, coordinator) = await CoordinatorAsync();
        var guard = await app.CreateUserAsync(InstitutionKind.SecurityPolice, [RoleCatalog.SecurityOfficer]);
        var recruit = await app.CreateUserAsync(InstitutionKind.SecurityPolice, []);
        Assert.False(await QualifiedGuardAsync(guard.Id));

        // Without a certificate the administrator is refused, with the way to the training module.
        using var admin = await AdminAsync();
        var edit = await admin.GetAsync($"/Admin/Users/Edit?id={recruit.Id}");
        Assert.Null(edit.Document.QuerySelector("form[action*='handler=AddTraining']"));
        Assert.NotNull(edit.Document.QuerySelector("[data-training] a[href='/Training']"));
        var refused = await admin.SubmitAsync(edit, "form[action*='handler=Roles']", new Dictionary<string, string> { ["Roles"] = RoleCatalog.SecurityOfficer });
        Assert.Equal("The role “Security officer” needs a current training certificate first: the training managers issue it in the training module.", refused.FieldError("Roles"));

        // The course, a held session, both passed: the certificates make the training records, in the same transaction.
        var course = await CourseAsync(coordinator, TrainingTopic.ShelterSecurity, 12);
        var enrolments = await HeldAndPassedAsync(coordinator, course, guard, recruit);
        var guardCertificate = await IssueAsync(coordinator, enrolments[guard.Id]);
        var recruitCertificate = await IssueAsync(coordinator, enrolments[recruit.Id]);
        var record = await DbAsync(db => db.Trainings.SingleAsync(t => t.CertificateId == guardCertificate));
        var certificate = await DbAsync(db => db.TrainingCertificates.SingleAsync(c => c.Id == guardCertificate));
        Assert.Equal(TrainingTopic.ShelterSecurity, record.Topic);
        Assert.Equal(certificate.ExpiresOn, record.ValidUntil);
        Assert.Equal(certificate.IssuedOn.AddMonths(12).AddDays(-1), certificate.ExpiresOn);
        Assert.Matches("^TR-[0-9]{4}-[2-9A-HJ-NP-Z]{6}$", certificate.Number);
        Assert.True(await DbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == TrainingAudit.CertificateIssued && e.TargetId == guardCertificate)));
        Assert.True(await QualifiedGuardAsync(guard.Id));

        // Now the role can be assigned (it waits for the institution, as every role given by the administrator).
        var granted = await admin.SubmitAsync(await admin.GetAsync($"/Admin/Users/Edit?id={recruit.Id}"), "form[action*='handler=Roles']",
            new Dictionary<string, string> { ["Roles"] = RoleCatalog.SecurityOfficer });
        Assert.Empty(granted.Errors);
        Assert.Contains("Security officer", granted.Document.QuerySelector("[data-pending]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Certificate", granted.Document.QuerySelector("[data-training]")!.TextContent, StringComparison.Ordinal);

        // Revoked: the guard is no longer qualified at use, and the role is refused again at assignment.
        Assert.Equal("Give the reason in at least 10 characters.", (await Training(t => t.RevokeAsync(coordinator, Coordinator, guardCertificate, "no")))!["Reason"][0]);
        Assert.Empty((await Training(t => t.RevokeAsync(coordinator, Coordinator, guardCertificate, "Dismissed from the guard unit.")))!);
        Assert.False(await QualifiedGuardAsync(guard.Id));
        Assert.True((await DbAsync(db => db.Trainings.SingleAsync(t => t.CertificateId == guardCertificate))).ValidUntil < Today);
        Assert.Equal(Trainings.CertificateState.Revoked, (await Training(t => t.VerifyAsync(coordinator, Coordinator, certificate.Number)))!.State);

        // Expired: a day after the last day the recruit's certificate no longer counts either.
        var last = (await DbAsync(db => db.TrainingCertificates.SingleAsync(c => c.Id == recruitCertificate))).ExpiresOn!.Value;
        app.Time.Advance(TimeSpan.FromDays(last.DayNumber - Today.DayNumber + 1));
        var trainings = await DbAsync(db => db.Trainings.Where(t => t.UserId == recruit.Id).ToListAsync());
        Assert.DoesNotContain(TrainingTopic.ShelterSecurity, TrainingRecord.CurrentTopics(trainings, Today));
        using var later = await AdminAsync();
        var again = await later.SubmitAsync(await later.GetAsync($"/Admin/Users/Edit?id={recruit.Id}"), "form[action*='handler=Roles']",
            new Dictionary<string, string> { ["Roles"] = RoleCatalog.SecurityOfficer });
        Assert.NotNull(again.FieldError("Roles"));
    }

    [Fact]
    public async Task Refresher_notices_go_once_at_the_window_and_once_at_expiry_even_when_the_job_runs_twice()
    {
        var (_, coordinator) = await CoordinatorAsync();
        var worker = await UserOfNewInstitutionAsync(InstitutionKind.Shelter, [RoleCatalog.SocialWorker]);
        var later = await UserOfNewInstitutionAsync(InstitutionKind.Shelter, [RoleCatalog.SocialWorker], worker.InstitutionId);
        async Task<Guid> ExternalAsync(TestUser user, int days)
        {
            var (id, errors) = await Training(t => t.AddExternalAsync(coordinator, Coordinator, new Trainings.ExternalInput
            {
                UserId = user.Id,
                Topic = TrainingTopic.VictimAssistance,
                CourseTitle = "Qurbanlara yardım",
                IssuingBody = "IOM",
                Number = "IOM-" + days,
                Reference = "MK-ARXIV-2026/114",
                IssuedOn = Today.AddYears(-1),
                ExpiresOn = Today.AddDays(days),
            }));
            Assert.Empty(errors!);
            return id!.Value;
        }
        await ExternalAsync(worker, 50);
        await ExternalAsync(later, 75);
        // The refresher session that the home card points to: tomorrow, so that it is the topic's first upcoming session
        // even when another test of this class (sharing the database) has planned one of the same topic two weeks ahead.
        var course = await CourseAsync(coordinator, TrainingTopic.VictimAssistance, 24);
        var planned = await SessionAsync(coordinator, course, Today.AddDays(1));

        Task<int> Notices(Guid user, string kind) => DbAsync(db => db.Notifications.CountAsync(n => n.RecipientUserId == user && n.Kind == kind));
        Task<int> HeadNotices(Guid institution, string kind) => DbAsync(db => db.Notifications.CountAsync(n => n.RecipientInstitutionId == institution
            && n.RecipientRole == RoleCatalog.ShelterManager && n.Kind == kind));

        await Training(t => t.SendNoticesAsync());
        await Training(t => t.SendNoticesAsync());
        Assert.Equal(1, await Notices(worker.Id, TrainingAudit.RefresherDue));
        Assert.Equal(0, await Notices(later.Id, TrainingAudit.RefresherDue));
        Assert.Equal(1, await HeadNotices(worker.InstitutionId, TrainingAudit.RefresherDue));
        var due = Assert.Single(await Training(t => t.RefresherDueAsync(worker.Id)));
        Assert.False(due.Expired);
        Assert.Equal(planned, due.Next!.Id);
        Assert.Empty(await Training(t => t.RefresherDueAsync(later.Id)));

        // The home card shows it.
        using (var session = await app.SessionAsync(worker))
        {
            var home = await session.GetAsync("/");
            var card = home.Document.QuerySelector("[data-home-panel='training']");
            Assert.NotNull(card);
            Assert.Contains("Qurbanlara yardım", card!.TextContent, StringComparison.Ordinal);
        }

        // Past the last day: the expiry notice once, the refresher not again; the later one's refresher now (75 - 51 = 24 days left).
        app.Time.Advance(TimeSpan.FromDays(51));
        await Training(t => t.SendNoticesAsync());
        await Training(t => t.SendNoticesAsync());
        Assert.Equal(1, await Notices(worker.Id, TrainingAudit.RefresherDue));
        Assert.Equal(1, await Notices(worker.Id, TrainingAudit.Expired));
        Assert.Equal(1, await Notices(later.Id, TrainingAudit.RefresherDue));
        Assert.Equal(1, await HeadNotices(worker.InstitutionId, TrainingAudit.Expired));
        Assert.True(Assert.Single(await Training(t => t.RefresherDueAsync(worker.Id))).Expired);
    }

    [Fact]
    public async Task Only_who_attended_and_passed_is_certified_and_a_session_holds_its_capacity()
    {
        var (_, coordinator) = await CoordinatorAsync();
        var a = await app.CreateUserAsync(InstitutionKind.AntiTraffickingSquad, []);
        var b = await app.CreateUserAsync(InstitutionKind.AntiTraffickingSquad, []);
        var c = await app.CreateUserAsync(InstitutionKind.AntiTraffickingSquad, []);
        var course = await CourseAsync(coordinator, TrainingTopic.AntiTrafficking, 36);
        var session = await SessionAsync(coordinator, course, Today.AddDays(-1), capacity: 2);

        // Attendance before the session is marked held is refused.
        Assert.Empty((await Training(t => t.EnrolAsync(coordinator, Coordinator, session, new() { UserId = a.Id })))!);
        Assert.Equal("Mark the session held first.", (await Training(t => t.RecordAttendanceAsync(coordinator, Coordinator, session,
            new() { UserId = a.Id, Attendance = AttendanceMark.Attended, Result = TrainingResult.Passed })))![""][0]);
        Assert.Empty((await Training(t => t.EnrolAsync(coordinator, Coordinator, session, new() { UserId = b.Id })))!);
        Assert.Equal("This person is enrolled in this session already.", (await Training(t => t.EnrolAsync(coordinator, Coordinator, session, new() { UserId = b.Id })))!["UserId"][0]);
        Assert.Equal("The session is full.", (await Training(t => t.EnrolAsync(coordinator, Coordinator, session, new() { UserId = c.Id })))![""][0]);
        Assert.Equal(2, await DbAsync(db => db.TrainingEnrolments.CountAsync(e => e.SessionId == session)));

        Assert.Empty((await Training(t => t.SetStatusAsync(coordinator, Coordinator, session, SessionStatus.Held)))!);
        Assert.Equal("This session is no longer planned: nominations and status changes are closed.",
            (await Training(t => t.EnrolAsync(coordinator, Coordinator, session, new() { UserId = c.Id })))![""][0]);
        Assert.Empty((await Training(t => t.RecordAttendanceAsync(coordinator, Coordinator, session,
            new() { UserId = a.Id, Attendance = AttendanceMark.Attended, Result = TrainingResult.Passed })))!);
        Assert.Equal("Only a participant who attended the whole session can pass.", (await Training(t => t.RecordAttendanceAsync(coordinator, Coordinator, session,
            new() { UserId = b.Id, Attendance = AttendanceMark.Partial, Result = TrainingResult.Passed })))!["Result"][0]);
        Assert.Empty((await Training(t => t.RecordAttendanceAsync(coordinator, Coordinator, session, new() { UserId = b.Id, Attendance = AttendanceMark.Partial })))!);
        Assert.Equal("This person is not enrolled in this session.", (await Training(t => t.RecordAttendanceAsync(coordinator, Coordinator, session,
            new() { UserId = c.Id, Attendance = AttendanceMark.Attended })))!["UserId"][0]);

        var enrolments = await DbAsync(db => db.TrainingEnrolments.Where(e => e.SessionId == session).ToDictionaryAsync(e => e.UserId, e => e.Id));
        var (none, refusal) = await Training(t => t.IssueAsync(coordinator, Coordinator, enrolments[b.Id]));
        Assert.Null(none);
        Assert.Equal("A certificate is issued only to a participant who attended and passed.", refusal![""][0]);
        var computedBefore = await app.WithScopeAsync(sp => sp.GetRequiredService<ActionPlans>().ComputeAsync(ComputedIndicator.TrainingsCompleted, Today.AddDays(-1).Year));
        await IssueAsync(coordinator, enrolments[a.Id]);
        Assert.Equal("A certificate is issued for this participation already.", (await Training(t => t.IssueAsync(coordinator, Coordinator, enrolments[a.Id]))).Errors![""][0]);
        Assert.Equal(1, await DbAsync(db => db.TrainingCertificates.CountAsync(x => x.SessionId == session)));
        Assert.False(await DbAsync(db => db.Trainings.AnyAsync(t => t.UserId == b.Id)));
        // The action plan's computed indicator counts certificates through their training records.
        Assert.Equal(computedBefore + 1, await app.WithScopeAsync(sp => sp.GetRequiredService<ActionPlans>().ComputeAsync(ComputedIndicator.TrainingsCompleted, Today.AddDays(-1).Year)));
        // A certified mark is frozen.
        Assert.Equal("A certificate is issued for this participation already.", (await Training(t => t.RecordAttendanceAsync(coordinator, Coordinator, session,
            new() { UserId = a.Id, Attendance = AttendanceMark.Absent })))![""][0]);
    }

    [Fact]
    public async Task Bad_input_gets_errors_by_field_and_saves_nothing()
    {
        var (_, coordinator) = await CoordinatorAsync();
        var course = await CourseAsync(coordinator, null, null);
        Task<string> State() => DbAsync(async db => $"{await db.TrainingCourses.CountAsync()}|{await db.TrainingSessions.CountAsync()}|{await db.SessionTrainers.CountAsync()}|{await db.TrainingCertificates.CountAsync()}");
        var before = await State();

        var (id, errors) = await Training(t => t.AddCourseAsync(coordinator, Coordinator, new Trainings.CourseInput
        {
            Code = "bad code!",
            TitleAz = "",
            TitleRu = "Курс",
            TitleEn = "Course",
            Topic = TrainingTopic.Helpline,
            ValidityMonths = -3,
            Provider = "IOM",
        }));
        Assert.Null(id);
        Assert.Equal("Use letters, digits, hyphens and dots only.", errors!["Code"][0]);
        Assert.Equal("Enter a value.", errors["TitleAz"][0]);
        Assert.Equal("Enter a number of months from 1 to 120, or leave it empty.", errors["ValidityMonths"][0]);
        (_, errors) = await Training(t => t.AddCourseAsync(coordinator, Coordinator, new Trainings.CourseInput
        {
            Code = "SEC-X",
            TitleAz = "a",
            TitleRu = "b",
            TitleEn = "c",
            Topic = TrainingTopic.ShelterSecurity,
            Provider = "OSCE",
        }));
        Assert.Equal("Shelter-security training must expire: enter for how many months it counts.", errors!["ValidityMonths"][0]);

        (id, errors) = await Training(t => t.AddSessionAsync(coordinator, Coordinator, new Trainings.SessionInput
        {
            CourseId = course,
            StartsOn = Today.AddDays(10),
            EndsOn = Today.AddDays(9),
            Place = "Bakı",
            Language = "az",
            Capacity = 0,
            Trainers = "Anna Kowalska",
        }));
        Assert.Null(id);
        Assert.Equal("The last day cannot be before the first day.", errors!["EndsOn"][0]);
        Assert.Equal("Enter a number of places from 1 to 500.", errors["Capacity"][0]);
        Assert.Equal("Write each trainer on a line of their own as: name — organisation.", errors["Trainers"][0]);
        (_, errors) = await Training(t => t.AddSessionAsync(coordinator, Coordinator, new Trainings.SessionInput
        {
            CourseId = Guid.NewGuid(),
            StartsOn = Today,
            EndsOn = Today,
            Place = "Bakı",
            Language = "fr",
            Capacity = 5,
        }));
        Assert.Equal("Choose a course from the list.", errors!["CourseId"][0]);
        Assert.Equal("Choose the language of the session.", errors["Language"][0]);

        var holder = await app.CreateUserAsync(InstitutionKind.SecurityPolice, []);
        (_, errors) = await Training(t => t.AddExternalAsync(coordinator, Coordinator, new Trainings.ExternalInput
        {
            UserId = holder.Id,
            Topic = TrainingTopic.ShelterSecurity,
            CourseTitle = "Mühafizə",
            IssuingBody = "OSCE",
            Number = "1",
            Reference = "r",
            IssuedOn = Today.AddDays(3),
        }));
        Assert.Equal("Enter a date that is not in the future and not more than 30 years ago.", errors!["IssuedOn"][0]);
        Assert.Equal("Shelter-security training must say until when it counts.", errors["ExpiresOn"][0]);

        // The page: the summary at the top and the message beside the field, in Azerbaijani; nothing saved.
        var user = await app.CreateUserAsync(InstitutionKind.NationalCoordinator, Coordinator);
        using var session = await app.SessionAsync(user, "az");
        var page = await session.GetAsync("/Training");
        var refused = await session.SubmitAsync(page, "form[data-session-form]", new Dictionary<string, string>
        {
            ["Session.CourseId"] = course.ToString(),
            ["Session.StartsOn"] = Today.AddDays(5).ToString("yyyy-MM-dd"),
            ["Session.EndsOn"] = Today.AddDays(4).ToString("yyyy-MM-dd"),
            ["Session.Place"] = "Bakı",
            ["Session.Language"] = "az",
            ["Session.Capacity"] = "10",
        });
        Assert.Equal("Son gün birinci gündən əvvəl ola bilməz.", refused.FieldError("Session_EndsOn"));
        Assert.Contains("Son gün birinci gündən əvvəl ola bilməz.", refused.Errors);
        Assert.Equal(before, await State());
    }

    [Fact]
    public async Task Attendance_over_the_api_is_idempotent_and_participants_are_named_only_to_who_manages()
    {
        var (manager, coordinator) = await CoordinatorAsync();
        var person = await UserOfNewInstitutionAsync(InstitutionKind.Helpline, [RoleCatalog.HelplineOperator]);
        var course = await CourseAsync(coordinator, TrainingTopic.Helpline, null);
        var session = await SessionAsync(coordinator, course, Today.AddDays(-1));
        Assert.Empty((await Training(t => t.EnrolAsync(coordinator, Coordinator, session, new() { UserId = person.Id })))!);
        Assert.Empty((await Training(t => t.SetStatusAsync(coordinator, Coordinator, session, SessionStatus.Held)))!);

        using var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(manager, "trainings.read trainings.write"));
        var url = $"/api/v1/trainings/sessions/{session}/attendance";
        var body = new { userId = person.Id, attendance = "Attended", result = "Passed" };
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsJsonAsync(url, body)).StatusCode);
        async Task<HttpResponseMessage> Post(string key, object content)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(content) };
            request.Headers.Add("Idempotency-Key", key);
            return await api.SendAsync(request);
        }
        var key = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.NoContent, (await Post(key, body)).StatusCode);
        Task<int> Events() => DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == TrainingAudit.AttendanceRecorded && e.TargetId == session));
        var events = await Events();
        Assert.Equal(HttpStatusCode.NoContent, (await Post(key, body)).StatusCode);
        Assert.Equal(events, await Events());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Post(key, new { userId = person.Id, attendance = "Absent" })).StatusCode);
        var bad = await Post(Guid.NewGuid().ToString(), new { userId = person.Id, attendance = "Partial", result = "Passed" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(events, await Events());
        var marked = await DbAsync(db => db.TrainingEnrolments.SingleAsync(e => e.SessionId == session));
        Assert.Equal((AttendanceMark.Attended, TrainingResult.Passed), (marked.Attendance!.Value, marked.Result!.Value));

        // The manager sees the participant by name; an auditor sees the count only.
        var sessions = await api.GetFromJsonAsync<JsonElement>("/api/v1/trainings/sessions");
        var mine = sessions.EnumerateArray().Single(s => s.GetProperty("id").GetGuid() == session);
        Assert.Equal(1, mine.GetProperty("enrolled").GetInt32());
        Assert.Equal(person.Id, mine.GetProperty("participants")[0].GetProperty("userId").GetGuid());
        var auditor = await app.CreateUserAsync(InstitutionKind.Oversight, [RoleCatalog.Auditor]);
        using var oversight = app.CreateClient();
        oversight.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(auditor, "trainings.read"));
        var seen = await oversight.GetStringAsync("/api/v1/trainings/sessions");
        var theirs = JsonDocument.Parse(seen).RootElement.EnumerateArray().Single(s => s.GetProperty("id").GetGuid() == session);
        Assert.Equal(1, theirs.GetProperty("enrolled").GetInt32());
        Assert.Equal(JsonValueKind.Null, theirs.GetProperty("participants").ValueKind);
        Assert.DoesNotContain(person.UserName, seen, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await oversight.PostAsJsonAsync(url, body)).StatusCode);
        Assert.NotEmpty(await oversight.GetFromJsonAsync<JsonElement[]>("/api/v1/trainings/courses") ?? []);

        // Verification: the manager gets the state and the initials only; the auditor a 404.
        var (certificate, _) = await Training(t => t.IssueAsync(coordinator, Coordinator, marked.Id));
        var number = await DbAsync(db => db.TrainingCertificates.Where(c => c.Id == certificate).Select(c => c.Number).SingleAsync());
        var verified = await api.GetFromJsonAsync<JsonElement>($"/api/v1/trainings/certificates/{number}");
        Assert.Equal("Valid", verified.GetProperty("state").GetString());
        Assert.Equal("T. " + char.ToUpperInvariant(person.UserName[0]) + ".", verified.GetProperty("holderInitials").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await oversight.GetAsync($"/api/v1/trainings/certificates/{number}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/trainings/certificates/TR-2026-NOSUCH")).StatusCode);
    }

    [Fact]
    public async Task A_head_nominates_only_their_own_staff_and_an_auditor_sees_no_participant()
    {
        var (_, coordinator) = await CoordinatorAsync();
        var head = await UserOfNewInstitutionAsync(InstitutionKind.Shelter, [RoleCatalog.ShelterManager]);
        var staff = await UserOfNewInstitutionAsync(InstitutionKind.Shelter, [RoleCatalog.SocialWorker], head.InstitutionId);
        var stranger = await UserOfNewInstitutionAsync(InstitutionKind.Shelter, [RoleCatalog.SocialWorker]);
        var course = await CourseAsync(coordinator, TrainingTopic.VictimAssistance, null);
        var session = await SessionAsync(coordinator, course, Today.AddDays(14));
        var headViewer = CaseSteps.ViewerOf(head, RoleCatalog.ShelterManager);
        string[] headRoles = [RoleCatalog.ShelterManager];

        Assert.Equal("Choose a member of staff you may nominate.", (await Training(t => t.EnrolAsync(headViewer, headRoles, session, new() { UserId = stranger.Id })))!["UserId"][0]);
        Assert.Empty((await Training(t => t.EnrolAsync(headViewer, headRoles, session, new() { UserId = staff.Id })))!);
        Assert.Empty((await Training(t => t.EnrolAsync(coordinator, Coordinator, session, new() { UserId = stranger.Id })))!);
        Assert.False(await DbAsync(db => db.TrainingEnrolments.AnyAsync(e => e.SessionId == session && e.NominatedBy == head.Id && e.UserId == stranger.Id)));
        Assert.True(await DbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == TrainingAudit.Denied && e.ActorUserId == head.Id && e.TargetId == session)));

        // The head sees their own staff only; the staff member nominates no one; the auditor sees the count, no name.
        var headView = (await Training(t => t.SessionAsync(headViewer, headRoles, session)))!;
        Assert.Equal([staff.Id], headView.Participants.Select(p => p.UserId));
        Assert.All(headView.Nominees, n => Assert.NotEqual(stranger.Id, n.Id));
        var staffViewer = CaseSteps.ViewerOf(staff, RoleCatalog.SocialWorker);
        Assert.Null(await Training(t => t.EnrolAsync(staffViewer, [RoleCatalog.SocialWorker], session, new() { UserId = staff.Id })));
        var auditor = await app.CreateUserAsync(InstitutionKind.Oversight, [RoleCatalog.Auditor]);
        var auditorView = (await Training(t => t.SessionAsync(CaseSteps.ViewerOf(auditor, RoleCatalog.Auditor), [RoleCatalog.Auditor], session)))!;
        Assert.Empty(auditorView.Participants);
        Assert.Equal(2, auditorView.Session.Enrolled);
        using var web = await app.SessionAsync(auditor);
        var page = await web.GetAsync($"/Training/Sessions/{session}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.DoesNotContain(staff.UserName, page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(stranger.UserName, page.Html, StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector("[data-enrol-form]"));
    }
}

// On PostgreSQL only (the production database): this class tests a feature, not the database. Its pages' queries run on SQLite
// too, in the sweep of every handler (SweepTests) and the crawl of every page by every role (UniqueIdTests).
public sealed class TrainingTestsOnPostgres(PostgresApp app) : TrainingTests(app), IClassFixture<PostgresApp>;
