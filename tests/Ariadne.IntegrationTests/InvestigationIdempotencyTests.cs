using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Investigation;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>
/// Retried requests do not create duplicates, in the investigation module: adding a party, recording a coercive measure, a
/// non-punishment decision, a stage, a custody event and an item of a request abroad, once per <c>Idempotency-Key</c> through
/// the API (the same key and body: done once, answered alike; another body: 422; no key: 400) and once per form key through
/// the pages (a double-submitted form records once; the form sent again with other values is refused). And a granted
/// connection request names its target to the requester only while the grant is in force.
/// </summary>
public abstract class InvestigationIdempotencyTests(AriadneApp app)
{
    private static readonly string[] Investigator = [RoleCatalog.Investigator];
    private static readonly string[] Prosecutor = [RoleCatalog.Prosecutor];
    private const string Scopes = "investigations.read investigations.write evidence.read evidence.write entities.read entities.write cooperation.read cooperation.write";

    private Task<T> Files<T>(Func<CriminalFiles, Task<T>> call) => app.WithScopeAsync(sp => call(sp.GetRequiredService<CriminalFiles>()));

    private Task<T> Links<T>(Func<LinkAnalysis, Task<T>> call) => app.WithScopeAsync(sp => call(sp.GetRequiredService<LinkAnalysis>()));

    private Task<T> DbAsync<T>(Func<AriadneDbContext, Task<T>> query) => app.WithScopeAsync(sp => query(sp.GetRequiredService<AriadneDbContext>()));

    private DateOnly Today => DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime);

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string NewTag() => Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    /// <summary>A user (able to sign in) of a new institution of the kind.</summary>
    private Task<TestUser> UserAsync(InstitutionKind kind, string[] roles) => app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AriadneDbContext>();
        var users = sp.GetRequiredService<UserManager<AriadneUser>>();
        var institution = new Institution { Name = "ID " + kind + " " + NewTag(), Code = "ID-" + NewTag(), Kind = kind, CreatedAt = app.Time.GetUtcNow() };
        db.Institutions.Add(institution);
        await db.SaveChangesAsync();
        var user = new AriadneUser { UserName = "id" + NewTag().ToLowerInvariant(), DisplayName = "Idempotency user", InstitutionId = institution.Id, CreatedAt = app.Time.GetUtcNow() };
        Assert.True((await users.CreateAsync(user, AriadneApp.Password)).Succeeded);
        Assert.True((await users.AddToRolesAsync(user, roles)).Succeeded);
        Assert.True((await users.ResetAuthenticatorKeyAsync(user)).Succeeded);
        var key = await users.GetAuthenticatorKeyAsync(user);
        Assert.True((await users.SetTwoFactorEnabledAsync(user, true)).Succeeded);
        return new TestUser(user.Id, user.UserName, AriadneApp.Password, key, institution.Id);
    });

    private sealed record World(TestUser Lead, Viewer Inv, Guid FileId, Guid SuspectId, Guid VictimId, Guid ItemId, Guid RequestId);

    /// <summary>The Squad's file with a suspect and a victim, an evidence item, and a draft request abroad.</summary>
    private async Task<World> WorldAsync()
    {
        CultureInfo.CurrentUICulture = new("en");
        var tag = NewTag();
        var lead = await UserAsync(InstitutionKind.AntiTraffickingSquad, Investigator);
        var inv = CaseSteps.ViewerOf(lead, Investigator);
        var (id, errors) = await Files(f => f.OpenAsync(inv, Investigator, new CriminalFiles.OpenInput { Title = "ID file " + tag, Offences = ["144-1.1"] }));
        Assert.Empty(errors);
        var fileId = id!.Value;
        Assert.Empty((await Files(f => f.AddPartyAsync(inv, fileId, new() { Role = PartyRole.Suspect, Name = "Suspect " + tag })))!);
        Assert.Empty((await Files(f => f.AddPartyAsync(inv, fileId, new() { Role = PartyRole.Victim, Name = "Victim " + tag })))!);
        var parties = await DbAsync(db => db.FileParties.AsNoTracking().Where(p => p.FileId == fileId).ToListAsync());
        var content = System.Text.Encoding.ASCII.GetBytes(
            $"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 200]>>endobj\ntrailer<</Root 1 0 R>>\n% {tag}\n%%EOF\n");
        var (itemId, intakeErrors) = await app.WithScopeAsync(sp => sp.GetRequiredService<EvidenceLocker>()
            .TakeInAsync(inv, fileId, new() { Description = "Ledger", Location = "Room 1" }, "ledger.pdf", "application/pdf", content));
        Assert.Empty(intakeErrors!);
        var (requestId, draftErrors) = await app.WithScopeAsync(sp => sp.GetRequiredService<CooperationRequests>().CreateAsync(inv, fileId, new()
        {
            Country = "TUR",
            Authority = "Interpol NCB Ankara",
            Channel = CooperationChannel.Interpol,
            Assistance = AssistanceKind.Information,
            Urgency = CooperationUrgency.Normal,
            Purpose = "employer in Istanbul",
            Deadline = Today.AddDays(10),
        }));
        Assert.Empty(draftErrors!);
        return new World(lead, inv, fileId, parties.Single(p => p.Role == PartyRole.Suspect).Id, parties.Single(p => p.Role == PartyRole.Victim).Id,
            itemId!.Value, requestId!.Value);
    }

    /// <summary>Everything the writes under test add, counted.</summary>
    private Task<(int Parties, int Measures, int NonPunishment, int Stages, int Custody, int Items, int Entities)> CountsAsync(World w) => DbAsync(async db => (
        await db.FileParties.CountAsync(p => p.FileId == w.FileId),
        await db.CoerciveMeasures.CountAsync(m => m.FileId == w.FileId),
        await db.NonPunishmentRecords.CountAsync(n => n.FileId == w.FileId),
        await db.FileStageEvents.CountAsync(s => s.FileId == w.FileId),
        await db.CustodyEvents.CountAsync(c => c.ItemId == w.ItemId),
        await db.CooperationItems.CountAsync(i => i.RequestId == w.RequestId),
        await db.FileEntities.CountAsync(e => e.FileId == w.FileId)));

    private static HttpRequestMessage Post(string url, object body, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        if (key is not null)
            request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    [Fact]
    public async Task Each_addition_through_the_API_is_done_once_per_key_another_body_is_422_and_no_key_is_400()
    {
        var w = await WorldAsync();
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(w.Lead, Scopes));
        var writes = new (string Name, string Url, object Body, object Other)[]
        {
            ("party", $"/api/v1/investigations/{w.FileId}/parties", new { role = "Witness", name = "Witness one" }, new { role = "Witness", name = "Witness two" }),
            ("measure", $"/api/v1/investigations/{w.FileId}/measures", new { partyId = w.SuspectId, kind = "Detention", orderedBy = "Court", from = Day(Today) },
                new { partyId = w.SuspectId, kind = "HouseArrest", orderedBy = "Court", from = Day(Today) }),
            ("non-punishment", $"/api/v1/investigations/{w.FileId}/non-punishment", new { partyId = w.VictimId, offence = "forged passport", decision = "Pending" },
                new { partyId = w.VictimId, offence = "illegal border crossing", decision = "Pending" }),
            ("stage", $"/api/v1/investigations/{w.FileId}/stages", new { stage = "CriminalCaseOpened", on = Day(Today), officialNumber = "CC-1" },
                new { stage = "Charged", on = Day(Today) }),
            ("custody", $"/api/v1/evidence/{w.ItemId}/custody", new { kind = "Examination", location = "Forensic lab", reason = "handwriting" },
                new { kind = "Examination", location = "Forensic lab", reason = "fingerprints" }),
            ("item", $"/api/v1/cooperation-requests/{w.RequestId}/items", new { question = "Who employs him?" }, new { question = "Where does he live?" }),
        };
        var start = await CountsAsync(w);
        foreach (var (name, url, body, other) in writes)
        {
            var key = Guid.NewGuid().ToString();
            // Without a key: refused, nothing recorded (as the creating endpoints).
            using (var keyless = await client.SendAsync(Post(url, body, null)))
                Assert.True(keyless.StatusCode == HttpStatusCode.BadRequest, $"{name} without a key: {(int)keyless.StatusCode}");
            var before = await CountsAsync(w);
            using (var first = await client.SendAsync(Post(url, body, key)))
                Assert.True(first.StatusCode == HttpStatusCode.NoContent, $"{name}: {(int)first.StatusCode} {await first.Content.ReadAsStringAsync()}");
            var once = await CountsAsync(w);
            Assert.NotEqual(before, once);
            // The retry (a lost answer, a client's timeout): the same answer, nothing more recorded.
            using (var retry = await client.SendAsync(Post(url, body, key)))
                Assert.True(retry.StatusCode == HttpStatusCode.NoContent, $"{name} retried: {(int)retry.StatusCode} {await retry.Content.ReadAsStringAsync()}");
            Assert.Equal(once, await CountsAsync(w));
            // The key with another body: 422, nothing recorded.
            using (var reused = await client.SendAsync(Post(url, other, key)))
                Assert.True(reused.StatusCode == HttpStatusCode.UnprocessableEntity, $"{name} with another body: {(int)reused.StatusCode}");
            Assert.Equal(once, await CountsAsync(w));
        }
        var end = await CountsAsync(w);
        Assert.Equal((start.Parties + 1, start.Measures + 1, start.NonPunishment + 1, start.Stages + 1, start.Custody + 1, start.Items + 1, start.Entities), end);
    }

    [Fact]
    public async Task Concurrent_retries_of_an_addition_with_one_key_record_once()
    {
        var w = await WorldAsync();
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(w.Lead, Scopes));
        var before = await CountsAsync(w);
        var key = Guid.NewGuid().ToString();
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            client.SendAsync(Post($"/api/v1/investigations/{w.FileId}/parties", new { role = "Witness", name = "Concurrent witness" }, key))));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.NoContent, r.StatusCode));
        Assert.Equal(before.Parties + 1, (await CountsAsync(w)).Parties);
        var questionKey = Guid.NewGuid().ToString();
        var items = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            client.SendAsync(Post($"/api/v1/cooperation-requests/{w.RequestId}/items", new { question = "Concurrent question?" }, questionKey))));
        Assert.All(items, r => Assert.Equal(HttpStatusCode.NoContent, r.StatusCode));
        Assert.Equal(before.Items + 1, (await CountsAsync(w)).Items);
    }

    [Fact]
    public async Task A_double_submitted_form_records_once_and_the_form_sent_again_with_other_values_is_refused()
    {
        var w = await WorldAsync();
        using var session = await app.SessionAsync(w.Lead);
        var today = Today;
        var filePage = await session.GetAsync($"/Investigations/File/{w.FileId}");
        Assert.Equal(HttpStatusCode.OK, filePage.Status);
        var start = await CountsAsync(w);

        // Each form of the file page sent twice from the same page (a double click): one record, and both answers are the file page.
        var forms = new (string Form, Dictionary<string, string> Values)[]
        {
            ("form[data-party-form]", new() { ["Party.Role"] = nameof(PartyRole.Witness), ["Party.Name"] = "Page witness" }),
            ("form[data-measure-form]", new()
            {
                ["Measure.PartyId"] = w.SuspectId.ToString(), ["Measure.Kind"] = nameof(MeasureKind.Detention), ["Measure.OrderedBy"] = nameof(MeasureAuthority.Court),
                ["Measure.From.Day"] = today.Day.ToString(CultureInfo.InvariantCulture), ["Measure.From.Month"] = today.Month.ToString(CultureInfo.InvariantCulture),
                ["Measure.From.Year"] = today.Year.ToString(CultureInfo.InvariantCulture),
            }),
            ("form[data-np-form]", new() { ["NonPunishment.PartyId"] = w.VictimId.ToString(), ["NonPunishment.Offence"] = "forged passport", ["NonPunishment.Decision"] = nameof(NonPunishmentDecision.Pending) }),
            ("form[data-stage-form]", new()
            {
                ["Stage.Stage"] = nameof(FileStage.CriminalCaseOpened), ["Stage.OfficialNumber"] = "CC-2",
                ["Stage.On.Day"] = today.Day.ToString(CultureInfo.InvariantCulture), ["Stage.On.Month"] = today.Month.ToString(CultureInfo.InvariantCulture),
                ["Stage.On.Year"] = today.Year.ToString(CultureInfo.InvariantCulture),
            }),
        };
        foreach (var (form, values) in forms)
        {
            var before = await CountsAsync(w);
            var first = await session.SubmitAsync(filePage, form, values);
            Assert.True(first.Errors.Count == 0 && first.Path.StartsWith("/Investigations/File/", StringComparison.Ordinal), $"{form}: {string.Join("; ", first.Errors)}");
            var once = await CountsAsync(w);
            Assert.NotEqual(before, once);
            var second = await session.SubmitAsync(filePage, form, values);
            Assert.True(second.Errors.Count == 0 && second.Status == HttpStatusCode.OK, $"{form} twice: {string.Join("; ", second.Errors)}");
            Assert.Equal(once, await CountsAsync(w));
        }
        // The party form sent again from the old page with other values (the back button): refused, nothing recorded.
        var counted = await CountsAsync(w);
        var reused = await session.SubmitAsync(filePage, "form[data-party-form]", new Dictionary<string, string> { ["Party.Role"] = nameof(PartyRole.Witness), ["Party.Name"] = "Another witness" });
        Assert.Contains(reused.Errors, e => e.Contains("already sent", StringComparison.Ordinal));
        Assert.Equal(counted, await CountsAsync(w));
        // A newly rendered page has new keys: the same values record again, as the user meant.
        var fresh = await session.GetAsync($"/Investigations/File/{w.FileId}");
        await session.SubmitAsync(fresh, "form[data-party-form]", new Dictionary<string, string> { ["Party.Role"] = nameof(PartyRole.Witness), ["Party.Name"] = "Page witness" });
        Assert.Equal(counted.Parties + 1, (await CountsAsync(w)).Parties);

        // The custody form of the evidence page.
        var evidence = await session.GetAsync($"/Investigations/Evidence/{w.ItemId}");
        Assert.Equal(HttpStatusCode.OK, evidence.Status);
        var custody = new Dictionary<string, string> { ["Custody.Kind"] = nameof(CustodyKind.Examination), ["Custody.Location"] = "Forensic lab", ["Custody.Reason"] = "handwriting" };
        var beforeCustody = (await CountsAsync(w)).Custody;
        await session.SubmitAsync(evidence, "form[data-custody-form]", custody);
        await session.SubmitAsync(evidence, "form[data-custody-form]", custody);
        Assert.Equal(beforeCustody + 1, (await CountsAsync(w)).Custody);

        // The question form of the request page (a party is refused twice anyway; a question was not).
        var request = await session.GetAsync($"/Investigations/Cooperation/{w.RequestId}");
        Assert.Equal(HttpStatusCode.OK, request.Status);
        var question = new Dictionary<string, string> { ["Item.Question"] = "Who employs him?" };
        var beforeItems = (await CountsAsync(w)).Items;
        await session.SubmitAsync(request, "form[data-question-form]", question);
        var again = await session.SubmitAsync(request, "form[data-question-form]", question);
        Assert.Empty(again.Errors);
        Assert.Equal(beforeItems + 1, (await CountsAsync(w)).Items);
        // The person form too: the retry is answered as done, not "already in the request".
        var person = new Dictionary<string, string> { ["Item.PartyId"] = w.SuspectId.ToString(), ["Item.Fields"] = "Name" };
        await session.SubmitAsync(request, "form[data-item-form]", person);
        var personAgain = await session.SubmitAsync(request, "form[data-item-form]", person);
        Assert.Empty(personAgain.Errors);
        Assert.Equal(beforeItems + 2, (await CountsAsync(w)).Items);

        // The entity form of the link analysis page.
        var entities = await session.GetAsync($"/Investigations/Entities/{w.FileId}");
        Assert.Equal(HttpStatusCode.OK, entities.Status);
        var entity = new Dictionary<string, string>
        {
            ["Entity.Kind"] = nameof(EntityKind.Phone),
            ["Entity.Value"] = "+99450" + Random.Shared.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture),
            ["Entity.Source"] = "statement",
            ["Entity.Reliability"] = "B2",
            ["Entity.Handling"] = "H3",
        };
        var beforeEntities = (await CountsAsync(w)).Entities;
        var recorded = await session.SubmitAsync(entities, "form[data-entity-form]", entity);
        Assert.Empty(recorded.Errors);
        await session.SubmitAsync(entities, "form[data-entity-form]", entity);
        Assert.Equal(beforeEntities + 1, (await CountsAsync(w)).Entities);

        var end = await CountsAsync(w);
        Assert.Equal((start.Parties + 2, start.Measures + 1, start.NonPunishment + 1, start.Stages + 1, start.Custody + 1, start.Items + 2, start.Entities + 1), end);
    }

    [Fact]
    public async Task A_granted_connection_names_its_target_to_the_requester_only_while_the_grant_is_in_force()
    {
        CultureInfo.CurrentUICulture = new("en");
        var phone = "+99450" + Random.Shared.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture);
        var entity = new LinkAnalysis.EntityInput { Kind = EntityKind.Phone, Value = phone, Source = "statement", Reliability = "B2", Handling = "H3" };
        var leadA = await UserAsync(InstitutionKind.AntiTraffickingSquad, Investigator);
        var a = CaseSteps.ViewerOf(leadA, Investigator);
        var (fileA, _) = await Files(f => f.OpenAsync(a, Investigator, new CriminalFiles.OpenInput { Title = "ID A", Offences = ["144-1.1"] }));
        var (phoneA, _) = await Links(l => l.AddEntityAsync(a, fileA!.Value, entity));
        var leadB = await UserAsync(InstitutionKind.AntiTraffickingSquad, Investigator);
        var b = CaseSteps.ViewerOf(leadB, Investigator);
        var (fileB, _) = await Files(f => f.OpenAsync(b, Investigator, new CriminalFiles.OpenInput { Title = "ID B", Offences = ["144-1.1"] }));
        await Links(l => l.AddEntityAsync(b, fileB!.Value, entity));
        var numberB = await DbAsync(db => db.CriminalFiles.Where(f => f.Id == fileB).Select(f => f.Number).SingleAsync());

        // A asks B's owner through the shared phone; B grants: A's list names file B and links to it.
        Assert.Empty((await Links(l => l.AskOwnerAsync(a, new() { EntityId = phoneA, Reason = "same phone" })))!);
        var (incoming, _) = await Links(l => l.RequestsAsync(b));
        Assert.Empty((await Links(l => l.DecideAsync(b, Assert.Single(incoming).Id, new() { Grant = true })))!);
        var (_, granted) = await Links(l => l.RequestsAsync(a));
        Assert.Equal(numberB, Assert.Single(granted).Target);
        Assert.NotNull(granted[0].TargetHref);
        using var session = await app.SessionAsync(leadA);
        Assert.Contains(numberB, (await session.GetAsync("/Investigations/Connections")).Html, StringComparison.Ordinal);

        // The 90 days are over: the request is still listed as granted, without the number or the link.
        var grantId = await DbAsync(db => db.FileGrants.Where(g => g.FileId == fileB && g.GranteeUserId == leadA.Id && g.ReadOnly).Select(g => g.Id).SingleAsync());
        await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().FileGrants.Where(g => g.Id == grantId)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.ValidUntil, app.Time.GetUtcNow().AddMinutes(-1))));
        var (_, expired) = await Links(l => l.RequestsAsync(a));
        var row = Assert.Single(expired);
        Assert.Equal(ConnectionRequestStatus.Granted, row.Status);
        Assert.Null(row.Target);
        Assert.Null(row.TargetHref);
        var page = await session.GetAsync("/Investigations/Connections");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.DoesNotContain(numberB, page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(fileB!.Value.ToString(), page.Html, StringComparison.OrdinalIgnoreCase);

        // Back in force, then revoked: gone again.
        await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().FileGrants.Where(g => g.Id == grantId)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.ValidUntil, app.Time.GetUtcNow().AddDays(30))));
        Assert.Equal(numberB, Assert.Single((await Links(l => l.RequestsAsync(a))).Outgoing).Target);
        await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().FileGrants.Where(g => g.Id == grantId)
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.RevokedAt, app.Time.GetUtcNow()).SetProperty(g => g.RevokedBy, leadB.Id)));
        var revoked = Assert.Single((await Links(l => l.RequestsAsync(a))).Outgoing);
        Assert.Null(revoked.Target);
        Assert.Null(revoked.TargetHref);
        Assert.DoesNotContain(numberB, (await session.GetAsync("/Investigations/Connections")).Html, StringComparison.Ordinal);
    }
}

public sealed class InvestigationIdempotencyTestsOnSqlite(SqliteApp app) : InvestigationIdempotencyTests(app), IClassFixture<SqliteApp>;

public sealed class InvestigationIdempotencyTestsOnPostgres(PostgresApp app) : InvestigationIdempotencyTests(app), IClassFixture<PostgresApp>;
