using System.Net;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Accommodation;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Features.Protection;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>Secure accommodation: the bed finder without addresses, holds that end by themselves, admission and discharge, and occupancy under concurrency.</summary>
public abstract class AccommodationTests(AriadneApp app)
{
    private static readonly string[] Manager = [RoleCatalog.ShelterManager];

    private Task<T> DbAsync<T>(Func<AriadneDbContext, Task<T>> query) => app.WithScopeAsync(sp => query(sp.GetRequiredService<AriadneDbContext>()));

    /// <summary>A shelter of the test Shelter institution with the given beds, recorded through the service; its name and address are unique to the call.</summary>
    private async Task<(TestUser Manager, Guid ShelterId, string Name, string Address)> ShelterAsync(params (string Label, BedRestriction Restriction)[] beds)
    {
        var manager = await app.ShelterManagerAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (name, address) = ("Sığınacaq " + tag, "Gizli küçə " + tag);
        var viewer = CaseSteps.ViewerOf(manager, RoleCatalog.ShelterManager);
        var saved = await app.WithScopeAsync(sp => sp.GetRequiredService<ShelterService>().SaveShelterAsync(viewer, Manager, null,
            new() { Name = name, Ownership = ShelterOwnership.Ngo, Languages = "az,ru", Address = address }));
        Assert.Empty(saved!);
        var id = await DbAsync(db => db.Shelters.Where(s => s.Name == name).Select(s => s.Id).SingleAsync());
        foreach (var (label, restriction) in beds)
            Assert.Empty((await app.WithScopeAsync(sp => sp.GetRequiredService<ShelterService>().AddBedAsync(viewer, Manager, new() { ShelterId = id, Label = label, Restriction = restriction })))!);
        return (manager, id, name, address);
    }

    private static string? FreeCount(WebSession.Page page, string shelter) =>
        page.Document.QuerySelector($"tr[data-shelter='{shelter}'] [data-free]")?.TextContent.Trim();

    [Fact]
    public async Task The_bed_finder_answers_with_counts_never_an_address_and_a_hold_ends_by_itself()
    {
        var (manager, _, name, address) = await ShelterAsync(("A", BedRestriction.Women), ("B", BedRestriction.Women), ("C", BedRestriction.Men), ("D", BedRestriction.MotherWithChild));
        var investigator = await app.SquadInvestigatorAsync();
        using var squad = await app.SessionAsync(investigator);

        var women = await squad.GetAsync("/Accommodation/Beds?Search.Need=Woman");
        Assert.Equal("2", FreeCount(women, name));
        Assert.DoesNotContain(address, women.Html, StringComparison.Ordinal);
        Assert.Equal("1", FreeCount(await squad.GetAsync("/Accommodation/Beds?Search.Need=WomanWithChildren"), name));
        Assert.Null(FreeCount(await squad.GetAsync("/Accommodation/Beds?Search.Need=Child"), name));
        Assert.Null(FreeCount(await squad.GetAsync("/Accommodation/Beds?Search.Need=Woman&Search.Language=tr"), name)); // its staff speak az and ru

        // Bad input: a clear error naming the field, and no search.
        var bad = await squad.GetAsync("/Accommodation/Beds?Search.Need=");
        Assert.Equal("Choose who needs the bed.", bad.FieldError("Search_Need"));
        Assert.Null(bad.Document.QuerySelector("[data-bed-results]"));
        var childAccessible = await squad.GetAsync("/Accommodation/Beds?Search.Need=Child&Search.Accessible=true");
        Assert.NotNull(childAccessible.FieldError("Search_Accessible"));

        // A hold takes one bed out of the count until it ends by itself; the shelter is told, without an address.
        var held = await squad.SubmitAsync(women, $"tr[data-shelter='{name}'] form[action*='handler=Hold']");
        Assert.Contains("A bed is held for you.", held.Text, StringComparison.Ordinal);
        Assert.Equal("1", FreeCount(held, name));
        Assert.NotEmpty(await DbAsync(db => db.Notifications.Where(n => n.RecipientInstitutionId == manager.InstitutionId && n.Kind == AccommodationAudit.BedHeldNotice.Code).ToListAsync()));
        Assert.DoesNotContain(await DbAsync(db => db.Notifications.Select(n => n.CaseNumber).ToListAsync()), n => n != null && n.Contains(address, StringComparison.Ordinal));
        using var home = await app.SessionAsync(manager);
        var own = await home.GetAsync("/Accommodation/Shelters");
        Assert.Contains(address, own.Document.QuerySelector($"[data-own-shelter='{name}'] [data-shelter-address]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Held", own.Document.QuerySelector($"[data-own-shelter='{name}'] tr[data-bed='A']")!.GetAttribute("data-bed-state"));
        app.Time.Advance(TimeSpan.FromHours(ShelterService.DefaultHoldHours) + TimeSpan.FromMinutes(1));
        using var later = await app.SessionAsync(investigator); // (the first session ended while idle)
        Assert.Equal("2", FreeCount(await later.GetAsync("/Accommodation/Beds?Search.Need=Woman"), name));

        // Who may not look: a border officer; the manager's address never reaches another institution's pages.
        using var border = await app.SessionAsync(await app.BorderOfficerAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await border.GetAsync("/Accommodation/Beds?Search.Need=Woman")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await later.GetAsync("/Accommodation/Shelters")).Status);
    }

    [Fact]
    public async Task The_shelters_api_gives_counts_without_addresses_to_a_finder_only()
    {
        var (_, _, name, address) = await ShelterAsync(("A", BedRestriction.Women), ("B", BedRestriction.Accessible));
        var investigator = await app.SquadInvestigatorAsync();
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await app.TokenAsync(investigator, AccommodationModule.ReadScope));
        var response = await client.GetAsync("/api/v1/shelters?need=Woman&accessible=true");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(address, body, StringComparison.Ordinal);
        var rows = System.Text.Json.JsonDocument.Parse(body).RootElement.EnumerateArray().Where(e => e.GetProperty("name").GetString() == name).ToList();
        Assert.Equal(1, Assert.Single(rows).GetProperty("freeBeds").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/shelters")).StatusCode); // no need given
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/shelters?need=Woman&language=xx")).StatusCode);

        // A token of someone who does not look for beds (a border officer) is refused even with the scope.
        using var other = app.CreateClient();
        other.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await app.TokenAsync(await app.BorderOfficerAsync(), AccommodationModule.ReadScope));
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync("/api/v1/shelters?need=Woman")).StatusCode);
    }

    [Fact]
    public async Task The_shelter_that_accepted_the_referral_admits_and_discharges_and_the_address_stays_with_those_who_may_know_it()
    {
        var (manager, shelterId, name, address) = await ShelterAsync(("1", BedRestriction.Women));
        var (investigator, view) = await app.NewCaseAsync(CaseSteps.SampleInput("acc"));
        var squadViewer = CaseSteps.ViewerOf(investigator, RoleCatalog.Investigator);
        var shelterViewer = CaseSteps.ViewerOf(manager, RoleCatalog.ShelterManager);
        using var home = await app.SessionAsync(manager);
        // Before the referral is accepted the shelter cannot even see the case.
        Assert.Equal(HttpStatusCode.NotFound, (await home.GetAsync($"/Cases/Accommodation?id={view.Id}")).Status);
        Assert.Null(await app.WithScopeAsync(sp => sp.GetRequiredService<PlacementService>().AdmitAsync(shelterViewer, Manager, view.Id, Guid.NewGuid())));
        await app.WithScopeAsync(async sp =>
        {
            Assert.Empty((await sp.GetRequiredService<ConsentService>().RecordConsentAsync(squadViewer, view.Id, new() { Purposes = [ConsentPurpose.Services, ConsentPurpose.DataSharing], RecipientInstitutionId = manager.InstitutionId, Form = ConsentForm.Written, GivenOn = DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime) }))!);
            Assert.Empty((await sp.GetRequiredService<OnwardService>().SendAsync(squadViewer, view.Id, new() { Relation = Relation.Shelter, RecipientInstitutionId = manager.InstitutionId, Share = [DataClass.Identity, DataClass.Care] }))!);
        });
        var onwardId = await DbAsync(db => db.OnwardReferrals.Where(o => o.CaseId == view.Id).Select(o => o.Id).SingleAsync());
        Assert.True(await app.WithScopeAsync(sp => sp.GetRequiredService<OnwardService>().AnswerAsync(shelterViewer, onwardId, OnwardService.Answer.Accept)));

        var page = await home.GetAsync($"/Cases/Accommodation?id={view.Id}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var none = await home.SubmitAsync(page, "form[action*='handler=Admit']", new Dictionary<string, string> { ["BedId"] = "" });
        Assert.Equal("Choose a free bed of your shelter.", none.FieldError("BedId"));
        Assert.Equal(0, await DbAsync(db => db.Placements.CountAsync(p => p.CaseId == view.Id)));
        var bedId = await DbAsync(db => db.Beds.Where(b => b.ShelterId == shelterId).Select(b => b.Id).SingleAsync());
        var admitted = await home.SubmitAsync(page, "form[action*='handler=Admit']", new Dictionary<string, string> { ["BedId"] = bedId.ToString() });
        Assert.Contains("The person is admitted.", admitted.Text, StringComparison.Ordinal);
        Assert.Equal(name, admitted.Document.QuerySelector("[data-stay-shelter]")?.TextContent.Trim());
        Assert.Contains(address, admitted.Document.QuerySelector("[data-stay-address]")!.TextContent, StringComparison.Ordinal);

        // The Squad reads where the person is (it holds Contact & location); a colleague with the status only reads "placement confirmed".
        using var squad = await app.SessionAsync(investigator);
        Assert.Contains(address, (await squad.GetAsync($"/Cases/Accommodation?id={view.Id}")).Html, StringComparison.Ordinal);
        var colleague = await app.SquadInvestigatorAsync();
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            var c = await db.Cases.FirstAsync(x => x.Id == view.Id);
            db.Grants.Add(new Grant { CaseId = view.Id, CaseRecency = c.Recency, GranteeUserId = colleague.Id, Relation = Relation.Investigator, Read = DataClass.Status, Write = DataClass.None, ValidFrom = app.Time.GetUtcNow().AddMinutes(-1), GrantedBy = investigator.Id, Reason = "test" });
            await db.SaveChangesAsync();
        });
        using var narrow = await app.SessionAsync(colleague);
        var confirmed = await narrow.GetAsync($"/Cases/Accommodation?id={view.Id}");
        Assert.Equal(name, confirmed.Document.QuerySelector("[data-stay-shelter]")?.TextContent.Trim());
        Assert.Contains("Placement confirmed.", confirmed.Document.QuerySelector("[data-stay-address]")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(address, confirmed.Html, StringComparison.Ordinal);
        Assert.Null(confirmed.Document.QuerySelector("form[action*='handler=Discharge']"));

        // The bed is occupied: the finder no longer counts it, and a second admission of the same person is refused.
        Assert.Null(FreeCount(await squad.GetAsync("/Accommodation/Beds?Search.Need=Woman"), name));

        // Discharge: every answer is needed, a bad one saves nothing; then the stay closes and the bed is free again.
        var stay = await home.GetAsync($"/Cases/Accommodation?id={view.Id}");
        var bad = await home.SubmitAsync(stay, "form[action*='handler=Discharge']", new Dictionary<string, string>
        { ["Discharge.On.Day"] = "1", ["Discharge.On.Month"] = "1", ["Discharge.On.Year"] = "2099" });
        Assert.Equal("Choose why the stay ended.", bad.FieldError("Discharge_Reason"));
        Assert.Equal("Choose where the person went.", bad.FieldError("Discharge_Destination"));
        Assert.Equal("Say whether the person agreed to follow-up.", bad.FieldError("Discharge_FollowUpConsent"));
        Assert.NotNull(bad.FieldError("Discharge_On"));
        Assert.Null(await DbAsync(db => db.Placements.Where(p => p.CaseId == view.Id).Select(p => p.DischargedAt).SingleAsync()));
        var done = await home.SubmitAsync(stay, "form[action*='handler=Discharge']", new Dictionary<string, string>
        {
            ["Discharge.Reason"] = "FamilyReunification",
            ["Discharge.Destination"] = "Family",
            ["Discharge.FollowUpConsent"] = "true",
            ["Discharge.Notes"] = "Back with her mother",
        });
        Assert.Contains("The stay is closed and the bed is free.", done.Text, StringComparison.Ordinal);
        Assert.NotNull(done.Document.QuerySelector("[data-no-stay]"));
        Assert.Contains("Back with her mother", done.Document.QuerySelector("[data-past-stays]")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(address, (await squad.GetAsync($"/Cases/Accommodation?id={view.Id}")).Html, StringComparison.Ordinal); // no address after the stay
        Assert.Equal("1", FreeCount(await squad.GetAsync("/Accommodation/Beds?Search.Need=Woman"), name));
        var placement = await DbAsync(db => db.Placements.AsNoTracking().SingleAsync(p => p.CaseId == view.Id));
        Assert.Equal(DischargeReason.FamilyReunification, placement.Reason);
        Assert.True(placement.FollowUpConsent);
        Assert.NotNull(placement.NotesEnc);
        Assert.DoesNotContain("Back with her mother", System.Text.Encoding.UTF8.GetString(placement.NotesEnc!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_discharge_with_consent_schedules_four_follow_ups_that_reach_the_worker_escalate_when_missed_and_flag_the_unreachable()
    {
        var (manager, shelterId, _, _) = await ShelterAsync(("f", BedRestriction.Women));
        var (investigator, view) = await app.NewCaseAsync(CaseSteps.SampleInput("fu"));
        var bedId = await DbAsync(db => db.Beds.Where(b => b.ShelterId == shelterId).Select(b => b.Id).SingleAsync());
        var shelterViewer = CaseSteps.ViewerOf(manager, RoleCatalog.ShelterManager);
        var squadViewer = CaseSteps.ViewerOf(investigator, RoleCatalog.Investigator);
        await app.WithScopeAsync(async sp =>
        {
            Assert.Empty((await sp.GetRequiredService<ConsentService>().RecordConsentAsync(squadViewer, view.Id, new() { Purposes = [ConsentPurpose.Services, ConsentPurpose.DataSharing], RecipientInstitutionId = manager.InstitutionId, Form = ConsentForm.Written, GivenOn = DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime) }))!);
            Assert.Empty((await sp.GetRequiredService<OnwardService>().SendAsync(squadViewer, view.Id, new() { Relation = Relation.Shelter, RecipientInstitutionId = manager.InstitutionId, Share = [DataClass.Care] }))!);
        });
        var onwardId = await DbAsync(db => db.OnwardReferrals.Where(o => o.CaseId == view.Id).Select(o => o.Id).SingleAsync());
        Assert.True(await app.WithScopeAsync(sp => sp.GetRequiredService<OnwardService>().AnswerAsync(shelterViewer, onwardId, OnwardService.Answer.Accept)));
        Assert.Empty((await app.WithScopeAsync(sp => sp.GetRequiredService<PlacementService>().AdmitAsync(shelterViewer, Manager, view.Id, bedId)))!);
        var today = DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime);
        Assert.Empty((await app.WithScopeAsync(sp => sp.GetRequiredService<PlacementService>().DischargeAsync(shelterViewer, Manager, view.Id,
            new() { On = today, Reason = DischargeReason.PlanCompleted, Destination = DischargeDestination.IndependentHousing, FollowUpConsent = true })))!);
        Task<bool> UnreachableAsync() => app.WithScopeAsync(sp => sp.GetRequiredService<FollowUpService>().IsUnreachableAsync(view.Id));
        Assert.False(await UnreachableAsync());
        var due = await DbAsync(db => db.FollowUps.Where(f => f.CaseId == view.Id).OrderBy(f => f.Month).Select(f => new { f.Month, f.DueOn, f.ResponsibleUserId }).ToListAsync());
        Assert.Equal([1, 3, 6, 12], due.Select(f => f.Month));
        Assert.Equal([today.AddMonths(1), today.AddMonths(3), today.AddMonths(6), today.AddMonths(12)], due.Select(f => f.DueOn));
        Assert.All(due, f => Assert.Equal(manager.Id, f.ResponsibleUserId));

        // A week before the first one it is on the worker's home page; the investigator's home does not carry it.
        app.Time.Advance(today.AddMonths(1).AddDays(-7).ToDateTime(TimeOnly.MinValue) - app.Time.GetUtcNow().UtcDateTime);
        using (var home = await app.SessionAsync(manager))
            Assert.Contains(view.Number, (await home.GetAsync("/")).Document.QuerySelector("[data-home-panel='follow-ups']")?.TextContent ?? "", StringComparison.Ordinal);
        using (var squad = await app.SessionAsync(investigator))
            Assert.Null((await squad.GetAsync("/")).Document.QuerySelector("[data-home-panel='follow-ups']"));

        // Missed by more than a week: escalated once, to the shelter's managers, with the case number only.
        app.Time.Advance(TimeSpan.FromDays(7) + FollowUpService.Grace + TimeSpan.FromDays(1));
        // (The app's own job may run it too: twice or more, it escalates once.)
        await app.WithScopeAsync(sp => sp.GetRequiredService<FollowUpService>().EscalateMissedAsync());
        await app.WithScopeAsync(sp => sp.GetRequiredService<FollowUpService>().EscalateMissedAsync());
        var notices = await DbAsync(db => db.Notifications.Where(n => n.Kind == AccommodationAudit.FollowUpMissedNotice.Code && n.CaseId == view.Id).ToListAsync());
        var notice = Assert.Single(notices);
        Assert.Equal((manager.InstitutionId, RoleCatalog.ShelterManager), (notice.RecipientInstitutionId!.Value, notice.RecipientRole));
        // A missed, escalated follow-up already counts the person as not reachable.
        Assert.True(await UnreachableAsync());

        // Recording: bad input saves nothing; "not reached" flags the person on the case, and the Coordinator still counts them once.
        using var worker = await app.SessionAsync(manager);
        var page = await worker.GetAsync($"/Cases/Accommodation?id={view.Id}");
        Assert.Equal("overdue", page.Document.QuerySelector("[data-follow-up='1']")?.GetAttribute("data-follow-up-state"));
        var bad = await worker.SubmitAsync(page, "form[action*='handler=FollowUp']");
        Assert.Equal("Say whether you could reach the person.", bad.FieldError("FollowUp_Reached"));
        var reachedNoSituation = await worker.SubmitAsync(page, "form[action*='handler=FollowUp']", new Dictionary<string, string> { ["FollowUp.Reached"] = "true" });
        Assert.Equal("Choose how the person is doing.", reachedNoSituation.FieldError("FollowUp_Situation"));
        Assert.Equal(0, await DbAsync(db => db.FollowUps.CountAsync(f => f.CaseId == view.Id && f.DoneAt != null)));
        var recorded = await worker.SubmitAsync(page, "form[action*='handler=FollowUp']", new Dictionary<string, string> { ["FollowUp.Reached"] = "false", ["FollowUp.Notes"] = "Phone switched off; neighbours say she moved" });
        Assert.Contains("The follow-up is recorded.", recorded.Text, StringComparison.Ordinal);
        Assert.NotNull(recorded.Document.QuerySelector("[data-unreachable]"));
        Assert.True(await UnreachableAsync());
        Assert.True(await app.WithScopeAsync(sp => sp.GetRequiredService<FollowUpService>().UnreachableCountAsync()) >= 1);
        using var coordinator = await app.SessionAsync(await app.CreateUserAsync(InstitutionKind.NationalCoordinator, [RoleCatalog.Coordinator]));
        var figures = (await coordinator.GetAsync("/")).Document.QuerySelector("[data-home-panel='unreachable']");
        Assert.NotNull(figures);
        Assert.DoesNotContain(view.Number, figures.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // the API's admission, each with its own Idempotency-Key: it takes no writers' lock, the unique index decides
    public async Task Fifty_concurrent_admissions_for_the_last_bed_give_one_placement_and_forty_nine_clear_refusals(bool api)
    {
        var (manager, shelterId, _, _) = await ShelterAsync(("last", BedRestriction.None));
        var bedId = await DbAsync(db => db.Beds.Where(b => b.ShelterId == shelterId).Select(b => b.Id).SingleAsync());
        var investigator = await app.SquadInvestigatorAsync();
        var caseIds = new List<Guid>();
        for (var i = 0; i < 50; i++)
            caseIds.Add((await app.WithScopeAsync(sp => sp.GetRequiredService<CaseService>()
                .CreateAsync(CaseSteps.ViewerOf(investigator, RoleCatalog.Investigator), CaseSteps.SampleInput("c" + i)))).Id);
        // Each case was referred to the shelter and accepted: the shelter holds each one through its grant.
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            foreach (var c in await db.Cases.Where(c => caseIds.Contains(c.Id)).ToListAsync())
                db.Grants.Add(new Grant { CaseId = c.Id, CaseRecency = c.Recency, GranteeInstitutionId = manager.InstitutionId, Relation = Relation.Shelter, Read = DataClass.Status | DataClass.Identity, Write = DataClass.Care, ValidFrom = app.Time.GetUtcNow().AddMinutes(-1), GrantedBy = investigator.Id, Reason = "onward referral accepted" });
            await db.SaveChangesAsync();
        });
        var viewer = CaseSteps.ViewerOf(manager, RoleCatalog.ShelterManager);
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("en"); // the services' messages, as a page in English would show them
        var answers = await Task.WhenAll(caseIds.Select(id => Task.Run(() => app.WithScopeAsync(async sp => api
            ? (await sp.GetRequiredService<PlacementService>().AdmitOnceAsync(viewer, Manager, id, bedId, null,
                new Ariadne.Web.Platform.Api.IdempotentRequest("admit-" + id.ToString("N"), "hash-" + id.ToString("N"), "Placement"))).Errors
            : await sp.GetRequiredService<PlacementService>().AdmitAsync(viewer, Manager, id, bedId)))));
        Assert.Single(answers, a => a is { Count: 0 });
        var refusals = answers.Where(a => a is { Count: > 0 }).ToList();
        Assert.Equal(49, refusals.Count);
        Assert.All(refusals, r => Assert.Equal("That bed was taken a moment ago. Choose another bed.", Assert.Single(r!["BedId"])));
        Assert.Equal(1, await DbAsync(db => db.Placements.CountAsync(p => p.BedId == bedId && p.DischargedAt == null)));
    }

    [Fact]
    public async Task Twenty_concurrent_discharges_of_one_stay_close_it_once_and_schedule_its_follow_ups_once()
    {
        // Discharge takes no writers' lock: the stay is claimed by a conditional update, and the losers are refused clearly.
        var (manager, shelterId, _, _) = await ShelterAsync(("d", BedRestriction.None));
        var bedId = await DbAsync(db => db.Beds.Where(b => b.ShelterId == shelterId).Select(b => b.Id).SingleAsync());
        var (investigator, view) = await app.NewCaseAsync(CaseSteps.SampleInput("dd"));
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            var c = await db.Cases.SingleAsync(c => c.Id == view.Id);
            db.Grants.Add(new Grant { CaseId = c.Id, CaseRecency = c.Recency, GranteeInstitutionId = manager.InstitutionId, Relation = Relation.Shelter, Read = DataClass.Status | DataClass.Identity, Write = DataClass.Care, ValidFrom = app.Time.GetUtcNow().AddMinutes(-1), GrantedBy = investigator.Id, Reason = "onward referral accepted" });
            await db.SaveChangesAsync();
        });
        var viewer = CaseSteps.ViewerOf(manager, RoleCatalog.ShelterManager);
        Assert.Empty((await app.WithScopeAsync(sp => sp.GetRequiredService<PlacementService>().AdmitAsync(viewer, Manager, view.Id, bedId)))!);
        var today = DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime);
        PlacementService.DischargeInput Input() => new() { On = today, Reason = DischargeReason.PlanCompleted, Destination = DischargeDestination.IndependentHousing, FollowUpConsent = true };
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("en");
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => app.WithScopeAsync(async sp => i % 2 == 0
            ? await sp.GetRequiredService<PlacementService>().DischargeAsync(viewer, Manager, view.Id, Input())
            : (await sp.GetRequiredService<PlacementService>().DischargeOnceAsync(viewer, Manager, view.Id, Input(),
                new Ariadne.Web.Platform.Api.IdempotentRequest("discharge-" + i, "hash-" + i, "Placement"))).Errors))));
        Assert.Single(answers, a => a is { Count: 0 });
        Assert.All(answers.Where(a => a is not { Count: 0 }), a => Assert.Equal("The person is not in your shelter.", Assert.Single(a!.Values.SelectMany(v => v))));
        Assert.Equal(1, await DbAsync(db => db.Placements.CountAsync(p => p.CaseId == view.Id && p.DischargedAt != null)));
        Assert.Equal(4, await DbAsync(db => db.FollowUps.CountAsync(f => f.CaseId == view.Id)));
        string discharged = AccommodationAudit.Discharged;
        Assert.Equal(1, await DbAsync(db => db.AuditEvents.CountAsync(e => e.CaseId == view.Id && e.Action == discharged && e.Outcome == AuditOutcome.Allowed)));
    }
}

// On PostgreSQL only (the production database): this class tests a feature, not the database. Its pages' queries run on SQLite
// too, in the sweep of every handler (SweepTests) and the crawl of every page by every role (UniqueIdTests).
public sealed class AccommodationTestsOnPostgres(PostgresApp app) : AccommodationTests(app), IClassFixture<PostgresApp>;
