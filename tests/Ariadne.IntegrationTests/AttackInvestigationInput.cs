using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Investigation;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>
/// Bodies the investigation APIs must refuse, never fail on: JSON nulls where a list is expected (a file's offences, an
/// item's fields) and null items in a list. Each is a 400 naming the field and nothing is stored; a request's list of items
/// given as null is no items.
/// </summary>
public abstract class AttackInvestigationInput(AriadneApp app)
{
    private static readonly string[] Investigator = [RoleCatalog.Investigator];
    private const string Scopes = "investigations.read investigations.write cooperation.read cooperation.write";

    private Task<T> DbAsync<T>(Func<AriadneDbContext, Task<T>> query) => app.WithScopeAsync(sp => query(sp.GetRequiredService<AriadneDbContext>()));

    private DateOnly Today => DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime);

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Null_lists_and_null_items_are_a_400_never_a_500_and_store_nothing()
    {
        CultureInfo.CurrentUICulture = new("en");
        var (lead, _) = await app.NewCaseAsync();
        var inv = CaseSteps.ViewerOf(lead, Investigator);
        var (fileId, errors) = await app.WithScopeAsync(sp => sp.GetRequiredService<CriminalFiles>().OpenAsync(inv, Investigator, new() { Title = "Input file", Offences = ["144-1.1"] }));
        Assert.Empty(errors);
        Assert.Empty((await app.WithScopeAsync(sp => sp.GetRequiredService<CriminalFiles>().AddPartyAsync(inv, fileId!.Value, new() { Role = PartyRole.Suspect, Name = "Input suspect" })))!);
        var partyId = await DbAsync(db => db.FileParties.Where(p => p.FileId == fileId).Select(p => p.Id).SingleAsync());
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(lead, Scopes));
        var files = await DbAsync(db => db.CriminalFiles.CountAsync());
        var requests = await DbAsync(db => db.CooperationRequests.CountAsync(r => r.FileId == fileId));

        async Task RefusedAsync(HttpMethod method, string url, string body)
        {
            using var message = new HttpRequestMessage(method, url) { Content = Json(body) };
            message.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            using var response = await client.SendAsync(message);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {url} {body}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        await RefusedAsync(HttpMethod.Post, "/api/v1/investigations", """{"title":"t","offences":null}""");
        var draft = $$"""{"country":"TUR","authority":"Interpol","channel":"Interpol","assistance":"Information","urgency":"Urgent","purpose":"p","deadline":"{{Today.AddDays(10):yyyy-MM-dd}}" """;
        await RefusedAsync(HttpMethod.Post, $"/api/v1/investigations/{fileId}/cooperation-requests", draft + ""","items":[null]}""");
        await RefusedAsync(HttpMethod.Post, $"/api/v1/investigations/{fileId}/cooperation-requests", draft + $$""","items":[{"partyId":"{{partyId}}","fields":null}]}""");
        Assert.Equal(files, await DbAsync(db => db.CriminalFiles.CountAsync()));
        Assert.Equal(requests, await DbAsync(db => db.CooperationRequests.CountAsync(r => r.FileId == fileId)));

        // No list of items at all is a draft without items (they are added one by one); then items with no fields.
        using (var created = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/v1/investigations/{fileId}/cooperation-requests")
        { Content = Json(draft + ""","items":null}"""), Headers = { { "Idempotency-Key", Guid.NewGuid().ToString() } } }))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var requestId = await DbAsync(db => db.CooperationRequests.Where(r => r.FileId == fileId).Select(r => r.Id).SingleAsync());
        await RefusedAsync(HttpMethod.Post, $"/api/v1/cooperation-requests/{requestId}/items", $$"""{"partyId":"{{partyId}}","fields":null}""");
        await RefusedAsync(HttpMethod.Post, $"/api/v1/cooperation-requests/{requestId}/items", """{"partyId":null,"fields":null,"question":null}""");
        Assert.Equal(0, await DbAsync(db => db.CooperationItems.CountAsync(i => i.RequestId == requestId)));
        Assert.DoesNotContain(app.Logs.GetSnapshot(), r => r.Level >= Microsoft.Extensions.Logging.LogLevel.Error && r.Exception is NullReferenceException or ArgumentNullException);
    }
}

// On SQLite only: what this class tests (HTTP, settings, page plumbing) does not depend on the database; the sweep of every
// handler (SweepTests) runs its pages on PostgreSQL too.
public sealed class AttackInvestigationInputOnSqlite(SqliteApp app) : AttackInvestigationInput(app), IClassFixture<SqliteApp>;
