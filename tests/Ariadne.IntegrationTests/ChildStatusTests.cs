using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Features.Referrals;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>
/// Issue 9, item 2: a person whose date of birth makes them under 18 is a child everywhere, and only a
/// recorded age assessment may lower the child flag — on both databases.
/// </summary>
public abstract class ChildStatusTests(AriadneApp app)
{
    private const string Born2013 = "2013-05-17";

    private static CaseInput ChildInput(string suffix)
    {
        var input = CaseSteps.SampleInput(suffix);
        input.DateOfBirth = Born2013;
        return input;
    }

    private Task<bool> IsMinorAsync(Guid caseId) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Cases.Where(c => c.Id == caseId).Select(c => c.IsMinor).FirstAsync());

    private HttpClient ApiClient(string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task AssertNamesIsMinorAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("isMinor", out _));
    }

    [Fact]
    public async Task Clearing_the_child_flag_of_a_person_born_in_2013_over_the_api_is_refused_and_changes_nothing()
    {
        var (investigator, view) = await app.NewCaseAsync(ChildInput("api13"));
        Assert.True(await IsMinorAsync(view.Id));
        using var client = ApiClient(await app.TokenAsync(investigator, "cases.read cases.write"));

        // The exact attack: PATCH {"isMinor": false} on a person born in 2013.
        await AssertNamesIsMinorAsync(await client.PatchAsJsonAsync($"/api/v1/cases/{view.Id}", new { isMinor = false }));
        Assert.True(await IsMinorAsync(view.Id));
        // Nothing else sent with it is written either.
        await AssertNamesIsMinorAsync(await client.PatchAsJsonAsync($"/api/v1/cases/{view.Id}", new { isMinor = false, situation = "changed" }));
        var document = await client.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{view.Id}");
        Assert.NotEqual("changed", document.GetProperty("fields").GetProperty("situation").GetString());
        Assert.True(document.GetProperty("fields").GetProperty("isMinor").GetBoolean());
        Assert.Equal(2, await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().AuditEvents
            .CountAsync(e => e.CaseId == view.Id && e.Action == CasesAudit.CaseUpdated && e.Outcome == AuditOutcome.Denied)));

        // Marking a person as a child is always allowed, and then clearing it needs an assessment too.
        var (owner, adult) = await app.NewCaseAsync(CaseSteps.SampleInput("adultflag"));
        using var adultClient = ApiClient(await app.TokenAsync(owner, "cases.read cases.write"));
        Assert.False(await IsMinorAsync(adult.Id));
        Assert.Equal(HttpStatusCode.NoContent, (await adultClient.PatchAsJsonAsync($"/api/v1/cases/{adult.Id}", new { isMinor = true })).StatusCode);
        Assert.True(await IsMinorAsync(adult.Id));
        await AssertNamesIsMinorAsync(await adultClient.PatchAsJsonAsync($"/api/v1/cases/{adult.Id}", new { isMinor = false }));
        Assert.True(await IsMinorAsync(adult.Id));

        // In Russian, the error is Russian.
        using var ru = ApiClient(await app.TokenAsync(investigator, "cases.read cases.write"));
        ru.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("ru"));
        var russian = await ru.PatchAsJsonAsync($"/api/v1/cases/{view.Id}", new { isMinor = false });
        Assert.Contains("оценка возраста", await russian.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clearing_the_child_flag_on_the_case_page_shows_the_error_beside_the_field_and_changes_nothing()
    {
        var (investigator, view) = await app.NewCaseAsync(ChildInput("page13"));
        using var session = await app.SessionAsync(investigator);
        var page = await session.GetAsync($"/Cases/{view.Id}/Edit?section=Status");
        var refused = await session.SubmitAsync(page, "form[action*='handler=Update']", new Dictionary<string, string> { ["Input.IsMinor"] = "false" });
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("age assessment", refused.FieldError("Input_IsMinor") ?? "", StringComparison.Ordinal);
        Assert.True(await IsMinorAsync(view.Id));
        Assert.NotNull(refused.Document.QuerySelector($"a[href='/Cases/AgeAssessment?id={view.Id}']"));
    }

    [Fact]
    public async Task The_age_assessment_page_records_an_assessment_for_the_investigator_and_offers_no_form_to_a_shelter()
    {
        var (investigator, view) = await app.NewCaseAsync(ChildInput("agepage"));
        using var session = await app.SessionAsync(investigator, "az");
        var page = await session.GetAsync($"/Cases/AgeAssessment?id={view.Id}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var values = new Dictionary<string, string> { ["Input.Outcome"] = "Adult", ["Input.Method"] = "Documents", ["Input.Rationale"] = "qısa" };
        var refused = await session.SubmitAsync(page, "form[data-age-form]", values);
        Assert.Equal("Əsaslandırmanı ən azı 20 simvolla yazın.", refused.FieldError("Input_Rationale"));
        Assert.True(await IsMinorAsync(view.Id));
        values["Input.Rationale"] = "Doğum haqqında şəhadətnamə konsulluqla yoxlanılıb.";
        var saved = await session.SubmitAsync(refused, "form[data-age-form]", values);
        Assert.Equal(HttpStatusCode.OK, saved.Status);
        Assert.Contains("Doğum haqqında şəhadətnamə", saved.Html, StringComparison.Ordinal);
        Assert.False(await IsMinorAsync(view.Id));

        var shelter = await app.ShelterManagerAsync();
        Assert.Empty(await app.WithScopeAsync(sp => sp.GetRequiredService<GrantService>().AddAsync(CaseSteps.ViewerOf(investigator, RoleCatalog.Investigator), view.Id,
            new GrantService.GrantInput { Relation = Relation.Shelter, GranteeUserName = shelter.UserName, Read = [DataClass.Status], Reason = "placement" })));
        using var shelterSession = await app.SessionAsync(shelter);
        var shelterPage = await shelterSession.GetAsync($"/Cases/AgeAssessment?id={view.Id}");
        Assert.Equal(HttpStatusCode.OK, shelterPage.Status);
        Assert.Null(shelterPage.Document.QuerySelector("form[data-age-form]"));
        Assert.DoesNotContain("konsulluq", shelterPage.Html, StringComparison.Ordinal); // the rationale is Identity, not Status
        using var stranger = await app.SessionAsync(await app.BorderOfficerAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/Cases/AgeAssessment?id={view.Id}")).Status);
    }

    [Fact]
    public async Task A_date_of_birth_that_makes_a_child_sets_the_flag_and_ends_institution_wide_grants_but_the_squads_supervision()
    {
        var (investigator, view) = await app.NewCaseAsync(CaseSteps.SampleInput("dob13"));
        var shelter = await app.ShelterManagerAsync();
        var errors = await app.WithScopeAsync(sp => sp.GetRequiredService<GrantService>().AddAsync(CaseSteps.ViewerOf(investigator, RoleCatalog.Investigator), view.Id,
            new GrantService.GrantInput { Relation = Relation.Shelter, GranteeInstitutionId = shelter.InstitutionId, Read = [DataClass.Status, DataClass.Identity], Reason = "placement" }));
        Assert.Empty(errors);
        var shelterViewer = CaseSteps.ViewerOf(shelter, RoleCatalog.ShelterManager);
        Assert.NotNull(await app.WithScopeAsync(sp => sp.GetRequiredService<CaseAccess>().RightsAsync(shelterViewer, view.Id)));

        using var client = ApiClient(await app.TokenAsync(investigator, "cases.read cases.write"));
        Assert.Equal(HttpStatusCode.NoContent, (await client.PatchAsJsonAsync($"/api/v1/cases/{view.Id}", new { dateOfBirth = Born2013 })).StatusCode);

        Assert.True(await IsMinorAsync(view.Id));
        Assert.Null(await app.WithScopeAsync(sp => sp.GetRequiredService<CaseAccess>().RightsAsync(shelterViewer, view.Id)));
        var grants = await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Grants.AsNoTracking().Where(g => g.CaseId == view.Id).ToListAsync());
        Assert.All(grants.Where(g => g.GranteeInstitutionId != null && g.Relation != Relation.SquadSupervisor), g => Assert.NotNull(g.RevokedAt));
        Assert.Contains(grants, g => g.Relation == Relation.SquadSupervisor && g.RevokedAt == null);
        Assert.Equal(1, await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().AuditEvents
            .CountAsync(e => e.CaseId == view.Id && e.Action == PlatformAudit.GrantRevoked && e.Purpose == "grant.revoke.child-case")));
        // And the grant rules now refuse a new institution-wide grant.
        var again = await app.WithScopeAsync(sp => sp.GetRequiredService<GrantService>().AddAsync(CaseSteps.ViewerOf(investigator, RoleCatalog.Investigator), view.Id,
            new GrantService.GrantInput { Relation = Relation.Shelter, GranteeInstitutionId = shelter.InstitutionId, Read = [DataClass.Status], Reason = "placement" }));
        Assert.NotEmpty(again);
    }

    [Fact]
    public async Task Only_an_age_assessment_by_the_investigator_or_the_squad_with_a_rationale_lowers_the_flag_and_its_history_is_kept()
    {
        var (investigator, view) = await app.NewCaseAsync(ChildInput("assess13"));
        var today = DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime);
        const string rationale = "Passport verified with the issuing consulate; the birth record is authentic.";
        var adult = new AgeAssessmentService.Input { Outcome = AgeOutcome.Adult, Method = AgeMethod.Documents, AssessedOn = today, Rationale = rationale };
        Task<Dictionary<string, string[]>?> Record(TestUser user, string role, AgeAssessmentService.Input input) =>
            app.WithScopeAsync(sp => sp.GetRequiredService<AgeAssessmentService>().RecordAsync(CaseSteps.ViewerOf(user, role), view.Id, input));

        // A shelter worker named on the case may not; a stranger gets a 404.
        var shelter = await app.ShelterManagerAsync();
        Assert.Empty(await app.WithScopeAsync(sp => sp.GetRequiredService<GrantService>().AddAsync(CaseSteps.ViewerOf(investigator, RoleCatalog.Investigator), view.Id,
            new GrantService.GrantInput { Relation = Relation.Shelter, GranteeUserName = shelter.UserName, Read = [DataClass.Status], Reason = "placement" })));
        Assert.True((await Record(shelter, RoleCatalog.ShelterManager, adult))!.ContainsKey(""));
        Assert.Null(await Record(await app.BorderOfficerAsync(), RoleCatalog.LawEnforcementOfficer, adult));
        // A short rationale, a missing outcome or a future date is refused.
        var bad = await Record(investigator, RoleCatalog.Investigator, new AgeAssessmentService.Input { Method = AgeMethod.Interview, AssessedOn = today.AddDays(1), Rationale = "looks older" });
        Assert.Equal(["AssessedOn", "Outcome", "Rationale"], bad!.Keys.Order(StringComparer.Ordinal));
        Assert.True(await IsMinorAsync(view.Id));

        // Uncertain: presumed a child.
        Assert.Empty((await Record(investigator, RoleCatalog.Investigator, new AgeAssessmentService.Input
        { Outcome = AgeOutcome.Uncertain, Method = AgeMethod.Interview, AssessedOn = today, Rationale = "No documents; the interview left the age open." }))!);
        Assert.True(await IsMinorAsync(view.Id));
        // Adult: the flag is lowered.
        Assert.Empty((await Record(investigator, RoleCatalog.Investigator, adult))!);
        Assert.False(await IsMinorAsync(view.Id));
        // Saving the case page again with the same recorded date of birth does not undo the assessment.
        using var client = ApiClient(await app.TokenAsync(investigator, "cases.read cases.write"));
        Assert.Equal(HttpStatusCode.NoContent, (await client.PatchAsJsonAsync($"/api/v1/cases/{view.Id}", new { dateOfBirth = Born2013, situation = "updated" })).StatusCode);
        Assert.False(await IsMinorAsync(view.Id));

        var state = await app.WithScopeAsync(sp => sp.GetRequiredService<AgeAssessmentService>().ReadAsync(CaseSteps.ViewerOf(investigator, RoleCatalog.Investigator), view.Id));
        Assert.Equal([AgeOutcome.Adult, AgeOutcome.Uncertain], state!.History.Select(h => h.Outcome));
        Assert.Equal(rationale, state.History[0].Rationale);
        var stored = await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().AgeAssessments.AsNoTracking().Where(a => a.CaseId == view.Id).ToListAsync());
        Assert.All(stored, a => Assert.DoesNotContain("consulate", Encoding.UTF8.GetString(a.RationaleEnc!), StringComparison.Ordinal));
        var audited = await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.CaseId == view.Id && e.Action == CasesAudit.AgeAssessed).Select(e => new { e.Outcome, e.ActorUserId }).ToListAsync());
        Assert.Equal(2, audited.Count(e => e.Outcome == AuditOutcome.Allowed && e.ActorUserId == investigator.Id));
        Assert.Single(audited, e => e.Outcome == AuditOutcome.Denied && e.ActorUserId == shelter.Id);

        // The API: the history, and a refusal naming the field.
        var history = await client.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{view.Id}/age-assessments");
        Assert.Equal(2, history.GetArrayLength());
        var invalid = await client.PostAsJsonAsync($"/api/v1/cases/{view.Id}/age-assessments", new { outcome = "Child", method = "Medical", assessedOn = today, rationale = "short" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        Assert.True((await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("rationale", out _));
        Assert.False(await IsMinorAsync(view.Id));
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync($"/api/v1/cases/{view.Id}/age-assessments",
            new { outcome = "Child", method = "Medical", assessedOn = today, rationale = "A medical examination found the person under eighteen." })).StatusCode);
        Assert.True(await IsMinorAsync(view.Id));
    }

    [Fact]
    public async Task A_referral_with_a_2013_date_of_birth_is_a_childs_referral_and_its_case_is_a_childs_case()
    {
        var officer = await app.BorderOfficerAsync();
        var duty = await app.DutyOfficerAsync();
        var desk = CaseSteps.ViewerOf(duty, RoleCatalog.DutyOfficer);
        var input = ReferralSteps.SampleReferral("ref13");
        input.DateOfBirth = Born2013;
        input.Child = false;
        var referral = await app.ReferAsync(officer, input);
        Assert.True(referral.Child);

        var (outcome, caseId, _) = await app.WithScopeAsync(sp => sp.GetRequiredService<ReferralDispatch>().DispatchAsync(desk, referral.Id, null, null));
        Assert.Equal(ReferralActionOutcome.Done, outcome);
        Assert.True(await IsMinorAsync(caseId!.Value));
        using var client = ApiClient(await app.TokenAsync(duty, "cases.read cases.write"));
        await AssertNamesIsMinorAsync(await client.PatchAsJsonAsync($"/api/v1/cases/{caseId}", new { isMinor = false }));
        Assert.True(await IsMinorAsync(caseId.Value));

        // A child's referral joined to an existing adult case makes it a child's case.
        var existing = await app.WithScopeAsync(sp => sp.GetRequiredService<CaseService>().CreateAsync(desk, CaseSteps.SampleInput("join13")));
        Assert.False(await IsMinorAsync(existing.Id));
        var second = ReferralSteps.SampleReferral("join13");
        second.DateOfBirth = Born2013;
        var joined = await app.ReferAsync(officer, second);
        var (joinOutcome, _, _) = await app.WithScopeAsync(sp => sp.GetRequiredService<ReferralDispatch>().DispatchAsync(desk, joined.Id, null, existing.Id));
        Assert.Equal(ReferralActionOutcome.Done, joinOutcome);
        Assert.True(await IsMinorAsync(existing.Id));
    }
}

// On PostgreSQL only (the production database): this class tests a feature, not the database. Its pages' queries run on SQLite
// too, in the sweep of every handler (SweepTests) and the crawl of every page by every role (UniqueIdTests).
public sealed class ChildStatusTestsOnPostgres(PostgresApp app) : ChildStatusTests(app), IClassFixture<PostgresApp>;
