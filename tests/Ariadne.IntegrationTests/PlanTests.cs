using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Coordination;
using Ariadne.Web.Features.Identification;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>
/// The national action plan (issue 16 §1): the shipped 2004 plan imports completely in three languages and again without
/// duplicates; a malformed file is refused with the place of each error and nothing saved; status changes need evidence,
/// are versioned, and a stale or retried change is refused; only the responsible institution and partners (and the
/// Coordinator's office) see a measure, on pages and the API alike; computed indicators equal an independent count and
/// small counts are suppressed; typed actuals and recommendations with their progress.
/// </summary>
public abstract class PlanTests(AriadneApp app)
{
    private static readonly string[] Coordinator = [RoleCatalog.Coordinator];
    private static readonly string[] Executive = [RoleCatalog.ExecutiveOfficer];

    private Task<T> Plans<T>(Func<ActionPlans, Task<T>> call) => app.WithScopeAsync(sp => call(sp.GetRequiredService<ActionPlans>()));

    private Task<T> DbAsync<T>(Func<AriadneDbContext, Task<T>> query) => app.WithScopeAsync(sp => query(sp.GetRequiredService<AriadneDbContext>()));

    /// <summary>The UTC day: never after the deployment's day, so good for "not in the future".</summary>
    private DateOnly Today => DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime);

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
            var i = new Institution { Name = "Plan " + Guid.NewGuid().ToString("N")[..8], Code = "P-" + Guid.NewGuid().ToString("N")[..6], Kind = kind, CreatedAt = app.Time.GetUtcNow() };
            db.Institutions.Add(i);
            await db.SaveChangesAsync();
            var u = await db.Users.FirstAsync(x => x.Id == user.Id);
            u.InstitutionId = i.Id;
            await db.SaveChangesAsync();
            return i.Id;
        });
        return user with { InstitutionId = institution };
    }

    /// <summary>The shipped plan, imported (idempotent), and the id of one of its measures.</summary>
    private async Task<Guid> SeededMeasureAsync(Viewer coordinator, string code)
    {
        var (result, errors) = await app.WithScopeAsync(sp => sp.GetRequiredService<PlanImport>().ImportAsync(coordinator,
            new ActionPlans.Standing(coordinator.InstitutionId, true, true, true, false), PlanImport.Seed()));
        Assert.Empty(errors!);
        Assert.NotNull(result);
        return await DbAsync(db => db.PlanMeasures.Where(m => m.Code == code).Select(m => m.Id).SingleAsync());
    }

    /// <summary>Assigns the measure to an institution (and partners) as the Coordinator.</summary>
    private async Task AssignAsync(Viewer coordinator, Guid measureId, Guid responsible, params Guid[] partners) =>
        Assert.Empty((await Plans(p => p.EditAsync(coordinator, Coordinator, measureId, new() { ResponsibleInstitutionId = responsible, Partners = [.. partners] })))!);

    private Task<string> StateAsync() => DbAsync(async db =>
        $"{await db.ActionPlans.CountAsync()}|{await db.PlanObjectives.CountAsync()}|{await db.PlanMeasures.CountAsync()}|{await db.PlanMeasurePartners.CountAsync()}"
        + $"|{await db.MeasureStatusChanges.CountAsync()}|{await db.IndicatorActuals.CountAsync()}|{await db.Recommendations.CountAsync()}|{await db.RecommendationMeasures.CountAsync()}"
        + "|" + string.Join(",", await db.PlanMeasures.OrderBy(m => m.Id).Select(m => m.Status + ":" + m.Version).ToListAsync()));

    [Fact]
    public async Task The_shipped_plan_imports_completely_in_three_languages_and_again_without_duplicates()
    {
        var (_, coordinator) = await CoordinatorAsync();
        // An independent reading of the file: every objective and measure code in it.
        using var json = JsonDocument.Parse(PlanImport.Seed());
        var objectives = json.RootElement.GetProperty("objectives").EnumerateArray().ToList();
        var codes = objectives.SelectMany(o => o.GetProperty("measures").EnumerateArray().Select(m => m.GetProperty("code").GetString()!)).ToList();
        Assert.True(codes.Count >= 20, $"only {codes.Count} measures in the shipped plan");
        // The plan's sections are all there: law, coordination, the Squad, shelters and the helpline, training, resources, awareness.
        Assert.Equal(["2", "3", "3a", "3b", "3c", "3d", "4", "5", "6", "7"], objectives.Select(o => o.GetProperty("code").GetString()!));

        var measureId = await SeededMeasureAsync(coordinator, "6.3");
        var planId = await DbAsync(db => db.ActionPlans.Where(p => p.Code == "NAP-2004").Select(p => p.Id).SingleAsync());
        var objectiveIds = await DbAsync(db => db.PlanObjectives.Where(o => o.PlanId == planId).Select(o => o.Id).ToListAsync());
        Assert.Equal(objectives.Count, objectiveIds.Count);
        var measures = await DbAsync(db => db.PlanMeasures.Where(m => objectiveIds.Contains(m.ObjectiveId)).ToListAsync());
        Assert.Equal(codes.Order(StringComparer.Ordinal), measures.Select(m => m.Code).Order(StringComparer.Ordinal));
        foreach (var m in measures)
        {
            Assert.Matches("[əığşçöüƏİĞŞÇÖÜ]", m.TitleAz + m.IndicatorAz);
            Assert.Matches("[а-яА-Я]", m.TitleRu);
            Assert.Matches("[а-яА-Я]", m.IndicatorRu);
            Assert.Matches("^[\\x20-\\x7E]+$", m.TitleEn);
            Assert.NotEqual(m.TitleEn, m.TitleAz);
        }
        // The responsible institution is assigned by kind where the deployment has one.
        var helpline = await app.CreateUserAsync(InstitutionKind.Helpline, [RoleCatalog.HelplineSupervisor]);
        Assert.Contains(measures, m => m.ResponsibleInstitutionId != null);

        // A status change, then the same file again: nothing duplicated, the status and version kept.
        Assert.Empty((await Plans(p => p.ChangeStatusAsync(coordinator, Coordinator, measureId, new() { To = MeasureStatus.InProgress, On = Today, Evidence = "Roster covers every hour.", Version = 1 })))!);
        var before = await StateAsync();
        var (again, errors) = await app.WithScopeAsync(sp => sp.GetRequiredService<PlanImport>().ImportAsync(coordinator,
            new ActionPlans.Standing(coordinator.InstitutionId, true, true, true, false), PlanImport.Seed()));
        Assert.Empty(errors!);
        Assert.Equal(0, again!.MeasuresAdded);
        Assert.Equal(codes.Count, again.MeasuresUpdated);
        Assert.Equal(before, await StateAsync());
        var kept = await DbAsync(db => db.PlanMeasures.AsNoTracking().SingleAsync(m => m.Id == measureId));
        Assert.Equal((MeasureStatus.InProgress, 2), (kept.Status, kept.Version));
        Assert.True(await DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == PlanAudit.Imported.Code && e.TargetId == planId)) >= 2);

        // The page shows it in each language.
        foreach (var (culture, word) in new[] { ("az", "Fəaliyyət"), ("ru", "Национальный план"), ("en", "National Action Plan") })
        {
            var user = await app.CreateUserAsync(InstitutionKind.NationalCoordinator, [RoleCatalog.Analyst]);
            using var session = await app.SessionAsync(user, culture);
            var page = await session.GetAsync("/Coordination/Plan");
            Assert.Contains(word, page.Document.Body!.TextContent, StringComparison.Ordinal);
            Assert.Equal(codes.Count, page.Document.QuerySelectorAll("[data-measure]").Length);
        }
        _ = helpline;
    }

    [Fact]
    public async Task A_malformed_plan_file_is_refused_with_the_place_of_each_error_and_nothing_is_saved()
    {
        CultureInfo.CurrentUICulture = new("en");
        var (coordinatorUser, coordinator) = await CoordinatorAsync();
        await SeededMeasureAsync(coordinator, "2.1");
        var before = await StateAsync();
        var standing = new ActionPlans.Standing(coordinator.InstitutionId, true, true, true, false);
        Task<(PlanImport.Result?, List<string>?)> Import(string json) => app.WithScopeAsync(sp => sp.GetRequiredService<PlanImport>().ImportAsync(coordinator, standing, json));

        var (r1, notJson) = await Import("{\"code\": \"X\", \"objectives\": [");
        Assert.Null(r1);
        Assert.Contains("not valid JSON", Assert.Single(notJson!), StringComparison.Ordinal);
        // A value of the wrong shape names its place too.
        var (r0, shape) = await Import("{\"code\": \"X\", \"source\": \"only one language\"}");
        Assert.Null(r0);
        Assert.Contains("$.source", Assert.Single(shape!), StringComparison.Ordinal);

        var bad = """
        {"code": "BAD-1", "title": {"az": "Plan", "ru": "План", "en": "Plan"}, "source": {"az": "t", "ru": "т", "en": "t"}, "firstYear": 2004,
         "objectives": [{"code": "1", "title": {"az": "Məqsəd", "en": "Objective"}, "measures": [
           {"code": "1.1", "title": {"az": "A", "ru": "Б", "en": "A"}, "indicator": {"az": "x", "ru": "у", "en": "x"}, "responsible": "Nowhere", "target": -5},
           {"code": "1.1", "title": {"az": "A", "ru": "Б", "en": "A"}, "indicator": {"az": "x", "ru": "у", "en": "x"}, "computed": "Everything"}]}]}
        """;
        var (r2, errors) = await Import(bad);
        Assert.Null(r2);
        Assert.Contains(errors!, e => e.StartsWith("objectives[0].title.ru", StringComparison.Ordinal));
        Assert.Contains(errors!, e => e.StartsWith("objectives[0].measures[0].responsible", StringComparison.Ordinal) && e.Contains("Nowhere", StringComparison.Ordinal));
        Assert.Contains(errors!, e => e.StartsWith("objectives[0].measures[0].target", StringComparison.Ordinal));
        Assert.Contains(errors!, e => e.StartsWith("objectives[0].measures[1].code", StringComparison.Ordinal));
        Assert.Contains(errors!, e => e.StartsWith("objectives[0].measures[1].computed", StringComparison.Ordinal));
        Assert.Equal(before, await StateAsync());

        // Through the page, in Russian: the errors above the form and beside the field; nothing saved.
        using var session = await app.SessionAsync(coordinatorUser, "ru");
        var page = await session.GetAsync("/Coordination/Plan");
        var answer = await session.SubmitAsync(page, "form[data-import-form]", files: [("Upload", "plan.json", System.Text.Encoding.UTF8.GetBytes(bad))]);
        Assert.NotNull(answer.Document.QuerySelector(".govuk-error-summary"));
        Assert.Contains("отсутствует", answer.Document.QuerySelector("[data-import-errors]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync());

        // Anyone but the Coordinator: not found, nothing saved.
        var analyst = await app.CreateUserAsync(InstitutionKind.NationalCoordinator, [RoleCatalog.Analyst]);
        var (r3, none) = await app.WithScopeAsync(async sp => await sp.GetRequiredService<PlanImport>().ImportAsync(CaseSteps.ViewerOf(analyst, RoleCatalog.Analyst),
            await sp.GetRequiredService<ActionPlans>().StandingAsync(CaseSteps.ViewerOf(analyst, RoleCatalog.Analyst), [RoleCatalog.Analyst]), PlanImport.Seed()));
        Assert.Null(r3);
        Assert.Null(none);
        using var analystSession = await app.SessionAsync(analyst);
        var analystPage = await analystSession.GetAsync("/Coordination/Plan");
        Assert.Null(analystPage.Document.QuerySelector("form[data-seed-form]"));
        // The seed form is not shown; posting it anyway (with the page's antiforgery token on the filter form) is a 404.
        var token = analystPage.Document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");
        using var forged = await analystSession.Client.PostAsync("/Coordination/Plan?handler=Seed",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token ?? "")]));
        Assert.True(forged.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, forged.StatusCode.ToString());
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task Status_changes_need_evidence_are_versioned_and_a_stale_or_retried_change_is_refused()
    {
        CultureInfo.CurrentUICulture = new("en");
        var (_, coordinator) = await CoordinatorAsync();
        var measureId = await SeededMeasureAsync(coordinator, "2.2");
        var ministryUser = await UserOfNewInstitutionAsync(InstitutionKind.ExecutiveBody, Executive);
        var ministry = CaseSteps.ViewerOf(ministryUser, Executive);
        await AssignAsync(coordinator, measureId, ministryUser.InstitutionId);
        var version = await DbAsync(db => db.PlanMeasures.Where(m => m.Id == measureId).Select(m => m.Version).SingleAsync());
        var status = await DbAsync(db => db.PlanMeasures.Where(m => m.Id == measureId).Select(m => m.Status).SingleAsync());
        var to = status == MeasureStatus.InProgress ? MeasureStatus.Delayed : MeasureStatus.InProgress;
        var changes = await DbAsync(db => db.MeasureStatusChanges.CountAsync(c => c.MeasureId == measureId));

        // No evidence, a day in the future, no status: refused by field, nothing saved.
        CultureInfo.CurrentUICulture = new("az");
        var bad = await Plans(p => p.ChangeStatusAsync(ministry, Executive, measureId, new() { On = Today.AddDays(2), Evidence = "ok", Version = version }));
        Assert.Equal(["Evidence", "On", "To"], bad!.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("simvol", bad["Evidence"][0], StringComparison.Ordinal);
        CultureInfo.CurrentUICulture = new("en");
        Assert.Equal(changes, await DbAsync(db => db.MeasureStatusChanges.CountAsync(c => c.MeasureId == measureId)));

        var change = new ActionPlans.StatusInput { To = to, On = Today, Evidence = "Draft rules sent to the Cabinet of Ministers.", Reference = "No. 12/2026", Version = version };
        Assert.Empty((await Plans(p => p.ChangeStatusAsync(ministry, Executive, measureId, change)))!);
        // The same post again (a retry, or a second tab at the old version): refused, nothing added.
        Assert.Contains("meanwhile", (await Plans(p => p.ChangeStatusAsync(ministry, Executive, measureId, change)))![""][0], StringComparison.Ordinal);
        var rows = await DbAsync(db => db.MeasureStatusChanges.Where(c => c.MeasureId == measureId).OrderBy(c => c.Version).ToListAsync());
        Assert.Equal(changes + 1, rows.Count);
        Assert.Equal((status, to, version + 1, ministryUser.Id, "No. 12/2026"), (rows[^1].From, rows[^1].To, rows[^1].Version, rows[^1].ChangedBy, rows[^1].Reference));

        // The responsible institution neither cancels nor reopens; the Coordinator does.
        var cancel = await Plans(p => p.ChangeStatusAsync(ministry, Executive, measureId, new() { To = MeasureStatus.Cancelled, On = Today, Evidence = "No longer needed at all.", Version = version + 1 }));
        Assert.Equal(["To"], cancel!.Keys);
        Assert.Empty((await Plans(p => p.ChangeStatusAsync(ministry, Executive, measureId, new() { To = MeasureStatus.Completed, On = Today, Evidence = "Rules adopted by the Cabinet.", Version = version + 1 })))!);
        Assert.Equal(["To"], (await Plans(p => p.ChangeStatusAsync(ministry, Executive, measureId, new() { To = MeasureStatus.InProgress, On = Today, Evidence = "Rules to be revised.", Version = version + 2 })))!.Keys);
        Assert.Empty((await Plans(p => p.ChangeStatusAsync(coordinator, Coordinator, measureId, new() { To = MeasureStatus.InProgress, On = Today, Evidence = "Reopened: GRETA asked for more.", Version = version + 2 })))!);

        // The timeline, in order, on the measure's page; each change audited.
        var view = await Plans(p => p.ReadAsync(ministry, Executive, measureId));
        Assert.Equal([to, MeasureStatus.Completed, MeasureStatus.InProgress], view!.Timeline.TakeLast(3).Select(c => c.To));
        Assert.Equal(version + 3, view.Version);
        Assert.Equal(changes + 3, await DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == PlanAudit.StatusChanged.Code && e.TargetId == measureId)));
        using var session = await app.SessionAsync(ministryUser, "ru");
        var page = await session.GetAsync($"/Coordination/Plan/Measures/{measureId}");
        Assert.Equal(changes + 3, page.Document.QuerySelectorAll("[data-timeline] li").Length);
        // The page's form carries the version read: posting it works once, then the second post is refused and changes nothing.
        var form = new Dictionary<string, string> { ["Change.To"] = "Delayed", ["Change.On"] = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["Change.Evidence"] = "Review postponed to next quarter." };
        var first = await session.SubmitAsync(page, "form[data-status-form]", form);
        Assert.Contains("записано", first.Document.Body!.TextContent, StringComparison.Ordinal);
        var second = await session.SubmitAsync(page, "form[data-status-form]", form);
        Assert.NotNull(second.Document.QuerySelector(".govuk-error-summary"));
        Assert.Equal(version + 4, await DbAsync(db => db.PlanMeasures.Where(m => m.Id == measureId).Select(m => m.Version).SingleAsync()));
    }

    [Fact]
    public async Task Only_the_responsible_institution_its_partners_and_the_Coordinators_office_see_a_measure()
    {
        CultureInfo.CurrentUICulture = new("en");
        var (_, coordinator) = await CoordinatorAsync();
        var measureId = await SeededMeasureAsync(coordinator, "3.2");
        var responsible = await UserOfNewInstitutionAsync(InstitutionKind.ExecutiveBody, Executive);
        var partner = await UserOfNewInstitutionAsync(InstitutionKind.InternationalPartner, [RoleCatalog.PartnerOfficer]);
        var outsider = await UserOfNewInstitutionAsync(InstitutionKind.ExecutiveBody, Executive);
        var shelter = await UserOfNewInstitutionAsync(InstitutionKind.Shelter, [RoleCatalog.ShelterManager]);
        await AssignAsync(coordinator, measureId, responsible.InstitutionId, partner.InstitutionId);
        // An administrator and an auditor placed in the responsible institution still see nothing of the plan.
        var admin = await app.CreateUserAsync(InstitutionKind.PlatformAdministration, [RoleCatalog.Administrator]);
        await DbAsync(async db => { (await db.Users.FirstAsync(u => u.Id == admin.Id)).InstitutionId = responsible.InstitutionId; return await db.SaveChangesAsync(); });
        admin = admin with { InstitutionId = responsible.InstitutionId };
        var analyst = await app.CreateUserAsync(InstitutionKind.NationalCoordinator, [RoleCatalog.Analyst]);

        async Task<bool> Sees(TestUser u, string[] roles) => await Plans(p => p.ReadAsync(CaseSteps.ViewerOf(u, roles), roles, measureId)) is not null;
        Assert.True(await Sees(responsible, Executive));
        Assert.True(await Sees(partner, [RoleCatalog.PartnerOfficer]));
        Assert.True(await Sees(analyst, [RoleCatalog.Analyst]));
        Assert.False(await Sees(outsider, Executive));
        Assert.False(await Sees(shelter, [RoleCatalog.ShelterManager]));
        Assert.False(await Sees(admin, [RoleCatalog.Administrator]));
        Assert.DoesNotContain((await Plans(p => p.ListAsync(CaseSteps.ViewerOf(outsider, Executive), Executive))).Objectives.SelectMany(o => o.Measures), m => m.Id == measureId);
        Assert.Contains((await Plans(p => p.ListAsync(CaseSteps.ViewerOf(partner, RoleCatalog.PartnerOfficer), [RoleCatalog.PartnerOfficer]))).Objectives.SelectMany(o => o.Measures), m => m.Id == measureId);

        // Nobody but the responsible institution's lead and the Coordinator writes: the partner, the analyst and outsiders get "not found".
        var before = await StateAsync();
        var change = new ActionPlans.StatusInput { To = MeasureStatus.Delayed, On = Today, Evidence = "A change by someone not allowed.", Version = 2 };
        foreach (var (u, roles) in new[] { (partner, new[] { RoleCatalog.PartnerOfficer }), (analyst, new[] { RoleCatalog.Analyst }), (outsider, Executive), (admin, new[] { RoleCatalog.Administrator }) })
        {
            Assert.Null(await Plans(p => p.ChangeStatusAsync(CaseSteps.ViewerOf(u, roles), roles, measureId, change)));
            Assert.Null(await Plans(p => p.RecordActualAsync(CaseSteps.ViewerOf(u, roles), roles, measureId, new() { Year = Today.Year, Value = 3 })));
            Assert.Null(await Plans(p => p.EditAsync(CaseSteps.ViewerOf(u, roles), roles, measureId, new() { ResponsibleInstitutionId = u.InstitutionId })));
        }
        Assert.Null(await Plans(p => p.EditAsync(CaseSteps.ViewerOf(responsible, Executive), Executive, measureId, new() { ResponsibleInstitutionId = responsible.InstitutionId })));
        Assert.Equal(before, await StateAsync());
        Assert.True(await DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == PlanAudit.Denied.Code && e.TargetId == measureId && e.ActorUserId == outsider.Id)) >= 4);

        // Pages: the outsider's 404 is the same as for an id that does not exist; the partner reads without forms.
        using (var s = await app.SessionAsync(outsider))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await s.Client.GetAsync($"/Coordination/Plan/Measures/{measureId}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await s.Client.GetAsync($"/Coordination/Plan/Measures/{Guid.NewGuid()}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await s.Client.GetAsync("/Coordination/Plan/Recommendations")).StatusCode);
            var list = await s.GetAsync("/Coordination/Plan");
            Assert.Empty(list.Document.QuerySelectorAll($"a[href*='{measureId}']"));
        }
        using (var s = await app.SessionAsync(partner))
        {
            var page = await s.GetAsync($"/Coordination/Plan/Measures/{measureId}");
            Assert.Null(page.Document.QuerySelector("form[data-status-form]"));
            Assert.Null(page.Document.QuerySelector("form[data-edit-form]"));
        }

        // The API: same rules; a token's scope alone opens nothing.
        var outsiderToken = await app.TokenAsync(outsider, "plan.read plan.write");
        var responsibleToken = await app.TokenAsync(responsible, "plan.read plan.write");
        using var client = app.CreateClient();
        HttpRequestMessage Get(string url, string token) => new(HttpMethod.Get, url) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(Get($"/api/v1/plan/measures/{measureId}", outsiderToken))).StatusCode);
        var outsiderList = await (await client.SendAsync(Get("/api/v1/plan/measures", outsiderToken))).Content.ReadAsStringAsync();
        Assert.DoesNotContain(measureId.ToString(), outsiderList, StringComparison.Ordinal);
        using var post = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/plan/measures/{measureId}/status")
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", outsiderToken) },
            Content = JsonContent.Create(new { to = "Delayed", on = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), evidence = "Trying from outside.", version = 2 }),
        };
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(post)).StatusCode);
        Assert.Equal(before, await StateAsync());

        var mine = await client.SendAsync(Get($"/api/v1/plan/measures/{measureId}", responsibleToken));
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        using var doc = JsonDocument.Parse(await mine.Content.ReadAsStringAsync());
        var current = doc.RootElement.GetProperty("version").GetInt32();
        HttpRequestMessage Status(int v) => new(HttpMethod.Post, $"/api/v1/plan/measures/{measureId}/status")
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", responsibleToken) },
            Content = JsonContent.Create(new { to = "Delayed", on = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), evidence = "Partner's report came late.", version = v }),
        };
        var ok = await client.SendAsync(Status(current));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.SendAsync(Status(current))).StatusCode); // the retry
        Assert.Equal(current + 1, await DbAsync(db => db.PlanMeasures.Where(m => m.Id == measureId).Select(m => m.Version).SingleAsync()));
        using var badBody = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/plan/measures/{measureId}/status")
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", responsibleToken) },
            Content = JsonContent.Create(new { to = "Delayed", version = current + 1 }),
        };
        var refused = await client.SendAsync(badBody);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("evidence", (await refused.Content.ReadAsStringAsync()).ToLowerInvariant(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Computed_indicators_equal_an_independent_count_small_counts_are_suppressed_and_typed_actuals_are_checked()
    {
        CultureInfo.CurrentUICulture = new("en");
        var (_, coordinator) = await CoordinatorAsync();
        var referralsMeasure = await SeededMeasureAsync(coordinator, "3a.2");
        var trainingMeasure = await SeededMeasureAsync(coordinator, "3c.1");
        var identifiedMeasure = await SeededMeasureAsync(coordinator, "3a.1");
        var meetingsMeasure = await SeededMeasureAsync(coordinator, "4.2");
        var year = Today.Year;

        // Case data: referrals from a border officer, staff with training, one identification as a victim.
        await app.DutyOfficerAsync(); // the Squad that receives the referrals
        var border = await app.BorderOfficerAsync();
        for (var i = 0; i < 4; i++)
            await app.ReferAsync(border, ReferralSteps.SampleReferral("plan" + i));
        for (var i = 0; i < 3; i++)
            await app.CreateUserAsync(InstitutionKind.Shelter, [RoleCatalog.SocialWorker], [TrainingTopic.VictimAssistance]);
        var (investigator, view) = await app.NewCaseAsync(CaseSteps.SampleInput("plan-id"));
        Assert.Empty((await app.WithScopeAsync(sp => sp.GetRequiredService<IdentificationService>().DecideAsync(CaseSteps.ViewerOf(investigator, RoleCatalog.Investigator), view.Id,
            new() { Status = Ariadne.Web.Features.Cases.TraffickingStatus.Actual, DecidedOn = Today, Rationale = "Interview and documents show forced labour." })))!);

        // The independent count: every row read back and counted here by the deployment's (Baku) calendar year.
        var baku = TimeSpan.FromHours(4);
        var referrals = (await DbAsync(db => db.Referrals.Select(r => r.ReceivedAt).ToListAsync())).Count(t => t.ToOffset(baku).Year == year);
        var trainings = (await DbAsync(db => db.Trainings.Select(t => t.CompletedOn).ToListAsync())).Count(d => d.Year == year);
        var decisions = await DbAsync(db => db.IdentificationDecisions.ToListAsync());
        var identified = decisions.Count(d => d.Status == Ariadne.Web.Features.Cases.TraffickingStatus.Actual && d.DecidedOn.Year == year && decisions.All(n => n.SupersedesId != d.Id));
        Assert.True(referrals >= 4 && trainings >= 3 && identified >= 1);
        Assert.Equal(referrals, await Plans(p => p.ComputeAsync(ComputedIndicator.ReferralsReceived, year)));
        Assert.Equal(trainings, await Plans(p => p.ComputeAsync(ComputedIndicator.TrainingsCompleted, year)));
        Assert.Equal(identified, await Plans(p => p.ComputeAsync(ComputedIndicator.VictimsIdentified, year)));
        Assert.Equal(0, await Plans(p => p.ComputeAsync(ComputedIndicator.ReferralsReceived, 2004)));

        // On the measure: this year's computed count, suppressed when it is one or two.
        var shown = (await Plans(p => p.ReadAsync(coordinator, Coordinator, referralsMeasure)))!.Actuals.Single(a => a.Year == year);
        Assert.Equal((decimal)referrals, shown.Value);
        Assert.True(shown.Computed);
        Assert.Equal(new ActionPlans.Progress(year, null, true, true, null), ActionPlans.Shown(year, 2));
        Assert.Equal(new ActionPlans.Progress(year, null, true, true, null), ActionPlans.Shown(year, 1));
        Assert.Equal(new ActionPlans.Progress(year, 0, true, false, null), ActionPlans.Shown(year, 0));
        Assert.Equal(new ActionPlans.Progress(year, 3, true, false, null), ActionPlans.Shown(year, 3));
        var identifiedShown = (await Plans(p => p.ReadAsync(coordinator, Coordinator, identifiedMeasure)))!.Actuals.Single(a => a.Year == year);
        Assert.Equal(identified < 3, identifiedShown.Suppressed);
        _ = trainingMeasure;

        // A computed indicator is never typed in.
        var before = await StateAsync();
        Assert.True((await Plans(p => p.RecordActualAsync(coordinator, Coordinator, referralsMeasure, new() { Year = year, Value = 99 })))!.ContainsKey(""));
        // A typed one: bad input refused by field, nothing saved; a good figure saved once, the same again changes nothing.
        var bad = await Plans(p => p.RecordActualAsync(coordinator, Coordinator, meetingsMeasure, new() { Year = 1999, Value = -1, Note = new string('n', 501) }));
        Assert.Equal(["Note", "Value", "Year"], bad!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(before, await StateAsync());
        Assert.Empty((await Plans(p => p.RecordActualAsync(coordinator, Coordinator, meetingsMeasure, new() { Year = year, Value = 3, Note = "Minutes of three meetings" })))!);
        Assert.Empty((await Plans(p => p.RecordActualAsync(coordinator, Coordinator, meetingsMeasure, new() { Year = year, Value = 3, Note = "Minutes of three meetings" })))!);
        Assert.Equal(1, await DbAsync(db => db.IndicatorActuals.CountAsync(a => a.MeasureId == meetingsMeasure && a.Year == year)));
        Assert.Equal(3m, (await Plans(p => p.ReadAsync(coordinator, Coordinator, meetingsMeasure)))!.Actuals.Single(a => a.Year == year).Value);
    }

    [Fact]
    public async Task Recommendations_are_linked_to_the_measures_that_answer_them_and_show_their_progress()
    {
        CultureInfo.CurrentUICulture = new("en");
        var (coordinatorUser, coordinator) = await CoordinatorAsync();
        var a = await SeededMeasureAsync(coordinator, "5.3");
        var b = await SeededMeasureAsync(coordinator, "4.4");
        var reference = "GRETA(2018)8, para. " + Guid.NewGuid().ToString("N")[..6];
        var bad = await Plans(p => p.AddRecommendationAsync(coordinator, Coordinator, new() { Reference = "", Year = 1800, Text = "short", Measures = [Guid.NewGuid()] }));
        Assert.Equal(["Body", "Measures", "Reference", "Text", "Year"], bad!.Keys.Order(StringComparer.Ordinal));
        var input = new ActionPlans.RecommendationInput
        {
            Body = RecommendationBody.Greta,
            Reference = reference,
            Year = 2018,
            Text = "Develop a comprehensive statistical system on victims, investigations and prosecutions.",
            Measures = [a, b],
        };
        Assert.Empty((await Plans(p => p.AddRecommendationAsync(coordinator, Coordinator, input)))!);
        Assert.Equal(["Reference"], (await Plans(p => p.AddRecommendationAsync(coordinator, Coordinator, input)))!.Keys); // the same again
        Assert.Equal(1, await DbAsync(db => db.Recommendations.CountAsync(r => r.Reference == reference)));

        var row = (await Plans(p => p.RecommendationsAsync(coordinator, Coordinator)))!.Single(r => r.Reference == reference);
        var completedBefore = row.Completed;
        var version = await DbAsync(db => db.PlanMeasures.Where(m => m.Id == a).Select(m => new { m.Version, m.Status }).SingleAsync());
        if (version.Status != MeasureStatus.Completed)
            Assert.Empty((await Plans(p => p.ChangeStatusAsync(coordinator, Coordinator, a, new() { To = MeasureStatus.Completed, On = Today, Evidence = "The unique database is in operation.", Version = version.Version })))!);
        row = (await Plans(p => p.RecommendationsAsync(coordinator, Coordinator)))!.Single(r => r.Reference == reference);
        Assert.Equal(2, row.Measures);
        Assert.True(row.Completed >= 1 && row.Completed >= completedBefore);
        Assert.Equal(row.Completed * 100 / 2, row.Percent);

        // Unlinking one, twice: the second changes nothing.
        Assert.Empty((await Plans(p => p.LinkAsync(coordinator, Coordinator, row.Id, b, false)))!);
        Assert.Empty((await Plans(p => p.LinkAsync(coordinator, Coordinator, row.Id, b, false)))!);
        Assert.Equal(1, await DbAsync(db => db.RecommendationMeasures.CountAsync(l => l.RecommendationId == row.Id)));

        // The measure's page names it; the analyst reads the list; the ministry gets 404.
        Assert.Contains((await Plans(p => p.ReadAsync(coordinator, Coordinator, a)))!.Recommendations, r => r.Reference == reference);
        var analyst = await app.CreateUserAsync(InstitutionKind.NationalCoordinator, [RoleCatalog.Analyst]);
        Assert.NotNull(await Plans(p => p.RecommendationsAsync(CaseSteps.ViewerOf(analyst, RoleCatalog.Analyst), [RoleCatalog.Analyst])));
        var ministry = await UserOfNewInstitutionAsync(InstitutionKind.ExecutiveBody, Executive);
        Assert.Null(await Plans(p => p.RecommendationsAsync(CaseSteps.ViewerOf(ministry, Executive), Executive)));
        Assert.Null(await Plans(p => p.AddRecommendationAsync(CaseSteps.ViewerOf(analyst, RoleCatalog.Analyst), [RoleCatalog.Analyst], input)));
        using var session = await app.SessionAsync(coordinatorUser, "az");
        var page = await session.GetAsync("/Coordination/Plan/Recommendations");
        Assert.NotNull(page.Document.QuerySelector($"[data-recommendation='{reference}']"));
    }

    [Fact]
    public async Task The_coordinator_adds_a_measure_once_with_its_three_languages_and_bad_input_saves_nothing()
    {
        var (_, coordinator) = await CoordinatorAsync();
        // A plan of its own, older than any other so that it never becomes the current one of the other tests.
        var objectiveId = await DbAsync(async db =>
        {
            var plan = new ActionPlan { Code = "T-" + Guid.NewGuid().ToString("N")[..6], TitleAz = "Sınaq", TitleRu = "Тест", TitleEn = "Test", FirstYear = 1999, ImportedAt = app.Time.GetUtcNow() };
            var objective = new PlanObjective { PlanId = plan.Id, Code = "9", Order = 1, TitleAz = "Məqsəd", TitleRu = "Цель", TitleEn = "Objective" };
            db.Add(plan);
            db.Add(objective);
            await db.SaveChangesAsync();
            return objective.Id;
        });
        Task<int> CountAsync() => DbAsync(db => db.PlanMeasures.CountAsync(m => m.ObjectiveId == objectiveId));
        var good = new ActionPlans.NewMeasureInput
        {
            ObjectiveId = objectiveId,
            Code = "9.1",
            TitleAz = "Qaynar xəttin gecə növbəsi",
            TitleRu = "Ночная смена горячей линии",
            TitleEn = "The helpline's night shift",
            IndicatorAz = "Növbələrin sayı",
            IndicatorRu = "Число смен",
            IndicatorEn = "Shifts covered",
        };
        var key = new Ariadne.Web.Platform.Api.IdempotentRequest("form-" + Guid.NewGuid().ToString("N"), "h-" + Guid.NewGuid().ToString("N"), nameof(PlanMeasure));

        // Bad input: every field named, nothing saved.
        var (none, errors) = await Plans(p => p.AddMeasureAsync(coordinator, Coordinator, new() { ObjectiveId = Guid.NewGuid(), Code = "9 1;", TitleAz = "a", IndicatorRu = "только один" }));
        Assert.Null(none);
        Assert.Equal(["Code", "IndicatorAz", "IndicatorEn", "ObjectiveId", "TitleEn", "TitleRu"], errors!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0, await CountAsync());

        // Someone outside the Coordinator's office: a 404, nothing saved.
        var executive = await app.CreateUserAsync(InstitutionKind.ExecutiveBody, Executive);
        Assert.Null((await Plans(p => p.AddMeasureAsync(CaseSteps.ViewerOf(executive, Executive), Executive, good))).Errors);
        Assert.Equal(0, await CountAsync());

        // Made once; the same form sent again answers the same measure; the code cannot be used twice.
        var (id, ok) = await Plans(p => p.AddMeasureAsync(coordinator, Coordinator, good, key));
        Assert.Empty(ok!);
        Assert.Equal(id, (await Plans(p => p.AddMeasureAsync(coordinator, Coordinator, good, key))).Id);
        Assert.Equal(1, await CountAsync());
        var (_, taken) = await Plans(p => p.AddMeasureAsync(coordinator, Coordinator, good));
        Assert.Equal(["Code"], taken!.Keys);
        Assert.Equal(1, await CountAsync());
        var saved = await DbAsync(db => db.PlanMeasures.SingleAsync(m => m.Id == id));
        Assert.Equal(("9.1", MeasureStatus.Planned, "Ночная смена горячей линии", "Növbələrin sayı", (Guid?)null), (saved.Code, saved.Status, saved.TitleRu, saved.IndicatorAz, saved.ResponsibleInstitutionId));
        Assert.Equal(1, await DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == PlanAudit.MeasureAdded.Code && e.TargetId == id)));
    }
}

// On PostgreSQL only (the production database): this class tests a feature, not the database. Its pages' queries run on SQLite
// too, in the sweep of every handler (SweepTests) and the crawl of every page by every role (UniqueIdTests).
public sealed class PlanTestsOnPostgres(PostgresApp app) : PlanTests(app), IClassFixture<PostgresApp>;
