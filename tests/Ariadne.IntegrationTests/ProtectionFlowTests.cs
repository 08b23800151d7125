using System.Net;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Features.Identification;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>Screening, identification decisions, consent, onward referral and risk — through the pages, on both databases.</summary>
public abstract class ProtectionFlowTests(AriadneApp app)
{
    private Task<T> DbAsync<T>(Func<AriadneDbContext, Task<T>> query) => app.WithScopeAsync(sp => query(sp.GetRequiredService<AriadneDbContext>()));

    [Fact]
    public void The_ILO_EC_suggestion_needs_recruitment_exploitation_and_means_except_for_a_child()
    {
        // Two strong, or one strong and one medium/weak, or three medium, or two medium and one weak.
        Assert.True(Indicators.IsPresent([Indicators.Find("cd-documents")!, Indicators.Find("cd-violence")!]));
        Assert.True(Indicators.IsPresent([Indicators.Find("ex-hours")!, Indicators.Find("ex-education")!]));
        Assert.True(Indicators.IsPresent([Indicators.Find("vr-family")!, Indicators.Find("vr-illegal")!, Indicators.Find("vr-control")!]));
        Assert.True(Indicators.IsPresent([Indicators.Find("vd-dependency")!, Indicators.Find("vd-economic")!, Indicators.Find("vd-personal")!]));
        Assert.False(Indicators.IsPresent([Indicators.Find("dr-job")!]));
        Assert.False(Indicators.IsPresent([Indicators.Find("vd-dependency")!, Indicators.Find("vd-economic")!]));
        Assert.Equal(67, Indicators.Operational.Count);
        Assert.Equal(11, Indicators.ForcedLabour.Count);

        string[] adult = ["dr-job", "dr-wages", "ex-hours", "ex-salary", "cd-documents", "cd-threat"];
        Assert.True(Indicators.Suggest(adult, child: false).SuggestsTrafficking);
        string[] noMeans = ["dr-job", "dr-wages", "ex-hours", "ex-salary"];
        Assert.False(Indicators.Suggest(noMeans, child: false).SuggestsTrafficking);
        Assert.True(Indicators.Suggest(noMeans, child: true).SuggestsTrafficking);
    }

    [Fact]
    public async Task The_squad_screens_decides_and_reviews_with_history_and_a_reflection_period_and_bad_input_saves_nothing()
    {
        var (investigator, view) = await app.NewCaseAsync(CaseSteps.SampleInput("idn"));
        using var session = await app.SessionAsync(investigator);
        var page = await session.GetAsync($"/Cases/Identification?id={view.Id}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Identification never depends on the person's cooperation with the police.", page.Text, StringComparison.Ordinal);

        var empty = await session.SubmitAsync(page, "form[action*='handler=Screen']", new Dictionary<string, string> { ["Screening.Notes"] = "" });
        Assert.Equal("Tick at least one indicator or write a note.", empty.FieldError("Screening_ForcedLabour"));
        var unknown = await session.SubmitAsync(page, "form[action*='handler=Screen']", new Dictionary<string, string> { ["Screening.Operational"] = "made-up" });
        Assert.Equal("The value is not valid.", unknown.FieldError("Screening_Operational"));
        Assert.Equal(0, await DbAsync(db => db.Screenings.CountAsync(s => s.CaseId == view.Id)));

        var screened = await session.SubmitAsync(page, "form[action*='handler=Screen']", new Dictionary<string, string>
        {
            ["Screening.ForcedLabour"] = WebSession.Many("documents", "wages"),
            ["Screening.Operational"] = WebSession.Many("dr-job", "dr-wages", "ex-hours", "ex-salary", "cd-documents", "cd-threat"),
            ["Screening.Notes"] = "Interviewed with an interpreter",
        });
        Assert.Equal("yes", screened.Document.QuerySelector("[data-suggestion]")!.GetAttribute("data-suggestion"));
        Assert.Equal(3, screened.Document.QuerySelectorAll("[data-suggestion] .dimension-met").Length);

        var bad = await session.SubmitAsync(screened, "form[action*='handler=Decide']", new Dictionary<string, string> { ["Decision.DecidedOn"] = "2030-01-01", ["Decision.Rationale"] = "short" });
        Assert.Equal("Choose the status decided.", bad.FieldError("Decision_Status"));
        Assert.Equal("The date of decision cannot be in the future or more than five years ago.", bad.FieldError("Decision_DecidedOn"));
        Assert.Equal("Give the rationale, at least 20 characters.", bad.FieldError("Decision_Rationale"));
        Assert.Equal(0, await DbAsync(db => db.IdentificationDecisions.CountAsync(d => d.CaseId == view.Id)));

        var today = DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime);
        var decided = await session.SubmitAsync(screened, "form[action*='handler=Decide']", new Dictionary<string, string>
        {
            ["Decision.Status"] = "Actual",
            ["Decision.DecidedOn"] = today.ToString("yyyy-MM-dd"),
            ["Decision.Rationale"] = "Deceptive recruitment, passport taken, threats at destination.",
        });
        Assert.Equal("Victim (identified)", decided.Document.QuerySelector("[data-trafficking-status]")!.TextContent.Trim());
        var c = await DbAsync(db => db.Cases.AsNoTracking().FirstAsync(x => x.Id == view.Id));
        Assert.Equal(TraffickingStatus.Actual, c.TraffickingStatus);
        Assert.Equal(today.AddDays(30), c.ReflectionEndsOn);
        Assert.Contains("30 days left", decided.Text, StringComparison.Ordinal);

        // "Not a victim" needs a confirmation: the first post decides nothing.
        var asked = await session.SubmitAsync(decided, "form[action*='handler=Decide']", new Dictionary<string, string>
        {
            ["Decision.Status"] = "NotAVictim",
            ["Decision.DecidedOn"] = today.ToString("yyyy-MM-dd"),
            ["Decision.Rationale"] = "New evidence: the employment was voluntary and paid.",
        });
        Assert.NotNull(asked.Document.QuerySelector("[data-confirm-negative]"));
        Assert.Equal(1, await DbAsync(db => db.IdentificationDecisions.CountAsync(d => d.CaseId == view.Id)));
        Assert.Equal(TraffickingStatus.Actual, (await DbAsync(db => db.Cases.AsNoTracking().FirstAsync(x => x.Id == view.Id))).TraffickingStatus);
        var reviewed = await session.SubmitAsync(asked, "form[data-confirm-decision]");
        Assert.Equal(2, reviewed.Document.QuerySelectorAll("section[aria-labelledby=decisions-heading] tbody tr").Length);
        Assert.Contains("review", reviewed.Text, StringComparison.Ordinal);
        var decisions = await DbAsync(db => db.IdentificationDecisions.AsNoTracking().Where(d => d.CaseId == view.Id).OrderBy(d => d.RecordedAt).ToListAsync());
        Assert.Equal(decisions[0].Id, decisions[1].SupersedesId);
        Assert.Equal(DecidingBody.Police, decisions[0].Body);
        Assert.Equal(today.AddDays(30), (await DbAsync(db => db.Cases.AsNoTracking().FirstAsync(x => x.Id == view.Id))).ReflectionEndsOn);
        Assert.Equal(2, await DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == IdentificationAudit.IdentificationDecided && e.CaseId == view.Id)));
    }

    [Fact]
    public async Task A_child_is_a_presumed_victim_and_only_authorised_bodies_decide()
    {
        var input = CaseSteps.SampleInput("child");
        input.DateOfBirth = "2012-03-04";
        var (investigator, view) = await app.NewCaseAsync(input);
        var shelter = await app.ShelterManagerAsync();
        await GrantAsync(view.Id, shelter.Id, Relation.Shelter, DataClass.Status | DataClass.Identity);
        using var ngo = await app.SessionAsync(shelter);
        var page = await ngo.GetAsync($"/Cases/Identification?id={view.Id}");
        Assert.Contains("Child: presumed victim until decided", page.Text, StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector("form[action*='handler=Decide']"));

        app.Reconfigure("Identification:DecidingKinds", "AntiTraffickingSquad,Shelter");
        try
        {
            page = await ngo.GetAsync($"/Cases/Identification?id={view.Id}");
            var decided = await ngo.SubmitAsync(page, "form[action*='handler=Decide']", new Dictionary<string, string>
            {
                ["Decision.Status"] = "Actual",
                ["Decision.Rationale"] = "Identified by the shelter's social worker after interviews.",
            });
            Assert.Contains("NGO or service provider", decided.Text, StringComparison.Ordinal);
            Assert.Null(decided.Document.QuerySelector("[data-trafficking-status] .govuk-tag"));
        }
        finally
        {
            app.Reconfigure("Identification:DecidingKinds", null);
        }
        var decision = await DbAsync(db => db.IdentificationDecisions.AsNoTracking().SingleAsync(d => d.CaseId == view.Id));
        Assert.Equal(DecidingBody.Ngo, decision.Body);
        Assert.Equal(shelter.InstitutionId, decision.DecidingInstitutionId);
        _ = investigator;
    }

    private Task GrantAsync(Guid caseId, Guid userId, Relation relation, DataClass read, DataClass write = DataClass.None) =>
        app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            var c = await db.Cases.FirstAsync(x => x.Id == caseId);
            db.Grants.Add(new Grant { CaseId = caseId, CaseRecency = c.Recency, GranteeUserId = userId, Relation = relation, Read = read, Write = write, ValidFrom = app.Time.GetUtcNow().AddMinutes(-1), GrantedBy = userId, Reason = "test" });
            await db.SaveChangesAsync();
        });

    [Fact]
    public async Task Consent_and_onward_referral_open_the_shelter_grant_on_acceptance_and_withdrawal_ends_it()
    {
        var (investigator, view) = await app.NewCaseAsync(CaseSteps.SampleInput("onw"));
        var shelter = await app.ShelterManagerAsync();
        using var squad = await app.SessionAsync(investigator);
        using var home = await app.SessionAsync(shelter);
        var page = await squad.GetAsync($"/Cases/Protection?id={view.Id}");
        var shelterId = shelter.InstitutionId.ToString();
        // The case's task list tells the investigator what is left: onward referral waits for consent.
        async Task<string?> TaskState(string task) =>
            (await squad.GetAsync($"/Cases/Detail?id={view.Id}")).Document.QuerySelector($"[data-task='{task}']")?.GetAttribute("data-state");
        Assert.Equal("NotStarted", await TaskState("CaseTask_Screen"));
        Assert.Equal("NotStarted", await TaskState("CaseTask_Consent"));
        Assert.Equal("CannotStartYet", await TaskState("CaseTask_Onward"));

        // Without consent, no onward referral; bad consent input saves nothing.
        var refused = await squad.SubmitAsync(page, "form[action*='handler=Onward']", new Dictionary<string, string>
        { ["Onward.Relation"] = "Shelter", ["Onward.RecipientInstitutionId"] = shelterId, ["Onward.Share"] = WebSession.Many("Identity", "Health", "Care") });
        Assert.Equal("Record the person's consent to services from this institution first.", refused.FieldError("Onward_RecipientInstitutionId"));
        var badConsent = await squad.SubmitAsync(page, "form[action*='handler=Consent']", new Dictionary<string, string> { ["Consent.GivenOn"] = "2031-01-01" });
        Assert.Equal("Choose the institution the consent is for.", badConsent.FieldError("Consent_RecipientInstitutionId"));
        Assert.Equal("Give the date the consent was given (not in the future).", badConsent.FieldError("Consent_GivenOn"));
        Assert.Equal("Choose one of the options.", badConsent.FieldError("Consent_Purposes"));
        Assert.Equal(0, await DbAsync(db => db.Consents.CountAsync(x => x.CaseId == view.Id)));

        await squad.SubmitAsync(page, "form[action*='handler=Consent']", new Dictionary<string, string>
        { ["Consent.Purposes"] = "Services", ["Consent.RecipientInstitutionId"] = shelterId, ["Consent.Form"] = "Written" });
        var needsSharing = await squad.SubmitAsync(page, "form[action*='handler=Onward']", new Dictionary<string, string>
        { ["Onward.Relation"] = "Shelter", ["Onward.RecipientInstitutionId"] = shelterId, ["Onward.Share"] = WebSession.Many("Identity", "Health", "Care") });
        Assert.Equal("Sharing more than the status needs the person's consent to data sharing with this institution.", needsSharing.FieldError("Onward_Share"));
        var beyond = await squad.SubmitAsync(page, "form[action*='handler=Onward']", new Dictionary<string, string>
        { ["Onward.Relation"] = "Shelter", ["Onward.RecipientInstitutionId"] = shelterId, ["Onward.Share"] = "Investigation" });
        Assert.Equal("This relation may not open some of the chosen classes.", beyond.FieldError("Onward_Share"));
        await squad.SubmitAsync(page, "form[action*='handler=Consent']", new Dictionary<string, string>
        { ["Consent.Purposes"] = "DataSharing", ["Consent.RecipientInstitutionId"] = shelterId, ["Consent.Form"] = "Verbal" });
        var sent = await squad.SubmitAsync(page, "form[action*='handler=Onward']", new Dictionary<string, string>
        {
            ["Onward.Relation"] = "Shelter",
            ["Onward.RecipientInstitutionId"] = shelterId,
            ["Onward.Share"] = WebSession.Many("Identity", "Health", "Care"),
            ["Onward.Note"] = "Adult woman, needs a bed tonight",
        });
        Assert.Contains("Waiting for an answer", sent.Text, StringComparison.Ordinal);
        Assert.Equal("Completed", await TaskState("CaseTask_Consent"));
        Assert.Equal("Waiting", await TaskState("CaseTask_Onward"));

        // Before acceptance the shelter sees the request, not the case.
        Assert.Equal(HttpStatusCode.NotFound, (await home.GetAsync($"/Cases/Detail?id={view.Id}")).Status);
        var inbox = await home.GetAsync("/Referrals/Onward");
        Assert.Contains(view.Number, inbox.Text, StringComparison.Ordinal);
        Assert.Contains("Adult woman, needs a bed tonight", inbox.Text, StringComparison.Ordinal);
        var accepted = await home.SubmitAsync(inbox, $"tr[data-onward='{view.Number}'] form[action*='handler=Accept']");
        Assert.Contains("Accepted. The case is now open to you with the shared data.", accepted.Text, StringComparison.Ordinal);
        var detail = await home.GetAsync($"/Cases/Detail?id={view.Id}");
        Assert.Equal(HttpStatusCode.OK, detail.Status);
        Assert.Null(detail.Document.QuerySelector("[data-case-tasks]")); // the shelter does not run the case: no task list
        Assert.Equal("Completed", await TaskState("CaseTask_Onward"));
        Assert.Contains("Zülfiyyəonw", detail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Türkiyədə məcburi əmək", detail.Text, StringComparison.Ordinal); // Investigation stays with the Squad
        // The shelter's history of the case holds what the shelter did, not what the Squad did.
        var shelterHistory = await home.GetAsync($"/Cases/{view.Id}/History");
        Assert.NotNull(shelterHistory.Document.QuerySelector("[data-history-own]"));
        var squadName = await DbAsync(db => db.Institutions.Where(i => i.Id == investigator.InstitutionId).Select(i => i.Name).FirstAsync());
        var shelterName = await DbAsync(db => db.Institutions.Where(i => i.Id == shelter.InstitutionId).Select(i => i.Name).FirstAsync());
        var shelterRows = shelterHistory.Document.QuerySelectorAll("[data-history] li").Select(li => li.TextContent).ToList();
        Assert.NotEmpty(shelterRows);
        Assert.All(shelterRows, row => Assert.DoesNotContain(squadName, row, StringComparison.Ordinal));
        var squadHistory = await squad.GetAsync($"/Cases/{view.Id}/History");
        Assert.Null(squadHistory.Document.QuerySelector("[data-history-own]"));
        var squadRows = squadHistory.Document.QuerySelectorAll("[data-history] li").Select(li => li.TextContent).ToList();
        Assert.Contains(squadRows, row => row.Contains(squadName, StringComparison.Ordinal));
        Assert.Contains(squadRows, row => row.Contains(shelterName, StringComparison.Ordinal));
        var person = await home.GetAsync($"/Cases/Detail?id={view.Id}&tab=person");
        Assert.Contains("Astma", person.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Nizami küçəsi", person.Text, StringComparison.Ordinal); // Contact & location was not shared

        // The shelter writes the safety plan (Care); the investigator reads it; the risk assessment is not the shelter's.
        var plan = await home.SubmitAsync(await home.GetAsync($"/Cases/{view.Id}/Edit?section=Care"), "form[action*='handler=Update']", new Dictionary<string, string> { ["Input.SafetyPlan"] = "Escorted to hearings; no phone contact with the recruiter" });
        Assert.Contains("Escorted to hearings", plan.Text, StringComparison.Ordinal);
        Assert.Contains("Escorted to hearings", (await squad.GetAsync($"/Cases/Detail?id={view.Id}")).Text, StringComparison.Ordinal);
        var riskPage = await squad.GetAsync($"/Cases/Protection?id={view.Id}");
        var badRisk = await squad.SubmitAsync(riskPage, "form[action*='handler=Risk']");
        Assert.Equal("Choose a level.", badRisk.FieldError("Risk_Traffickers"));
        Assert.Equal(0, await DbAsync(db => db.RiskAssessments.CountAsync(r => r.CaseId == view.Id)));
        await squad.SubmitAsync(riskPage, "form[action*='handler=Risk']", new Dictionary<string, string>
        { ["Risk.Traffickers"] = "High", ["Risk.Health"] = "Medium", ["Risk.Retrafficking"] = "High", ["Risk.Notes"] = "Recruiter knows her family's address" });
        Assert.Contains("Recruiter knows her family", (await squad.GetAsync($"/Cases/Protection?id={view.Id}")).Text, StringComparison.Ordinal);
        var shelterProtection = await home.GetAsync($"/Cases/Protection?id={view.Id}");
        Assert.DoesNotContain("Recruiter knows her family", shelterProtection.Html, StringComparison.Ordinal);
        Assert.Null(shelterProtection.Document.QuerySelector("form[action*='handler=Onward']"));

        // Withdrawing the data-sharing consent ends the referral and the grant.
        var protection = await squad.GetAsync($"/Cases/Protection?id={view.Id}");
        var withdrawForms = protection.Document.QuerySelectorAll("form[action*='handler=WithdrawConsent']");
        var withdrawForm = withdrawForms[^1];
        withdrawForm.SetAttribute("id", "withdraw-sharing");
        // The first press only asks: nothing is withdrawn until the officer confirms.
        var asked = await squad.SubmitAsync(protection, "#withdraw-sharing");
        Assert.NotNull(asked.Document.QuerySelector("[data-confirm-withdraw-consent]"));
        Assert.Equal(HttpStatusCode.OK, (await home.GetAsync($"/Cases/Detail?id={view.Id}")).Status);
        Assert.Equal(0, await DbAsync(db => db.Consents.CountAsync(c => c.CaseId == view.Id && c.WithdrawnAt != null)));
        await squad.SubmitAsync(asked, "form[data-confirm-form][action*='handler=WithdrawConsent']");
        Assert.Equal(HttpStatusCode.NotFound, (await home.GetAsync($"/Cases/Detail?id={view.Id}")).Status);
        var onward = await DbAsync(db => db.OnwardReferrals.AsNoTracking().SingleAsync(o => o.CaseId == view.Id));
        Assert.Equal(OnwardStatus.Withdrawn, onward.Status);
        Assert.NotNull(await DbAsync(db => db.Grants.Where(g => g.Id == onward.GrantId).Select(g => g.RevokedAt).FirstAsync()));
        Assert.Equal(1, await DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == PlatformAudit.GrantRevoked && e.TargetId == onward.GrantId)));
    }

    [Fact]
    public async Task A_declined_onward_referral_creates_no_grant_and_on_a_childs_case_the_grant_names_the_accepting_person()
    {
        var input = CaseSteps.SampleInput("kid");
        input.DateOfBirth = "2011-01-01";
        var (investigator, view) = await app.NewCaseAsync(input);
        var shelter = await app.ShelterManagerAsync();
        var viewer = CaseSteps.ViewerOf(investigator, RoleCatalog.Investigator);
        await app.WithScopeAsync(async sp =>
        {
            // One consent step, two purposes: two consents.
            Assert.Empty((await sp.GetRequiredService<ConsentService>().RecordConsentAsync(viewer, view.Id, new() { Purposes = [ConsentPurpose.Services, ConsentPurpose.DataSharing], RecipientInstitutionId = shelter.InstitutionId, Form = ConsentForm.Written, GivenOn = DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime) }))!);
            Assert.Empty((await sp.GetRequiredService<OnwardService>().SendAsync(viewer, view.Id, new() { Relation = Relation.Shelter, RecipientInstitutionId = shelter.InstitutionId, Share = [DataClass.Identity] }))!);
        });
        var shelterViewer = CaseSteps.ViewerOf(shelter, RoleCatalog.ShelterManager);
        var onwardId = await DbAsync(db => db.OnwardReferrals.Where(o => o.CaseId == view.Id).Select(o => o.Id).SingleAsync());
        // A second send while one is open is refused, and nothing is saved.
        await app.WithScopeAsync(async sp => Assert.NotEmpty((await sp.GetRequiredService<OnwardService>().SendAsync(viewer, view.Id,
            new() { Relation = Relation.Shelter, RecipientInstitutionId = shelter.InstitutionId, Share = [DataClass.Identity] }))!));
        Assert.Equal(1, await DbAsync(db => db.OnwardReferrals.CountAsync(o => o.CaseId == view.Id)));
        Assert.True(await app.WithScopeAsync(sp => sp.GetRequiredService<OnwardService>().AnswerAsync(shelterViewer, onwardId, OnwardService.Answer.Decline, DeclineReason.NoCapacity)));
        Assert.Equal(0, await DbAsync(db => db.Grants.CountAsync(g => g.CaseId == view.Id && g.Relation == Relation.Shelter)));
        Assert.False(await app.WithScopeAsync(sp => sp.GetRequiredService<OnwardService>().AnswerAsync(shelterViewer, onwardId, OnwardService.Answer.Accept)));

        await app.WithScopeAsync(async sp => Assert.Empty((await sp.GetRequiredService<OnwardService>().SendAsync(viewer, view.Id,
            new() { Relation = Relation.Shelter, RecipientInstitutionId = shelter.InstitutionId, Share = [DataClass.Identity] }))!));
        var second = await DbAsync(db => db.OnwardReferrals.Where(o => o.CaseId == view.Id && o.Status == OnwardStatus.Pending).Select(o => o.Id).SingleAsync());
        // Two clicks on "accept" at once: one grant.
        var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => app.WithScopeAsync(sp =>
            sp.GetRequiredService<OnwardService>().AnswerAsync(shelterViewer, second, OnwardService.Answer.Accept))));
        Assert.Single(answers, a => a);
        var grant = await DbAsync(db => db.Grants.AsNoTracking().SingleAsync(g => g.CaseId == view.Id && g.Relation == Relation.Shelter));
        Assert.Equal(shelter.Id, grant.GranteeUserId);
        Assert.Null(grant.GranteeInstitutionId);
        Assert.Equal(DataClass.Status | DataClass.Identity, grant.Read);

        // On a child's case the accepted referral is the accepting worker's alone: a colleague neither sees it nor completes it.
        var colleague = await app.ShelterManagerAsync();
        Assert.Equal(shelter.InstitutionId, colleague.InstitutionId);
        Assert.False(await app.WithScopeAsync(sp => sp.GetRequiredService<OnwardService>().AnswerAsync(CaseSteps.ViewerOf(colleague, RoleCatalog.ShelterManager), second, OnwardService.Answer.Complete)));
        // (Both see the institution's first, declined answer; only the worker sees the accepted one.)
        using (var colleagueSession = await app.SessionAsync(colleague))
            Assert.Single((await colleagueSession.GetAsync("/Referrals/Onward")).Document.QuerySelectorAll($"tr[data-onward='{view.Number}']"));
        using (var workerSession = await app.SessionAsync(shelter))
            Assert.Equal(2, (await workerSession.GetAsync("/Referrals/Onward")).Document.QuerySelectorAll($"tr[data-onward='{view.Number}']").Length);
        Assert.Null(await DbAsync(db => db.Grants.Where(g => g.Id == grant.Id).Select(g => g.RevokedAt).FirstAsync()));

        // Another shelter's manager cannot answer what was not sent to them.
        var stranger = CaseSteps.ViewerOf(await app.CreateUserAsync(InstitutionKind.ServiceProvider, [RoleCatalog.ServiceProfessional]), RoleCatalog.ServiceProfessional);
        Assert.False(await app.WithScopeAsync(sp => sp.GetRequiredService<OnwardService>().AnswerAsync(stranger, second, OnwardService.Answer.Complete)));
        Assert.True(await app.WithScopeAsync(sp => sp.GetRequiredService<OnwardService>().AnswerAsync(shelterViewer, second, OnwardService.Answer.Complete)));
        Assert.NotNull(await DbAsync(db => db.Grants.Where(g => g.Id == grant.Id).Select(g => g.RevokedAt).FirstAsync()));
    }
}

// On PostgreSQL only (the production database): this class tests a feature, not the database. Its pages' queries run on SQLite
// too, in the sweep of every handler (SweepTests) and the crawl of every page by every role (UniqueIdTests).
public sealed class ProtectionFlowTestsOnPostgres(PostgresApp app) : ProtectionFlowTests(app), IClassFixture<PostgresApp>;
