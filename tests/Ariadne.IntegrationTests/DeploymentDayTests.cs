using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Accommodation;
using Ariadne.Web.Features.Investigation;
using Ariadne.Web.Features.Services;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>
/// "Today" is the deployment's day (Baku, UTC+4), the one the forms show and staff write. From 20:00 UTC Baku is already
/// on the next day: at 21:30 UTC a date entered as today must be accepted and tomorrow in Baku still refused where the
/// future is refused; ages, due days and overdue follow the Baku day too.
/// </summary>
public abstract class DeploymentDayTests(AriadneApp app)
{
    private static readonly TimeSpan Baku = TimeSpan.FromHours(4);

    /// <summary>Moves the fake clock forward to the next hh:mm UTC (it never goes back).</summary>
    private void ClockAt(int hour, int minute)
    {
        var now = app.Time.GetUtcNow();
        var at = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddHours(hour).AddMinutes(minute);
        if (at <= now)
            at = at.AddDays(1);
        app.Time.SetUtcNow(at);
    }

    /// <summary>The day on a wall clock in Baku now (computed here, not by the application).</summary>
    private DateOnly BakuToday => DateOnly.FromDateTime(app.Time.GetUtcNow().ToOffset(Baku).DateTime);

    private DateOnly UtcToday => DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime);

    private Task<T> DbAsync<T>(Func<AriadneDbContext, Task<T>> query) => app.WithScopeAsync(sp => query(sp.GetRequiredService<AriadneDbContext>()));

    private static Viewer Squad(TestUser u) => CaseSteps.ViewerOf(u, RoleCatalog.Investigator);

    /// <summary>At 21:30 UTC the two calendars differ: the premise of every test here.</summary>
    private void LateEvening()
    {
        ClockAt(21, 30);
        Assert.Equal(UtcToday.AddDays(1), BakuToday);
        CultureInfo.CurrentUICulture = new("en");
    }

    [Fact]
    public async Task An_identification_decision_dated_today_in_Baku_is_accepted_at_21_30_UTC_and_tomorrow_is_not()
    {
        LateEvening();
        var (investigator, view) = await app.NewCaseAsync(CaseSteps.SampleInput("day-id"));
        Task<Dictionary<string, string[]>?> Decide(DateOnly on) => app.WithScopeAsync(sp => sp.GetRequiredService<IdentificationService>().DecideAsync(Squad(investigator), view.Id,
            new() { Status = TraffickingStatus.Actual, DecidedOn = on, Rationale = "Interview and documents show forced labour at the site." }));

        Assert.Contains("DecidedOn", (await Decide(BakuToday.AddDays(1)))!.Keys);
        Assert.Empty((await Decide(BakuToday))!);
        Assert.Equal(BakuToday, await DbAsync(db => db.IdentificationDecisions.Where(d => d.CaseId == view.Id).Select(d => d.DecidedOn).SingleAsync()));
    }

    [Fact]
    public async Task A_person_turning_18_today_in_Baku_is_an_adult_at_21_30_UTC()
    {
        LateEvening();
        var input = CaseSteps.SampleInput("day-age");
        input.DateOfBirth = BakuToday.AddYears(-18).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var (_, view) = await app.NewCaseAsync(input);
        Assert.False(await DbAsync(db => db.Cases.Where(c => c.Id == view.Id).Select(c => c.IsMinor).SingleAsync()));
    }

    [Fact]
    public async Task A_service_plan_goal_is_checked_against_the_day_in_Baku()
    {
        LateEvening();
        var (investigator, view) = await app.NewCaseAsync(CaseSteps.SampleInput("day-goal"));
        Task<Dictionary<string, string[]>?> Goal(DateOnly target) => app.WithScopeAsync(sp => sp.GetRequiredService<ServicePlanService>().SaveGoalAsync(Squad(investigator), view.Id,
            new() { Type = ServiceType.Psychological, Text = "Sleeps without nightmares", TargetDate = target }));

        // Yesterday in Baku (still today in UTC) is in the past; today and five years from today in Baku are fine.
        Assert.Contains("TargetDate", (await Goal(BakuToday.AddDays(-1)))!.Keys);
        Assert.Contains("TargetDate", (await Goal(BakuToday.AddYears(5).AddDays(1)))!.Keys);
        Assert.Empty((await Goal(BakuToday))!);
        Assert.Empty((await Goal(BakuToday.AddYears(5)))!);
    }

    [Fact]
    public async Task An_age_assessment_dated_today_in_Baku_is_accepted_at_21_30_UTC_and_tomorrow_is_not()
    {
        LateEvening();
        var (investigator, view) = await app.NewCaseAsync(CaseSteps.SampleInput("day-aa"));
        Task<Dictionary<string, string[]>?> Assess(DateOnly on) => app.WithScopeAsync(sp => sp.GetRequiredService<AgeAssessmentService>().RecordAsync(Squad(investigator), view.Id,
            new() { Outcome = AgeOutcome.Adult, Method = AgeMethod.Documents, AssessedOn = on, Rationale = "Passport verified with the issuing consulate; the birth record is authentic." }));

        Assert.Contains("AssessedOn", (await Assess(BakuToday.AddDays(1)))!.Keys);
        Assert.Empty((await Assess(BakuToday))!);
    }

    [Fact]
    public async Task A_referral_takes_a_date_of_birth_of_today_in_Baku_at_21_30_UTC_and_ages_by_the_Baku_day()
    {
        LateEvening();
        await app.DutyOfficerAsync(); // a Squad to receive the referral, whichever test of this class runs first
        var officer = await app.CreateUserAsync(InstitutionKind.Police, [RoleCatalog.LawEnforcementOfficer]);
        var token = await app.TokenAsync(officer, "referrals.write");
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        async Task<HttpStatusCode> PostAsync(DateOnly born)
        {
            var referral = ReferralSteps.SampleReferral("day" + born.DayNumber);
            referral.DateOfBirth = born.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/referrals") { Content = JsonContent.Create(new { referral }, options: ReferralSteps.ApiJson) };
            request.Headers.Add("Idempotency-Key", "day-" + Guid.NewGuid());
            return (await client.SendAsync(request)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(BakuToday.AddDays(1)));
        Assert.Equal(HttpStatusCode.Created, await PostAsync(BakuToday));

        // Eighteen today in Baku: an adult, so a standard referral stays standard (a child's would be raised to high).
        var adult = ReferralSteps.SampleReferral("day18");
        adult.DateOfBirth = BakuToday.AddYears(-18).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        adult.Urgency = Urgency.Standard;
        Assert.Equal(Urgency.Standard, (await app.ReferAsync(officer, adult)).Urgency);
    }

    [Fact]
    public async Task The_cases_api_takes_a_date_of_birth_of_today_in_Baku_at_21_30_UTC_and_refuses_tomorrow()
    {
        LateEvening();
        var (investigator, _) = await app.NewCaseAsync(CaseSteps.SampleInput("day-api"));
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(investigator, "cases.read cases.write"));
        async Task<HttpStatusCode> CreateAsync(DateOnly born)
        {
            var body = new { givenName = "Aysel", familyName = "Nəbiyeva", documentNumber = "D" + Guid.NewGuid().ToString("N")[..8], dateOfBirth = born.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            return (await client.SendAsync(request)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.BadRequest, await CreateAsync(BakuToday.AddDays(1)));
        Assert.Equal(HttpStatusCode.Created, await CreateAsync(BakuToday));
    }

    [Fact]
    public async Task The_age_assessment_form_proposes_today_in_Baku_at_21_30_UTC()
    {
        LateEvening();
        var (investigator, view) = await app.NewCaseAsync(CaseSteps.SampleInput("day-form"));
        using var session = await app.SessionAsync(investigator);
        var page = await session.GetAsync($"/Cases/AgeAssessment?id={view.Id}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        string? Part(string part) => page.Document.QuerySelector($"input[name='Input.AssessedOn.{part}']")?.GetAttribute("value");
        Assert.Equal(BakuToday, new DateOnly(int.Parse(Part("Year")!, CultureInfo.InvariantCulture), int.Parse(Part("Month")!, CultureInfo.InvariantCulture), int.Parse(Part("Day")!, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task A_grant_until_today_in_Baku_is_refused_at_21_30_UTC_and_until_tomorrow_is_given()
    {
        LateEvening();
        var (investigator, view) = await app.NewCaseAsync(CaseSteps.SampleInput("day-grant"));
        var shelter = await app.ShelterManagerAsync();
        Task<Dictionary<string, string[]>> Grant(DateOnly until) => app.WithScopeAsync(sp => sp.GetRequiredService<GrantService>().AddAsync(Squad(investigator), view.Id,
            new GrantService.GrantInput { Relation = Relation.Shelter, GranteeUserName = shelter.UserName, Read = [DataClass.Status], ValidUntil = until, Reason = "placement" }));

        Assert.Contains("ValidUntil", (await Grant(BakuToday)).Keys);
        Assert.Empty(await Grant(BakuToday.AddDays(1)));
    }

    [Fact]
    public async Task Training_valid_until_yesterday_in_Baku_has_lapsed_at_21_30_UTC()
    {
        LateEvening();
        async Task<bool> QualifiedAsync(DateOnly validUntil)
        {
            var guard = await app.CreateUserAsync(InstitutionKind.SecurityPolice, [RoleCatalog.SecurityOfficer], [TrainingTopic.ShelterSecurity]);
            await DbAsync(db => db.Trainings.Where(t => t.UserId == guard.Id).ExecuteUpdateAsync(t => t.SetProperty(x => x.ValidUntil, validUntil)));
            return await app.WithScopeAsync(sp => sp.GetRequiredService<GuardService>().IsQualifiedGuardAsync(guard.Id));
        }

        // Still today in UTC, but yesterday on the wall in Baku: the last day of validity has passed.
        Assert.False(await QualifiedAsync(BakuToday.AddDays(-1)));
        Assert.True(await QualifiedAsync(BakuToday));
    }

    [Fact]
    public async Task A_discharge_today_in_Baku_schedules_follow_ups_from_the_Baku_day_and_they_fall_overdue_by_it()
    {
        LateEvening();
        var manager = await app.ShelterManagerAsync();
        var shelterViewer = CaseSteps.ViewerOf(manager, RoleCatalog.ShelterManager);
        string[] roles = [RoleCatalog.ShelterManager];
        var name = "Sığınacaq " + Guid.NewGuid().ToString("N")[..8];
        Assert.Empty((await app.WithScopeAsync(sp => sp.GetRequiredService<ShelterService>().SaveShelterAsync(shelterViewer, roles, null,
            new() { Name = name, Ownership = ShelterOwnership.Ngo, Languages = "az", Address = "Gizli küçə" })))!);
        var shelterId = await DbAsync(db => db.Shelters.Where(s => s.Name == name).Select(s => s.Id).SingleAsync());
        Assert.Empty((await app.WithScopeAsync(sp => sp.GetRequiredService<ShelterService>().AddBedAsync(shelterViewer, roles, new() { ShelterId = shelterId, Label = "1", Restriction = BedRestriction.Women })))!);
        var bedId = await DbAsync(db => db.Beds.Where(b => b.ShelterId == shelterId).Select(b => b.Id).SingleAsync());
        var (investigator, view) = await app.NewCaseAsync(CaseSteps.SampleInput("day-fu"));
        await app.WithScopeAsync(async sp =>
        {
            Assert.Empty((await sp.GetRequiredService<ConsentService>().RecordConsentAsync(Squad(investigator), view.Id, new() { Purposes = [ConsentPurpose.Services, ConsentPurpose.DataSharing], RecipientInstitutionId = manager.InstitutionId, Form = ConsentForm.Written, GivenOn = BakuToday }))!);
            Assert.Empty((await sp.GetRequiredService<OnwardService>().SendAsync(Squad(investigator), view.Id, new() { Relation = Relation.Shelter, RecipientInstitutionId = manager.InstitutionId, Share = [DataClass.Care] }))!);
        });
        var onwardId = await DbAsync(db => db.OnwardReferrals.Where(o => o.CaseId == view.Id).Select(o => o.Id).SingleAsync());
        Assert.True(await app.WithScopeAsync(sp => sp.GetRequiredService<OnwardService>().AnswerAsync(shelterViewer, onwardId, OnwardService.Answer.Accept)));
        Assert.Empty((await app.WithScopeAsync(sp => sp.GetRequiredService<PlacementService>().AdmitAsync(shelterViewer, roles, view.Id, bedId)))!);

        var left = BakuToday;
        Assert.Empty((await app.WithScopeAsync(sp => sp.GetRequiredService<PlacementService>().DischargeAsync(shelterViewer, roles, view.Id,
            new() { On = left, Reason = DischargeReason.PlanCompleted, Destination = DischargeDestination.IndependentHousing, FollowUpConsent = true })))!);
        var due = await DbAsync(db => db.FollowUps.Where(f => f.CaseId == view.Id).OrderBy(f => f.Month).Select(f => f.DueOn).ToListAsync());
        Assert.Equal([left.AddMonths(1), left.AddMonths(3), left.AddMonths(6), left.AddMonths(12)], due);

        // The evening of the day before the first one (UTC) is already its day in Baku: due, not overdue; a day later it is.
        Task<bool> FirstOverdueAsync() => app.WithScopeAsync(async sp =>
        {
            var rights = await sp.GetRequiredService<CaseAccess>().RightsAsync(Squad(investigator), view.Id);
            var rows = await sp.GetRequiredService<FollowUpService>().ForCaseAsync(view.Id, rights!, null, Guid.Empty, CancellationToken.None);
            return rows.Single(r => r.Month == 1).Overdue;
        });
        app.Time.SetUtcNow(new DateTimeOffset(due[0].AddDays(-1).ToDateTime(new TimeOnly(21, 30)), TimeSpan.Zero));
        Assert.Equal(due[0], BakuToday);
        Assert.False(await FirstOverdueAsync());
        app.Time.Advance(TimeSpan.FromDays(1));
        Assert.True(await FirstOverdueAsync());
    }

    [Fact]
    public async Task A_criminal_file_stage_dated_today_in_Baku_is_accepted_and_tomorrow_in_Baku_is_refused()
    {
        LateEvening();
        var (lead, _) = await app.NewCaseAsync(CaseSteps.SampleInput("day-cf"));
        string[] roles = [RoleCatalog.Investigator];
        Task<T> Files<T>(Func<CriminalFiles, Task<T>> call) => app.WithScopeAsync(sp => call(sp.GetRequiredService<CriminalFiles>()));
        var (id, errors) = await Files(f => f.OpenAsync(Squad(lead), roles, new CriminalFiles.OpenInput { Title = "Deployment day", Summary = "Recruitment", Offences = ["144-1.1"] }));
        Assert.Empty(errors);
        var fileId = id!.Value;
        // The file's first stage is dated the day it was opened in Baku.
        Assert.Equal(BakuToday, await DbAsync(db => db.FileStageEvents.Where(e => e.FileId == fileId).Select(e => e.On).SingleAsync()));

        Assert.Contains("On", (await Files(f => f.RecordStageAsync(Squad(lead), fileId, new() { Stage = FileStage.CriminalCaseOpened, On = BakuToday.AddDays(1), OfficialNumber = "2026/144/1" })))!.Keys);
        Assert.Empty((await Files(f => f.RecordStageAsync(Squad(lead), fileId, new() { Stage = FileStage.CriminalCaseOpened, On = BakuToday, OfficialNumber = "2026/144/1" })))!);

        // In the morning both calendars agree: tomorrow (UTC and Baku alike) is still the future.
        ClockAt(10, 0);
        Assert.Equal(UtcToday, BakuToday);
        Assert.Contains("On", (await Files(f => f.RecordStageAsync(Squad(lead), fileId, new() { Stage = FileStage.Charged, On = BakuToday.AddDays(1) })))!.Keys);
        Assert.Empty((await Files(f => f.RecordStageAsync(Squad(lead), fileId, new() { Stage = FileStage.Charged, On = BakuToday })))!);
    }
}

// On PostgreSQL only (the production database): this class tests a feature, not the database. Its pages' queries run on SQLite
// too, in the sweep of every handler (SweepTests) and the crawl of every page by every role (UniqueIdTests).
public sealed class DeploymentDayTestsOnPostgres(PostgresApp app) : DeploymentDayTests(app), IClassFixture<PostgresApp>;
