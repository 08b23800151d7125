using System.Globalization;
using System.Net;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Accommodation;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Features.Protection;
using Ariadne.Web.Features.Reintegration;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>Attack probes (round 13): reintegration, case closure, accommodation and services, as another institution's user.</summary>
public abstract class Attack13(AriadneApp app)
{
    private Task<T> DbAsync<T>(Func<AriadneDbContext, Task<T>> query) => app.WithScopeAsync(sp => query(sp.GetRequiredService<AriadneDbContext>()));

    private Task<T> ReAsync<T>(Func<ReintegrationService, Task<T>> work) => app.WithScopeAsync(sp => work(sp.GetRequiredService<ReintegrationService>()));

    private DateOnly Today => DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime);

    private static Viewer Squad(TestUser u) => CaseSteps.ViewerOf(u, RoleCatalog.Investigator);

    /// <summary>A user of a fresh institution of the kind (the test users otherwise share one institution per kind).</summary>
    private async Task<TestUser> FreshAsync(InstitutionKind kind, string role, TrainingTopic[]? trainings = null)
    {
        var user = await app.CreateUserAsync(kind, [role], trainings);
        var institutionId = await DbAsync(async db =>
        {
            var tag = Guid.NewGuid().ToString("N")[..6];
            var own = new Institution { Name = "Attack " + tag, Code = "T-A13-" + tag, Kind = kind, CreatedAt = app.Time.GetUtcNow() };
            db.Institutions.Add(own);
            await db.SaveChangesAsync();
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.InstitutionId, own.Id));
            return own.Id;
        });
        return user with { InstitutionId = institutionId };
    }

    private Task<TestUser> PartnerAsync() => FreshAsync(InstitutionKind.InternationalPartner, RoleCatalog.PartnerOfficer);

    private Task<Dictionary<string, string[]>?> ConsentAsync(TestUser investigator, Guid caseId, Guid recipient, params ConsentPurpose[] purposes) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<ConsentService>().RecordConsentAsync(Squad(investigator), caseId, new()
        {
            Purposes = [.. purposes],
            RecipientInstitutionId = recipient,
            Form = ConsentForm.Written,
            GivenOn = Today,
        }));

    private ReintegrationService.RepatriationInput Plan(Guid partnerId, string number = "P-A13SECRET") => new()
    {
        DestinationCountry = "TUR",
        PartnerInstitutionId = partnerId,
        DocumentType = TravelDocumentType.Passport,
        DocumentStatus = TravelDocumentStatus.Issued,
        DocumentNumber = number,
        Escort = EscortKind.PartnerStaff,
        EscortBy = "Partner office",
        PlannedOn = Today.AddDays(10),
        ArrivalPoint = "Istanbul Airport",
        ReceivingOrganisation = "Receiving shelter",
        NeedsOnArrival = "A13NEEDS",
    };

    /// <summary>The antiforgery token of the session's user, from any form it can load.</summary>
    private static async Task<string> TokenOfAsync(WebSession session, string url)
    {
        var page = await session.GetAsync(url);
        return page.Document.QuerySelector("input[name=__csrf]")?.GetAttribute("value")
            ?? throw new InvalidOperationException("No antiforgery token on " + url);
    }

    private static async Task<WebSession.Page> ForgeAsync(WebSession session, string token, string url, Dictionary<string, string> fields)
    {
        fields["__csrf"] = token;
        var response = await session.Client.PostAsync(url, new FormUrlEncodedContent(fields));
        return await WebSession.Page.ReadAsync(response);
    }

    private static readonly string[] Secrets = ["Qəmbərova", "Nizami", "Gəncə", "Otel Qafqaz", "Türkiyədə məcburi", "Astma", "887766", "777 66 55", "Psixoloji", "Cinayət",
        "P-A13SECRET", "A13NEEDS", "A13FLAGNOTE", "A13REF"];

    private static void NoSecrets(string html)
    {
        foreach (var secret in Secrets)
            Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
    }

    /// <summary>A victim case with a repatriation, an open flag and a witness measure: returns their ids.</summary>
    private async Task<(TestUser Investigator, CaseService.CaseView View, Guid FlagId, Guid MeasureId, TestUser Partner)> VictimAsync(string tag)
    {
        var (investigator, view) = await app.NewCaseAsync(CaseSteps.SampleInput(tag));
        var partner = await PartnerAsync();
        var squad = Squad(investigator);
        Assert.Empty((await ReAsync(s => s.SaveRepatriationAsync(squad, view.Id, Plan(partner.InstitutionId))))!);
        Assert.Empty((await ReAsync(s => s.FlagAsync(squad, view.Id, new() { Indicators = [RetraffickingIndicator.Debt], ObservedOn = Today, Note = "A13FLAGNOTE" })))!);
        Assert.Empty((await ReAsync(s => s.SaveMeasureAsync(squad, view.Id, new() { Kind = WitnessMeasureKind.PoliceEscort, Status = WitnessMeasureStatus.Requested, Reference = "A13REF-1" })))!);
        var flagId = await DbAsync(db => db.RetraffickingFlags.Where(f => f.CaseId == view.Id).Select(f => f.Id).SingleAsync());
        var measureId = await DbAsync(db => db.WitnessMeasures.Where(f => f.CaseId == view.Id).Select(f => f.Id).SingleAsync());
        return (investigator, view, flagId, measureId, partner);
    }

    [Fact]
    public async Task A_refused_edit_of_a_case_closed_without_an_outcome_changes_nothing()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("en");
        var (investigator, view) = await app.NewCaseAsync(CaseSteps.SampleInput("legacy"));
        // A case closed before closure outcomes existed: Closed, no outcome.
        await DbAsync(db => db.Cases.Where(c => c.Id == view.Id).ExecuteUpdateAsync(c => c.SetProperty(x => x.Status, CaseStatus.Closed)));
        var outcome = await app.WithScopeAsync(sp => sp.GetRequiredService<CaseService>().UpdateAsync(Squad(investigator), view.Id, new CaseInput { FamilyName = "Dəyişdirilmiş" }));
        Assert.Equal(CaseService.UpdateOutcome.ClosureNeedsOutcome, outcome);
        var after = await app.WithScopeAsync(sp => sp.GetRequiredService<CaseService>().ReadAsync(Squad(investigator), view.Id, CasesAudit.View));
        // Refused, so nothing may change.
        Assert.Equal("Qəmbərova", after!.Fields["familyName"]);
    }

    [Fact]
    public async Task The_partner_view_ends_when_the_case_becomes_a_childs()
    {
        var (investigator, view, _, _, partner) = await VictimAsync("minor");
        Assert.Empty((await ConsentAsync(investigator, view.Id, partner.InstitutionId, ConsentPurpose.Repatriation))!);
        Assert.Empty((await ReAsync(s => s.ShareAsync(Squad(investigator), view.Id)))!);
        using var home = await app.SessionAsync(partner);
        var rid = await DbAsync(db => db.Repatriations.Where(r => r.CaseId == view.Id).Select(r => r.Id).SingleAsync());
        Assert.NotNull((await home.GetAsync("/Reintegration/Partner")).Document.QuerySelector($"[data-partner-row='{rid}']"));
        // The person turns out to be a child (flagged by the investigator): a child's travel details never go to a whole institution.
        Assert.Equal(CaseService.UpdateOutcome.Updated,
            await app.WithScopeAsync(sp => sp.GetRequiredService<CaseService>().UpdateAsync(Squad(investigator), view.Id, new CaseInput { IsMinor = true })));
        Assert.True(await DbAsync(db => db.Cases.Where(c => c.Id == view.Id).Select(c => c.IsMinor).SingleAsync()));
        var after = await home.GetAsync("/Reintegration/Partner");
        Assert.Null(after.Document.QuerySelector($"[data-partner-row='{rid}']"));
    }

    [Fact]
    public async Task A_shelter_without_identity_writes_no_document_numbers_and_does_not_retarget_the_partner()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("en");
        var (investigator, view, _, _, partner) = await VictimAsync("shrp");
        var manager = await app.ShelterManagerAsync();
        var squadViewer = Squad(investigator);
        var shelterViewer = CaseSteps.ViewerOf(manager, RoleCatalog.ShelterManager);
        Assert.Empty((await ConsentAsync(investigator, view.Id, manager.InstitutionId, ConsentPurpose.Services, ConsentPurpose.DataSharing))!);
        Assert.Empty((await app.WithScopeAsync(sp => sp.GetRequiredService<OnwardService>().SendAsync(squadViewer, view.Id,
            new() { Relation = Relation.Shelter, RecipientInstitutionId = manager.InstitutionId, Share = [DataClass.Care] })))!);
        var onwardId = await DbAsync(db => db.OnwardReferrals.Where(o => o.CaseId == view.Id).Select(o => o.Id).SingleAsync());
        Assert.True(await app.WithScopeAsync(sp => sp.GetRequiredService<OnwardService>().AnswerAsync(shelterViewer, onwardId, OnwardService.Answer.Accept)));
        Assert.Empty((await ConsentAsync(investigator, view.Id, partner.InstitutionId, ConsentPurpose.Repatriation))!);
        Assert.Empty((await ReAsync(s => s.ShareAsync(squadViewer, view.Id)))!);

        // The shelter reads no Identity: it must not see the numbers ...
        var state = await ReAsync(s => s.ReadAsync(shelterViewer, view.Id));
        Assert.NotNull(state);
        Assert.All(state!.Repatriation?.Documents ?? [], d => Assert.Null(d.Number));
        // ... nor write them, nor move the journey to another partner (which ends the Squad's share).
        var other = await PartnerAsync();
        // Same partner, only a new passport number (Identity, which the shelter neither reads nor writes).
        var forgedNumber = await ReAsync(s => s.SaveRepatriationAsync(shelterViewer, view.Id, Plan(partner.InstitutionId, "P-FORGED-1")));
        var afterNumber = (await ReAsync(s => s.ReadAsync(squadViewer, view.Id)))!.Repatriation!;
        var numberKept = afterNumber.Documents.Single(d => d.Type == TravelDocumentType.Passport).Number;
        var forged = await ReAsync(s => s.SaveRepatriationAsync(shelterViewer, view.Id, Plan(other.InstitutionId)));
        var numbers = (await ReAsync(s => s.ReadAsync(squadViewer, view.Id)))!.Repatriation!;
        Assert.Multiple(
            () => Assert.Equal("P-A13SECRET", numberKept),
            () => Assert.NotEmpty(forgedNumber!),
            () => Assert.Equal(partner.InstitutionId, numbers.PartnerInstitutionId),
            () => Assert.NotNull(numbers.SharedAt),
            () => Assert.NotEmpty(forged!));
    }

    [Fact]
    public async Task Forged_posts_from_another_squad_are_404_audited_and_change_nothing()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("en");
        var (_, view, flagId, measureId, partner) = await VictimAsync("idor");
        var attacker = await FreshAsync(InstitutionKind.AntiTraffickingSquad, RoleCatalog.Investigator, [TrainingTopic.AntiTrafficking]);
        var own = await app.WithScopeAsync(sp => sp.GetRequiredService<CaseService>().CreateAsync(Squad(attacker), new CaseInput
        {
            GivenName = "Ownname",
            FamilyName = "Ownfamily",
            DateOfBirth = "1990-01-01",
            Sex = "female",
            Citizenship = "AZE",
            DocumentNumber = "AZE11112222",
            Situation = "Own situation",
        }));
        using var session = await app.SessionAsync(attacker);
        var token = await TokenOfAsync(session, $"/Cases/Reintegration?id={own.Id}");
        var before = await DbAsync(db => db.AuditEvents.CountAsync(e => (e.CaseId == view.Id || e.TargetId == view.Id) && e.ActorUserId == attacker.Id && e.Outcome == Ariadne.Web.Platform.Audit.AuditOutcome.Denied));

        var r = $"/Cases/Reintegration?id={view.Id}";
        var posts = new (string Url, Dictionary<string, string> Fields)[]
        {
            (r + "&handler=CloseFlag&flagId=" + flagId, []),
            (r + "&handler=Step", new() { ["Step.MeasureId"] = measureId.ToString(), ["Step.Status"] = "Ended" }),
            (r + "&handler=Share", []),
            (r + "&handler=Flag", new() { ["Flag.Indicators"] = "Debt", ["Flag.ObservedOn"] = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }),
            (r + "&handler=Measure", new() { ["Measure.Kind"] = "PoliceEscort", ["Measure.Status"] = "Requested" }),
            (r + "&handler=Progress", new() { ["Progress.Status"] = "Cancelled", ["Progress.Reason"] = "x" }),
            (r + "&handler=Repatriation", new() { ["Repatriation.DestinationCountry"] = "TUR", ["Repatriation.PartnerName"] = "Evil", ["Repatriation.Escort"] = "PartnerStaff",
                ["Repatriation.PlannedOn"] = Today.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }),
            ($"/Cases/Accommodation?id={view.Id}&handler=Admit", new() { ["BedId"] = Guid.NewGuid().ToString() }),
            ($"/Cases/Accommodation?id={view.Id}&handler=Alias", new() { ["Alias"] = "x" }),
            ($"/Cases/Accommodation?id={view.Id}&handler=Discharge", new() { ["Discharge.Reason"] = "Other" }),
            ($"/Cases/Accommodation?id={view.Id}&handler=FollowUp", new() { ["FollowUp.Reached"] = "false" }),
            ($"/Cases/Services?id={view.Id}&handler=Goal", new() { ["Goal.Text"] = "x" }),
            ($"/Cases/Services?id={view.Id}&handler=Claim", []),
            ($"/Cases/Services?id={view.Id}&handler=Book", []),
            ($"/Cases/Services?id={view.Id}&handler=Step", []),
            ($"/Cases/Services?id={view.Id}&handler=Refer", []),
            ($"/Cases/Services?id={view.Id}&handler=End&serviceId=" + Guid.NewGuid(), []),
            ($"/Cases/{view.Id}/Edit?Section=Status&handler=Update", new() { ["Input.Status"] = "Closed", ["Input.ClosureOutcome"] = "Other" }),
        };
        Task<int> DenialsAsync() => DbAsync(db => db.AuditEvents.CountAsync(e => (e.CaseId == view.Id || e.TargetId == view.Id) && e.ActorUserId == attacker.Id
            && e.Outcome == Ariadne.Web.Platform.Audit.AuditOutcome.Denied));
        var unaudited = new List<string>();
        foreach (var (url, fields) in posts)
        {
            var n = await DenialsAsync();
            var page = await ForgeAsync(session, token, url, fields);
            Assert.True(page.Status == HttpStatusCode.NotFound, $"{url} answered {page.Status}");
            NoSecrets(page.Html);
            if (await DenialsAsync() == n && !url.Contains("handler=End", StringComparison.Ordinal))
                unaudited.Add(url);
        }
        // Cross-case: the attacker's own case with the victim's flag and measure ids.
        var mine = $"/Cases/Reintegration?id={own.Id}";
        var cross1 = await ForgeAsync(session, token, mine + "&handler=CloseFlag&flagId=" + flagId, []);
        var cross2 = await ForgeAsync(session, token, mine + "&handler=Step", new() { ["Step.MeasureId"] = measureId.ToString(), ["Step.Status"] = "Ended" });
        Assert.NotEqual(HttpStatusCode.InternalServerError, cross1.Status);
        Assert.NotEqual(HttpStatusCode.InternalServerError, cross2.Status);
        NoSecrets(cross1.Html);
        NoSecrets(cross2.Html);

        Assert.Null(await DbAsync(db => db.RetraffickingFlags.Where(f => f.Id == flagId).Select(f => f.ClosedAt).SingleAsync()));
        Assert.Equal(WitnessMeasureStatus.Requested, await DbAsync(db => db.WitnessMeasures.Where(f => f.Id == measureId).Select(f => f.Status).SingleAsync()));
        Assert.Equal(1, await DbAsync(db => db.RetraffickingFlags.CountAsync(f => f.CaseId == view.Id)));
        Assert.Equal(1, await DbAsync(db => db.WitnessMeasures.CountAsync(f => f.CaseId == view.Id)));
        Assert.Null(await DbAsync(db => db.Repatriations.Where(x => x.CaseId == view.Id).Select(x => x.SharedAt).SingleAsync()));
        Assert.Equal(RepatriationStatus.Planned, await DbAsync(db => db.Repatriations.Where(x => x.CaseId == view.Id).Select(x => x.Status).SingleAsync()));
        Assert.Equal(partner.InstitutionId, await DbAsync(db => db.Repatriations.Where(x => x.CaseId == view.Id).Select(x => x.PartnerInstitutionId).SingleAsync()));
        var after = await DbAsync(db => db.AuditEvents.CountAsync(e => (e.CaseId == view.Id || e.TargetId == view.Id) && e.ActorUserId == attacker.Id && e.Outcome == Ariadne.Web.Platform.Audit.AuditOutcome.Denied));
        // Every refused write against the victim's case leaves a denial.
        Assert.True(unaudited.Count == 0, "no denial audited for: " + string.Join(" | ", unaudited));
    }

    [Fact]
    public async Task Outsiders_get_404_on_the_tabs_and_no_secrets()
    {
        var (_, view, _, _, _) = await VictimAsync("out");
        var users = new[]
        {
            await FreshAsync(InstitutionKind.AntiTraffickingSquad, RoleCatalog.Investigator, [TrainingTopic.AntiTrafficking]),
            await FreshAsync(InstitutionKind.Prosecution, RoleCatalog.Prosecutor),
            await app.BorderOfficerAsync(),
            await PartnerAsync(),
            await app.ShelterManagerAsync(),
        };
        foreach (var user in users)
        {
            using var s = await app.SessionAsync(user);
            foreach (var url in new[] { $"/Cases/Reintegration?id={view.Id}", $"/Cases/Accommodation?id={view.Id}", $"/Cases/Services?id={view.Id}", "/Reintegration/Partner" })
            {
                var page = await s.GetAsync(url);
                Assert.NotEqual(HttpStatusCode.InternalServerError, page.Status);
                if (!url.StartsWith("/Reintegration", StringComparison.Ordinal))
                    Assert.True(page.Status == HttpStatusCode.NotFound, $"{user.UserName} {url}: {page.Status}");
                NoSecrets(page.Html);
            }
        }
    }

    [Fact]
    public async Task Bad_input_on_the_reintegration_tab_is_a_field_error_not_a_500()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("en");
        var (investigator, view, _, measureId, _) = await VictimAsync("bad");
        using var session = await app.SessionAsync(investigator);
        var token = await TokenOfAsync(session, $"/Cases/Reintegration?id={view.Id}");
        var r = $"/Cases/Reintegration?id={view.Id}";
        var huge = new string('x', 200_000);
        var posts = new (string Url, Dictionary<string, string> Fields)[]
        {
            (r + "&handler=Flag", new() { ["Flag.Indicators"] = "99999", ["Flag.ObservedOn"] = "0001-01-01", ["Flag.Note"] = huge }),
            (r + "&handler=Flag", new() { ["Flag.Indicators"] = "Bogus", ["Flag.ObservedOn"] = "9999-12-31" }),
            (r + "&handler=Flag", new() { ["Flag.Indicators"] = "-1", ["Flag.ObservedOn"] = "not a date" }),
            (r + "&handler=Measure", new() { ["Measure.Kind"] = "77", ["Measure.Status"] = "Ended", ["Measure.Reference"] = huge }),
            (r + "&handler=Measure", new() { ["Measure.Kind"] = "Relocation", ["Measure.Status"] = "InPlace", ["Measure.HeldByInstitutionId"] = Guid.NewGuid().ToString() }),
            (r + "&handler=Step", new() { ["Step.MeasureId"] = "not-a-guid", ["Step.Status"] = "-5" }),
            (r + "&handler=Step", new() { ["Step.MeasureId"] = measureId.ToString(), ["Step.Status"] = "Requested" }),
            (r + "&handler=Progress", new() { ["Progress.Status"] = "Received", ["Progress.On"] = "0001-01-01", ["Progress.Reason"] = huge }),
            (r + "&handler=Progress", new() { ["Progress.Status"] = "Cancelled", ["Progress.Reason"] = huge }),
            (r + "&handler=Repatriation", new() { ["Repatriation.DestinationCountry"] = huge, ["Repatriation.PartnerInstitutionId"] = Guid.NewGuid().ToString(),
                ["Repatriation.DocumentType"] = "42", ["Repatriation.DocumentStatus"] = "Issued", ["Repatriation.DocumentNumber"] = huge, ["Repatriation.Escort"] = "-3",
                ["Repatriation.PlannedOn"] = "9999-12-31", ["Repatriation.NeedsOnArrival"] = huge, ["Repatriation.EscortBy"] = huge }),
            (r + "&handler=Repatriation", new() { ["Repatriation.DestinationCountry"] = "TUR", ["Repatriation.PartnerName"] = "X", ["Repatriation.Escort"] = "PartnerStaff",
                ["Repatriation.PlannedOn"] = "0001-01-01" }),
            (r + "&handler=CloseFlag&flagId=zzz", []),
            ($"/Cases/Accommodation?id={view.Id}&handler=Discharge", new() { ["Discharge.On"] = "0001-01-01", ["Discharge.Reason"] = "999", ["Discharge.Notes"] = huge }),
            ($"/Cases/Accommodation?id={view.Id}&handler=FollowUp", new() { ["FollowUp.FollowUpId"] = Guid.NewGuid().ToString(), ["FollowUp.Reached"] = "true", ["FollowUp.Situation"] = "-1", ["FollowUp.Notes"] = huge }),
            ($"/Cases/Accommodation?id={view.Id}&handler=Alias", new() { ["Alias"] = huge }),
            ($"/Cases/Services?id={view.Id}&handler=Goal", new() { ["Goal.Text"] = huge, ["Goal.Status"] = "-9" }),
            ($"/Cases/Services?id={view.Id}&handler=Claim", new() { ["Claim.Amount"] = "-1000000000000000000000", ["Claim.ClaimedOn"] = "0001-01-01", ["Claim.Against"] = "77" }),
            ($"/Cases/Services?id={view.Id}&handler=Step", new() { ["Step.ClaimId"] = Guid.NewGuid().ToString(), ["Step.Amount"] = "-5", ["Step.Stage"] = "Paid" }),
            ($"/Cases/Services?id={view.Id}&handler=Book", new() { ["Booking.Language"] = huge, ["Booking.On"] = "9999-12-31" }),
            ($"/Cases/Services?id={view.Id}&handler=Session", new() { ["SessionServiceId"] = Guid.NewGuid().ToString(), ["Session.Minutes"] = "-4", ["Session.HeldOn"] = "0001-01-01" }),
            ($"/Cases/{view.Id}/Edit?Section=Status&handler=Update", new() { ["Input.Status"] = "Closed", ["Input.ClosureOutcome"] = "9999" }),
            ($"/Cases/{view.Id}/Edit?Section=Status&handler=Update", new() { ["Input.Status"] = "Active", ["Input.ClosureOutcome"] = "Other" }),
        };
        foreach (var (url, fields) in posts)
        {
            var page = await ForgeAsync(session, token, url, fields);
            Assert.True((int)page.Status < 500, $"{url} [{string.Join(",", fields.Keys)}] answered {page.Status}");
        }
        Assert.Equal(1, await DbAsync(db => db.RetraffickingFlags.CountAsync(f => f.CaseId == view.Id)));
        Assert.Equal(1, await DbAsync(db => db.WitnessMeasures.CountAsync(f => f.CaseId == view.Id)));
        Assert.Equal(CaseStatus.Active, await DbAsync(db => db.Cases.Where(c => c.Id == view.Id).Select(c => c.Status).SingleAsync()));
    }

    [Fact]
    public async Task Apis_answer_404_for_a_case_the_caller_cannot_see()
    {
        var (_, view, _, _, _) = await VictimAsync("api");
        var attacker = await FreshAsync(InstitutionKind.AntiTraffickingSquad, RoleCatalog.Investigator, [TrainingTopic.AntiTrafficking]);
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            await app.TokenAsync(attacker, "cases.read cases.write placements.read"));
        foreach (var url in new[] { $"/api/v1/placements?caseId={view.Id}", $"/api/v1/services?caseId={view.Id}" })
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url}: {response.StatusCode}");
            NoSecrets(await response.Content.ReadAsStringAsync());
        }
        using var session = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/services/{Guid.NewGuid()}/sessions")
        { Content = System.Net.Http.Json.JsonContent.Create(new { heldOn = Today, minutes = 30, outcome = "x" }) };
        session.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(session)).StatusCode);

        var shelter = await app.ShelterManagerAsync();
        using var staff = app.CreateClient();
        staff.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await app.TokenAsync(shelter, "placements.read placements.write"));
        using var admit = new HttpRequestMessage(HttpMethod.Post, "/api/v1/placements") { Content = System.Net.Http.Json.JsonContent.Create(new { caseId = view.Id, bedId = Guid.NewGuid(), alias = "x" }) };
        admit.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var admitted = await staff.SendAsync(admit);
        Assert.Equal(HttpStatusCode.NotFound, admitted.StatusCode);
        NoSecrets(await admitted.Content.ReadAsStringAsync());
        var mine = await staff.GetAsync("/api/v1/placements");
        Assert.True(mine.StatusCode == HttpStatusCode.OK, mine.StatusCode.ToString());
        Assert.DoesNotContain(view.Id.ToString(), await mine.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await DbAsync(db => db.Placements.CountAsync(p => p.CaseId == view.Id)));
    }
}

public sealed class Attack13OnSqlite(SqliteApp app) : Attack13(app), IClassFixture<SqliteApp>;
