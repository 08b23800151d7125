using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Accommodation;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>/api/v1/placements: the shelter's own residents without address, admission once per Idempotency-Key, localized field errors, scopes.</summary>
public abstract class PlacementsApiTests(AriadneApp app)
{
    private Task<T> DbAsync<T>(Func<AriadneDbContext, Task<T>> query) => app.WithScopeAsync(sp => query(sp.GetRequiredService<AriadneDbContext>()));

    private async Task<HttpClient> ClientAsync(TestUser user, string scopes)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(user, scopes));
        return client;
    }

    private static HttpRequestMessage Admit(Guid? caseId, Guid? bedId, string? alias, string key) =>
        new(HttpMethod.Post, "/api/v1/placements")
        {
            Content = JsonContent.Create(new { caseId, bedId, alias }, options: ReferralSteps.ApiJson),
            Headers = { { "Idempotency-Key", key }, { "Accept-Language", "en" } },
        };

    [Fact]
    public async Task An_admission_is_made_once_per_key_and_bad_input_names_the_field()
    {
        var (manager, shelterId, _, address) = await GuardTests.ShelterAsync(app, "1");
        var (investigator, view) = await app.NewCaseAsync(CaseSteps.SampleInput("api1"));
        await GuardTests.AcceptedByShelterAsync(app, investigator, view.Id, manager);
        var bedId = await DbAsync(db => db.Beds.Where(b => b.ShelterId == shelterId).Select(b => b.Id).SingleAsync());
        using var client = await ClientAsync(manager, AccommodationModule.PlacementsWriteScope);

        var bad = await client.SendAsync(Admit(view.Id, null, null, "k-bad"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Choose a free bed of your shelter.", problem.GetProperty("errors").GetProperty("bedId")[0].GetString());

        var key = "adm-" + Guid.NewGuid().ToString("N");
        var first = await client.SendAsync(Admit(view.Id, bedId, "Aynur", key));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var second = await client.SendAsync(Admit(view.Id, bedId, "Aynur", key));
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var id1 = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        Assert.Equal(id1, JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid());
        Assert.Equal(1, await DbAsync(db => db.Placements.CountAsync(p => p.CaseId == view.Id)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await client.SendAsync(Admit(view.Id, Guid.NewGuid(), null, key))).StatusCode); // the key, another body

        // The shelter's list: the alias and the bed, never the address.
        var list = await client.GetStringAsync("/api/v1/placements");
        Assert.DoesNotContain(address, list, StringComparison.Ordinal);
        var row = JsonDocument.Parse(list).RootElement.EnumerateArray().Single(e => e.GetProperty("id").GetGuid() == id1);
        Assert.Equal("Aynur", row.GetProperty("alias").GetString());
        Assert.Equal(bedId, row.GetProperty("bedId").GetGuid());

        // Discharge, once per key.
        var discharge = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/placements/{id1}/discharge")
        {
            Content = JsonContent.Create(new { on = DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime), reason = "PlanCompleted", destination = "Family", followUpConsent = false }, options: ReferralSteps.ApiJson),
            Headers = { { "Idempotency-Key", "dis-" + key } },
        };
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(discharge)).StatusCode);
        Assert.NotNull(await DbAsync(db => db.Placements.Where(p => p.Id == id1).Select(p => p.DischargedAt).SingleAsync()));

        // Back again: a new stay. The ended stay's address never closes it, and a replay of the first discharge changes nothing.
        var again = await client.SendAsync(Admit(view.Id, bedId, null, "adm2-" + key));
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        var id2 = JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        HttpRequestMessage Discharge(Guid stay, string k) => new(HttpMethod.Post, $"/api/v1/placements/{stay}/discharge")
        {
            Content = JsonContent.Create(new { on = DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime), reason = "PlanCompleted", destination = "Family", followUpConsent = false }, options: ReferralSteps.ApiJson),
            Headers = { { "Idempotency-Key", k }, { "Accept-Language", "en" } },
        };
        // "OwnHome, Family" would read as 1|2 = AnotherShelter if enums took combinations: a 400 naming the field, nothing saved.
        var combined = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/placements/{id2}/discharge")
        {
            Content = new StringContent($$"""{"on":"{{DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime):yyyy-MM-dd}}","reason":"PlanCompleted","destination":"OwnHome, Family","followUpConsent":false}""", System.Text.Encoding.UTF8, "application/json"),
            Headers = { { "Idempotency-Key", "dis-comb-" + key } },
        };
        var combinedResponse = await client.SendAsync(combined);
        Assert.Equal(HttpStatusCode.BadRequest, combinedResponse.StatusCode);
        Assert.Contains("destination", await combinedResponse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await DbAsync(db => db.Placements.Where(p => p.Id == id2).Select(p => p.DischargedAt).SingleAsync()));
        var stale = await client.SendAsync(Discharge(id1, "dis2-" + key));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("already ended", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Discharge(id1, "dis-" + key))).StatusCode);
        Assert.Null(await DbAsync(db => db.Placements.Where(p => p.Id == id2).Select(p => p.DischargedAt).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Discharge(id2, "dis3-" + key))).StatusCode);
        Assert.NotNull(await DbAsync(db => db.Placements.Where(p => p.Id == id2).Select(p => p.DischargedAt).SingleAsync()));
    }

    [Fact]
    public async Task Another_shelter_and_another_institution_get_nothing_and_a_token_without_the_scope_is_refused()
    {
        var (manager, shelterId, _, address) = await GuardTests.ShelterAsync(app, "1");
        var (investigator, view) = await app.NewCaseAsync(CaseSteps.SampleInput("api2"));
        await GuardTests.AcceptedByShelterAsync(app, investigator, view.Id, manager);
        var bedId = await DbAsync(db => db.Beds.Where(b => b.ShelterId == shelterId).Select(b => b.Id).SingleAsync());
        using var own = await ClientAsync(manager, AccommodationModule.PlacementsWriteScope);
        Assert.Equal(HttpStatusCode.Created, (await own.SendAsync(Admit(view.Id, bedId, "Nigar", "k-" + Guid.NewGuid()))).StatusCode);
        var placementId = await DbAsync(db => db.Placements.Where(p => p.CaseId == view.Id).Select(p => p.Id).SingleAsync());

        var other = await GuardTests.ShelterAsync(app, "9");
        using var stranger = await ClientAsync(other.Manager, AccommodationModule.PlacementsWriteScope);
        var theirs = await stranger.GetStringAsync("/api/v1/placements");
        Assert.DoesNotContain(placementId.ToString(), theirs, StringComparison.Ordinal);
        Assert.DoesNotContain("Nigar", theirs, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/placements?caseId={view.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.SendAsync(Admit(view.Id, other.ShelterId, null, "k-" + Guid.NewGuid()))).StatusCode);
        var foreignDischarge = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/placements/{placementId}/discharge")
        {
            Content = JsonContent.Create(new { reason = "PlanCompleted" }, options: ReferralSteps.ApiJson),
            Headers = { { "Idempotency-Key", "k-" + Guid.NewGuid() } },
        };
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.SendAsync(foreignDischarge)).StatusCode);

        // The Squad reads the case's placement as confirmed: no bed, no alias, no address.
        using var squad = await ClientAsync(investigator, AccommodationModule.PlacementsReadScope);
        var forCase = await squad.GetStringAsync($"/api/v1/placements?caseId={view.Id}");
        var stay = Assert.Single(JsonDocument.Parse(forCase).RootElement.EnumerateArray());
        Assert.Equal(JsonValueKind.Null, stay.GetProperty("bedId").ValueKind);
        Assert.Equal(JsonValueKind.Null, stay.GetProperty("alias").ValueKind);
        Assert.DoesNotContain(address, forCase, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await squad.GetAsync("/api/v1/placements")).StatusCode); // not a shelter's staff

        // A token without the write scope cannot admit, whoever holds it.
        using var readOnly = await ClientAsync(manager, AccommodationModule.PlacementsReadScope);
        Assert.Equal(HttpStatusCode.Forbidden, (await readOnly.SendAsync(Admit(view.Id, bedId, null, "k-" + Guid.NewGuid()))).StatusCode);
        using var sheltersOnly = await ClientAsync(manager, AccommodationModule.ReadScope);
        Assert.Equal(HttpStatusCode.Forbidden, (await sheltersOnly.GetAsync("/api/v1/placements")).StatusCode);
    }
}

// On PostgreSQL only (the production database): this class tests a feature, not the database. Its pages' queries run on SQLite
// too, in the sweep of every handler (SweepTests) and the crawl of every page by every role (UniqueIdTests).
public sealed class PlacementsApiTestsOnPostgres(PostgresApp app) : PlacementsApiTests(app), IClassFixture<PostgresApp>;
