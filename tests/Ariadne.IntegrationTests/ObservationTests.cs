using System.Globalization;
using System.Net;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Observation;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>
/// Observation and assessment (issue 16 §5): who sees a problem (the reporter, the institutions it is routed to without the
/// anonymous reporter's identity, the Coordinator's office; anyone else a 404); routing, response and the overdue notice sent once
/// however often the job runs; deadline extensions versioned; the progress report against an independent count; the CSV safe
/// against formulas; bad input refused with nothing saved; a form sent twice records once.
/// </summary>
public abstract class ObservationTests(AriadneApp app)
{
    private static readonly string[] Coordinator = [RoleCatalog.Coordinator];
    private static readonly string[] Executive = [RoleCatalog.ExecutiveOfficer];
    private static readonly string[] Shelter = [RoleCatalog.ShelterManager];

    private Task<T> Problems<T>(Func<Problems, Task<T>> call) => app.WithScopeAsync(sp => call(sp.GetRequiredService<Problems>()));

    private Task<T> DbAsync<T>(Func<AriadneDbContext, Task<T>> query) => app.WithScopeAsync(sp => query(sp.GetRequiredService<AriadneDbContext>()));

    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Baku")).DateTime);

    /// <summary>A user of a new institution of its own (CreateUserAsync reuses one per kind).</summary>
    private async Task<TestUser> UserOfNewInstitutionAsync(InstitutionKind kind, string[] roles, string? name = null)
    {
        var user = await app.CreateUserAsync(kind, roles);
        var institution = await DbAsync(async db =>
        {
            var i = new Institution { Name = name ?? "Obs " + Guid.NewGuid().ToString("N")[..8], Code = "O-" + Guid.NewGuid().ToString("N")[..6], Kind = kind, CreatedAt = app.Time.GetUtcNow() };
            db.Institutions.Add(i);
            await db.SaveChangesAsync();
            var u = await db.Users.FirstAsync(x => x.Id == user.Id);
            u.InstitutionId = i.Id;
            await db.SaveChangesAsync();
            return i.Id;
        });
        return user with { InstitutionId = institution };
    }

    private async Task<Guid> ReportAsync(TestUser reporter, string[] roles, bool anonymous = false, ProblemCategory category = ProblemCategory.Coordination, string title = "Night referrals wait until morning")
    {
        var (id, errors) = await Problems(p => p.ReportAsync(CaseSteps.ViewerOf(reporter, roles), roles, new()
        {
            Category = category,
            Title = title,
            Description = "District units have nobody on duty at night to receive referrals.",
            Region = Region.GanjaDashkasan,
            Anonymous = anonymous,
        }));
        Assert.Empty(errors!);
        return id!.Value;
    }

    private async Task RouteAsync(Viewer coordinator, Guid problem, Guid institution, DateOnly deadline) =>
        Assert.Empty((await Problems(p => p.RouteAsync(coordinator, Coordinator, problem, new() { InstitutionId = institution, Ask = "Name a night duty contact in each unit.", Deadline = deadline })))!);

    private Task<string> StateAsync() => DbAsync(async db =>
        $"{await db.Problems.CountAsync()}|{await db.ProblemConcerns.CountAsync()}|{await db.ProblemRoutes.CountAsync()}|{await db.ProblemResponses.CountAsync()}|{await db.DeadlineExtensions.CountAsync()}"
        + "|" + string.Join(",", await db.Problems.OrderBy(p => p.Id).Select(p => p.Status + ":" + p.Closure).ToListAsync())
        + "|" + string.Join(",", await db.ProblemRoutes.OrderBy(r => r.Id).Select(r => r.Status + ":" + r.DeadlineVersion + ":" + r.Deadline).ToListAsync()));

    [Fact]
    public async Task An_anonymous_reporter_is_hidden_from_the_routed_institution_and_an_unrelated_institution_gets_404()
    {
        CultureInfo.CurrentUICulture = new("en");
        var coordinatorUser = await app.CreateUserAsync(InstitutionKind.NationalCoordinator, Coordinator);
        var coordinator = CaseSteps.ViewerOf(coordinatorUser, Coordinator);
        var reporter = await UserOfNewInstitutionAsync(InstitutionKind.Shelter, Shelter);
        var ministry = await UserOfNewInstitutionAsync(InstitutionKind.ExecutiveBody, Executive);
        var outsider = await UserOfNewInstitutionAsync(InstitutionKind.ExecutiveBody, Executive);
        var auditor = await app.CreateUserAsync(InstitutionKind.Oversight, [RoleCatalog.Auditor]);
        var id = await ReportAsync(reporter, Shelter, anonymous: true);
        await RouteAsync(coordinator, id, ministry.InstitutionId, Today.AddDays(10));
        var (reporterName, reporterInstitution) = await DbAsync(async db => (
            await db.Users.Where(u => u.Id == reporter.Id).Select(u => u.DisplayName).SingleAsync(),
            await db.Institutions.Where(i => i.Id == reporter.InstitutionId).Select(i => i.Name).SingleAsync()));

        using (var s = await app.SessionAsync(ministry, "ru"))
        {
            var page = await s.GetAsync($"/Observation/Problems/{id}");
            Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
            Assert.Contains("Night referrals", page.Html, StringComparison.Ordinal);
            Assert.DoesNotContain(reporterName, page.Html, StringComparison.Ordinal);
            Assert.DoesNotContain(reporterInstitution, page.Html, StringComparison.Ordinal);
            Assert.DoesNotContain(reporter.UserName, page.Html, StringComparison.Ordinal);
            Assert.Contains("попросивший не называть", page.Document.QuerySelector("[data-reporter]")!.TextContent, StringComparison.Ordinal);
            Assert.NotNull(page.Document.QuerySelector("form[data-respond-form]"));
            Assert.Null(page.Document.QuerySelector("form[data-route-form]"));
            var list = await s.GetAsync("/Observation/Problems");
            Assert.Single(list.Document.QuerySelectorAll("[data-problem]"));
        }
        using (var s = await app.SessionAsync(coordinatorUser))
        {
            var page = await s.GetAsync($"/Observation/Problems/{id}");
            Assert.Contains(reporterName, page.Document.QuerySelector("[data-reporter]")!.TextContent, StringComparison.Ordinal);
        }
        using (var s = await app.SessionAsync(reporter))
        {
            var page = await s.GetAsync($"/Observation/Problems/{id}");
            Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
            Assert.Null(page.Document.QuerySelector("form[data-respond-form]"));
        }
        foreach (var user in new[] { outsider, auditor })
        {
            using var s = await app.SessionAsync(user);
            Assert.Equal(HttpStatusCode.NotFound, (await s.Client.GetAsync($"/Observation/Problems/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await s.Client.GetAsync($"/Observation/Problems/{Guid.NewGuid()}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await s.Client.GetAsync("/Observation/Progress")).StatusCode);
        }
        // Writes by anyone not allowed are refused as "not found", audited, and change nothing.
        var before = await StateAsync();
        Assert.Null(await Problems(p => p.RespondAsync(CaseSteps.ViewerOf(outsider, Executive), Executive, id, new() { Status = RouteStatus.Resolved, Text = "Not ours but we answer anyway." })));
        Assert.Null(await Problems(p => p.RouteAsync(CaseSteps.ViewerOf(ministry, Executive), Executive, id, new() { InstitutionId = outsider.InstitutionId, Ask = "Routing it on ourselves.", Deadline = Today.AddDays(3) })));
        Assert.Null(await Problems(p => p.CloseAsync(CaseSteps.ViewerOf(reporter, Shelter), Shelter, id, new() { Closure = ProblemClosure.NotActionable, Reason = "Closing my own report." })));
        Assert.Equal(before, await StateAsync());
        Assert.True(await DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == ObservationAudit.Denied.Code && e.TargetId == id && e.ActorUserId == outsider.Id)) >= 2);
        Assert.True(await DbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == ObservationAudit.Reported.Code && e.TargetId == id && e.ActorUserId == reporter.Id)));
    }

    [Fact]
    public async Task Routing_response_and_the_overdue_notice_once_however_often_the_job_runs_and_extensions_are_versioned()
    {
        CultureInfo.CurrentUICulture = new("en");
        var coordinatorUser = await app.CreateUserAsync(InstitutionKind.NationalCoordinator, Coordinator);
        var coordinator = CaseSteps.ViewerOf(coordinatorUser, Coordinator);
        var reporter = await UserOfNewInstitutionAsync(InstitutionKind.Shelter, Shelter);
        var ministry = await UserOfNewInstitutionAsync(InstitutionKind.ExecutiveBody, Executive);
        var police = await UserOfNewInstitutionAsync(InstitutionKind.Police, [RoleCatalog.LawEnforcementOfficer]);
        var id = await ReportAsync(reporter, Shelter);
        var number = await DbAsync(db => db.Problems.Where(p => p.Id == id).Select(p => p.Number).SingleAsync());
        await RouteAsync(coordinator, id, ministry.InstitutionId, Today.AddDays(1));
        await RouteAsync(coordinator, id, police.InstitutionId, Today.AddDays(30));
        Assert.Equal(["InstitutionId"], (await Problems(p => p.RouteAsync(coordinator, Coordinator, id, new() { InstitutionId = ministry.InstitutionId, Ask = "Once more, the same institution.", Deadline = Today.AddDays(5) })))!.Keys);
        Assert.True(await DbAsync(db => db.Notifications.AnyAsync(n => n.RecipientInstitutionId == ministry.InstitutionId && n.Kind == ObservationAudit.RoutedNotice && n.CaseNumber == number)));

        // The police respond at once; the ministry does not, and its deadline passes.
        Assert.Empty((await Problems(p => p.RespondAsync(CaseSteps.ViewerOf(police, RoleCatalog.LawEnforcementOfficer), [RoleCatalog.LawEnforcementOfficer], id,
            new() { Status = RouteStatus.InProgress, Text = "Duty rosters are being drawn up." })))!);
        app.Time.Advance(TimeSpan.FromDays(3));
        int Overdue(AriadneDbContext db, Guid institution) => db.Notifications.Count(n => n.RecipientInstitutionId == institution && n.Kind == ObservationAudit.OverdueNotice && n.CaseNumber == number);
        await Problems(p => p.NotifyOverdueAsync());
        await Problems(p => p.NotifyOverdueAsync());
        var office = coordinatorUser.InstitutionId;
        Assert.Equal((1, 0, 1), await DbAsync(db => Task.FromResult((Overdue(db, ministry.InstitutionId), Overdue(db, police.InstitutionId), Overdue(db, office)))));
        Assert.Equal(1, await DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == ObservationAudit.OverdueNotified.Code && e.TargetId == id && e.Outcome == "allowed")));
        var asks = await Problems(p => p.OpenAsksAsync(CaseSteps.ViewerOf(ministry, Executive), Executive));
        Assert.True(asks.Single(a => a.Id == id).Overdue);
        var home = await Problems(p => p.OfficeHomeAsync(coordinator, Coordinator));
        Assert.Contains(home!.Rows, r => r.Id == id && r.Overdue);
        var overdueList = await Problems(p => p.ListAsync(coordinator, Coordinator, new(OverdueOnly: true)));
        Assert.Contains(overdueList, r => r.Id == id);

        // The Coordinator extends the ministry's deadline: versioned, with the reason; a second post of the same form is refused.
        var route = await DbAsync(db => db.ProblemRoutes.AsNoTracking().SingleAsync(r => r.ProblemId == id && r.InstitutionId == ministry.InstitutionId));
        var extend = new Problems.ExtendInput { RouteId = route.Id, Deadline = Today.AddDays(7), Reason = "The ministry asked for a week to consult the regions.", Version = 1 };
        Assert.Empty((await Problems(p => p.ExtendAsync(coordinator, Coordinator, id, extend)))!);
        var before = await StateAsync();
        Assert.Equal([""], (await Problems(p => p.ExtendAsync(coordinator, Coordinator, id, extend)))!.Keys);
        Assert.Equal(["Deadline"], (await Problems(p => p.ExtendAsync(coordinator, Coordinator, id, new() { RouteId = route.Id, Deadline = Today.AddDays(2), Reason = "Shorter than the deadline now.", Version = 2 })))!.Keys);
        Assert.Equal(before, await StateAsync());
        var extended = await DbAsync(db => db.ProblemRoutes.AsNoTracking().SingleAsync(r => r.Id == route.Id));
        Assert.Equal((2, Today.AddDays(7), (DateTimeOffset?)null), (extended.DeadlineVersion, extended.Deadline, extended.OverdueNotifiedAt));
        var history = await DbAsync(db => db.DeadlineExtensions.Where(x => x.RouteId == route.Id).ToListAsync());
        Assert.Equal((2, route.Deadline, Today.AddDays(7)), (history.Single().Version, history.Single().From, history.Single().To));
        // An analyst may not extend (only the Coordinator).
        var analyst = await app.CreateUserAsync(InstitutionKind.NationalCoordinator, [RoleCatalog.Analyst]);
        Assert.Null(await Problems(p => p.ExtendAsync(CaseSteps.ViewerOf(analyst, RoleCatalog.Analyst), [RoleCatalog.Analyst], id, extend)));

        // Not overdue any more, so no new notice; once the new deadline passes, told once again.
        await Problems(p => p.NotifyOverdueAsync());
        Assert.Equal(1, await DbAsync(db => Task.FromResult(Overdue(db, ministry.InstitutionId))));
        app.Time.Advance(TimeSpan.FromDays(8));
        await Problems(p => p.NotifyOverdueAsync());
        await Problems(p => p.NotifyOverdueAsync());
        Assert.Equal(2, await DbAsync(db => Task.FromResult(Overdue(db, ministry.InstitutionId))));

        // The ministry responds through its page; the Coordinator closes the problem as resolved.
        using (var s = await app.SessionAsync(ministry, "az"))
        {
            var page = await s.GetAsync($"/Observation/Problems/{id}");
            var answer = await s.SubmitAsync(page, "form[data-respond-form]", new Dictionary<string, string> { ["Answer.Status"] = "Resolved", ["Answer.Text"] = "Qaydalara dəyişiklik edildi." });
            Assert.Empty(answer.Errors);
        }
        Assert.Equal(RouteStatus.Resolved, await DbAsync(db => db.ProblemRoutes.Where(r => r.Id == route.Id).Select(r => r.Status).SingleAsync()));
        Assert.Equal(["Closure"], (await Problems(p => p.CloseAsync(CaseSteps.ViewerOf(analyst, RoleCatalog.Analyst), [RoleCatalog.Analyst], id, new() { Closure = ProblemClosure.Resolved, Reason = "The analyst is satisfied." })))!.Keys);
        Assert.Empty((await Problems(p => p.CloseAsync(coordinator, Coordinator, id, new() { Closure = ProblemClosure.Resolved, Reason = "Both institutions answered; the rules are changed." })))!);
        Assert.Equal((ProblemStatus.Closed, (ProblemClosure?)ProblemClosure.Resolved), await DbAsync(async db => await db.Problems.Where(p => p.Id == id).Select(p => new { p.Status, p.Closure }).SingleAsync() is var x ? (x.Status, x.Closure) : default));
        Assert.Equal([""], (await Problems(p => p.RespondAsync(CaseSteps.ViewerOf(police, RoleCatalog.LawEnforcementOfficer), [RoleCatalog.LawEnforcementOfficer], id,
            new() { Status = RouteStatus.Resolved, Text = "Late answer after the close." })))!.Keys);
    }

    [Fact]
    public async Task The_progress_report_matches_an_independent_count_and_its_CSV_is_safe_against_formulas()
    {
        CultureInfo.CurrentUICulture = new("en");
        var coordinatorUser = await app.CreateUserAsync(InstitutionKind.NationalCoordinator, Coordinator);
        var coordinator = CaseSteps.ViewerOf(coordinatorUser, Coordinator);
        var reporter = await UserOfNewInstitutionAsync(InstitutionKind.Shelter, Shelter);
        var evil = await UserOfNewInstitutionAsync(InstitutionKind.ExecutiveBody, Executive, "=HYPERLINK(\"http://x\",\"y\") " + Guid.NewGuid().ToString("N")[..6]);
        var a = await ReportAsync(reporter, Shelter, category: ProblemCategory.Training, title: "+cmd|' /C calc'!A0");
        var b = await ReportAsync(reporter, Shelter, category: ProblemCategory.Training);
        await ReportAsync(reporter, Shelter, category: ProblemCategory.Resources);
        await RouteAsync(coordinator, a, evil.InstitutionId, Today.AddDays(5));
        Assert.Empty((await Problems(p => p.CloseAsync(coordinator, Coordinator, b, new() { Closure = ProblemClosure.NotActionable, Reason = "Outside the mechanism's remit." })))!);
        app.Time.Advance(TimeSpan.FromDays(2));
        Assert.Empty((await Problems(p => p.RespondAsync(CaseSteps.ViewerOf(evil, Executive), Executive, a, new() { Status = RouteStatus.InProgress, Text = "Training plan in preparation." })))!);

        var report = await Problems(p => p.ProgressAsync(coordinator, Coordinator));
        // Independent: every problem read and counted here.
        var all = await DbAsync(db => db.Problems.AsNoTracking().Select(p => new { p.Category, p.Status }).ToListAsync());
        foreach (var row in report!.Categories)
            foreach (var (status, count) in row.Counts)
                Assert.Equal(all.Count(p => p.Category == row.Category && p.Status == status), count);
        Assert.Equal(all.Count, report.Total);
        var evilName = await DbAsync(db => db.Institutions.Where(i => i.Id == evil.InstitutionId).Select(i => i.Name).SingleAsync());
        var line = report.Institutions.Single(i => i.Institution == evilName);
        Assert.Equal((1, 1, 2.0), (line.Routed, line.Responded, line.AverageDays));
        Assert.Null(await Problems(p => p.ProgressAsync(CaseSteps.ViewerOf(reporter, Shelter), Shelter)));

        using var s = await app.SessionAsync(coordinatorUser, "ru");
        var page = await s.GetAsync("/Observation/Progress");
        Assert.Equal(all.Count(p => p.Category == ProblemCategory.Training).ToString(CultureInfo.InvariantCulture),
            page.Document.QuerySelector("[data-category='Training'] [data-count='Total']")!.TextContent.Trim());
        var csv = await s.SubmitAsync(page, "form[data-csv-form]", follow: false);
        Assert.Equal(HttpStatusCode.OK, csv.Response.StatusCode);
        Assert.StartsWith("text/csv", csv.Response.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
        var text = csv.Html;
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.Contains("'=HYPERLINK", StringComparison.Ordinal));
        foreach (var cell in lines.SelectMany(l => l.Split(',')).Select(c => c.TrimStart('"')))
            Assert.False(cell.Length > 0 && "=+-@".Contains(cell[0], StringComparison.Ordinal), cell);
        Assert.DoesNotContain("cmd|", text, StringComparison.Ordinal);
        Assert.True(await DbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == ObservationAudit.Exported.Code && e.ActorUserId == coordinatorUser.Id)));
    }

    [Fact]
    public async Task Bad_input_gets_errors_at_the_top_and_beside_the_fields_and_nothing_is_saved_and_a_form_sent_twice_records_once()
    {
        CultureInfo.CurrentUICulture = new("en");
        var coordinatorUser = await app.CreateUserAsync(InstitutionKind.NationalCoordinator, Coordinator);
        var reporter = await UserOfNewInstitutionAsync(InstitutionKind.Shelter, Shelter);
        var before = await StateAsync();
        var (none, errors) = await Problems(p => p.ReportAsync(CaseSteps.ViewerOf(reporter, Shelter), Shelter, new() { Title = new string('x', 300), Description = "short", Region = (Region)99 }));
        Assert.Null(none);
        Assert.Equal(["Category", "Description", "Region", "Title"], errors!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(before, await StateAsync());

        using var s = await app.SessionAsync(reporter, "az");
        var form = await s.GetAsync("/Observation/Problems/New");
        var refused = await s.SubmitAsync(form, "form[data-report-form]", new Dictionary<string, string> { ["Input.Title"] = "", ["Input.Description"] = "" });
        Assert.True(refused.Errors.Count >= 3);
        Assert.NotNull(refused.FieldError("Input_Title"));
        Assert.NotNull(refused.FieldError("Input_Description"));
        Assert.Equal(before, await StateAsync());

        // The same form, sent twice with its key: one problem.
        var values = new Dictionary<string, string>
        {
            ["Input.Category"] = "LegislationGap",
            ["Input.Title"] = "Qanunda boşluq",
            ["Input.Description"] = "Məcburi əmək üçün cəza maddəsi aydın deyil.",
            ["Input.Anonymous"] = "true",
        };
        var first = await s.SubmitAsync(form, "form[data-report-form]", values);
        Assert.Empty(first.Errors);
        var second = await s.SubmitAsync(form, "form[data-report-form]", values);
        Assert.Empty(second.Errors);
        Assert.Equal(1, await DbAsync(db => db.Problems.CountAsync(p => p.ReporterUserId == reporter.Id)));
        var id = await DbAsync(db => db.Problems.Where(p => p.ReporterUserId == reporter.Id).Select(p => p.Id).SingleAsync());
        Assert.True(await DbAsync(db => db.Problems.Where(p => p.Id == id).Select(p => p.Anonymous).SingleAsync()));

        // The Coordinator's routing form: errors beside the fields; sent twice, one route.
        using var c = await app.SessionAsync(coordinatorUser, "ru");
        var page = await c.GetAsync($"/Observation/Problems/{id}");
        var bad = await c.SubmitAsync(page, "form[data-route-form]", new Dictionary<string, string> { ["Route.Ask"] = "", ["Route.Deadline.Day"] = "31", ["Route.Deadline.Month"] = "02", ["Route.Deadline.Year"] = "2026" });
        Assert.NotEmpty(bad.Errors);
        Assert.NotNull(bad.FieldError("Route_InstitutionId"));
        Assert.NotNull(bad.FieldError("Route_Ask"));
        Assert.Equal(0, await DbAsync(db => db.ProblemRoutes.CountAsync(r => r.ProblemId == id)));
        var ministry = await UserOfNewInstitutionAsync(InstitutionKind.ExecutiveBody, Executive);
        page = await c.GetAsync($"/Observation/Problems/{id}");
        var due = Today.AddDays(10);
        var route = new Dictionary<string, string>
        {
            ["Route.InstitutionId"] = ministry.InstitutionId.ToString(),
            ["Route.Ask"] = "Подготовьте предложения по поправке.",
            ["Route.Deadline.Day"] = due.Day.ToString(CultureInfo.InvariantCulture),
            ["Route.Deadline.Month"] = due.Month.ToString(CultureInfo.InvariantCulture),
            ["Route.Deadline.Year"] = due.Year.ToString(CultureInfo.InvariantCulture),
        };
        Assert.Empty((await c.SubmitAsync(page, "form[data-route-form]", route)).Errors);
        Assert.Empty((await c.SubmitAsync(page, "form[data-route-form]", route)).Errors);
        Assert.Equal(1, await DbAsync(db => db.ProblemRoutes.CountAsync(r => r.ProblemId == id)));
        Assert.Equal(1, await DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == ObservationAudit.Routed.Code && e.TargetId == id)));
    }
}

// On PostgreSQL only (the production database): this class tests a feature, not the database. Its pages' queries run on SQLite
// too, in the sweep of every handler (SweepTests) and the crawl of every page by every role (UniqueIdTests).
public sealed class ObservationTestsOnPostgres(PostgresApp app) : ObservationTests(app), IClassFixture<PostgresApp>;
