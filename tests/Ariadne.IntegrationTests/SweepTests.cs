using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Demo;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ariadne.IntegrationTests;

/// <summary>A host seeded with the demo world: one user of every role, cases and referrals between them.</summary>
public class DemoWorldApp(string provider) : AriadneApp(provider, demo: true)
{
    /// <summary>Every page of the application with its handler methods, found through the endpoint data source and the page loader.</summary>
    public async Task<IReadOnlyList<PageRoute>> PagesAsync()
    {
        var loader = Services.GetRequiredService<PageLoader>();
        var pages = new Dictionary<string, PageRoute>(StringComparer.Ordinal);
        foreach (var endpoint in Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } descriptor || pages.ContainsKey(descriptor.ViewEnginePath))
                continue;
            var compiled = await loader.LoadAsync(descriptor, endpoint.Metadata);
            var handlers = compiled.HandlerMethods.Select(h => new PageHandler(h.HttpMethod, h.Name)).ToList();
            var takesId = compiled.BoundProperties.Any(p => p.Name.Equals("id", StringComparison.OrdinalIgnoreCase))
                || compiled.HandlerMethods.Any(h => h.Parameters.Any(p => p.Name.Equals("id", StringComparison.OrdinalIgnoreCase)));
            var path = "/" + (descriptor.AttributeRouteInfo?.Template ?? descriptor.ViewEnginePath.TrimStart('/'));
            pages[descriptor.ViewEnginePath] = new PageRoute(path.EndsWith("/Index", StringComparison.Ordinal) ? path[..^"Index".Length] : path, handlers, takesId);
        }
        return pages.Values.OrderBy(p => p.Path, StringComparer.Ordinal).ToList();
    }

    /// <summary>Signs a demo account in (demo accounts may skip MFA in demo mode).</summary>
    public async Task<WebSession> DemoSessionAsync(string userName)
    {
        var session = NewSession();
        var home = await session.PasswordAsync(userName, DemoSeeder.Password);
        Assert.Equal("/", home.Path);
        return session;
    }

    public async Task<(Guid Case, Guid Referral)> SomeIdsAsync() => await WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AriadneDbContext>();
        return (await db.Cases.Select(c => c.Id).FirstAsync(), await db.Referrals.Select(r => r.Id).FirstAsync());
    });
}

public sealed record PageHandler(string HttpMethod, string? Name);

public sealed record PageRoute(string Path, IReadOnlyList<PageHandler> Handlers, bool TakesId)
{
    /// <summary>The path with its route parameters filled in.</summary>
    public string With(string id) => System.Text.RegularExpressions.Regex.Replace(Path, "\\{[^}]+\\}", Uri.EscapeDataString(id));
}

public sealed class SqliteDemoWorldApp() : DemoWorldApp("Sqlite");

/// <summary>
/// One seeded demo world on SQLite for the classes that only read it or add to it (the sweep and the unique-id crawl):
/// seeding is the costliest start of the suite, so they share it and run one after the other.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SqliteDemoWorld : ICollectionFixture<SqliteDemoWorldApp>
{
    public const string Name = "Demo world on SQLite";
}

public sealed class PostgresDemoWorldApp() : DemoWorldApp("Postgres");

/// <summary>
/// Never a 5xx: every page handler and every API operation, found by reflection and from the OpenAPI
/// document, is called with no handler, an unknown handler, bad ids, a non-ASCII returnUrl, malformed
/// bodies and wrong content types — anonymously and signed in (with a valid antiforgery token, so that
/// the handlers really run). On both databases.
/// </summary>
public abstract class SweepTests(DemoWorldApp app)
{
    private const string NonAsciiReturnUrl = "/ə?x=Ş";
    private static readonly string[] SignedInSweepers = ["identifier", "admin"];

    [Fact]
    public async Task Every_page_handler_and_api_operation_answers_without_a_5xx_anonymous_and_signed_in()
    {
        var logsBefore = app.Logs.GetSnapshot().Count; // not the start-up's own (a fresh PostgreSQL database has no migrations table yet)
        var pages = await app.PagesAsync();
        Assert.Contains(pages, p => p.Path == "/Cases/Identification" && p.Handlers.Any(h => h.Name == "Screen"));
        var (caseId, referralId) = await app.SomeIdsAsync();
        string[] ids = ["abc", Guid.NewGuid().ToString(), "99999999999999999999999999", caseId.ToString(), referralId.ToString()];
        var failures = new List<string>();
        var count = 0;

        foreach (var user in new string?[] { null }.Concat(SignedInSweepers))
        {
            using var session = user is null ? app.NewSession() : await app.DemoSessionAsync(user);
            var token = await AntiforgeryTokenAsync(session, user is null ? "/Account/SignIn" : "/");
            foreach (var page in pages)
            {
                if (user is not null && page.Path == "/Account/SignOut")
                    continue; // would end the sweeper's own session
                var requests = new List<HttpRequestMessage>
                {
                    new(HttpMethod.Post, page.With(ids[0])) { Content = Form(token) },
                    new(HttpMethod.Get, page.With(ids[0]) + "?handler=NoSuchHandler"),
                    new(HttpMethod.Post, page.With(ids[0]) + "?handler=NoSuchHandler") { Content = Form(token) },
                };
                foreach (var handler in page.Handlers)
                {
                    var method = new HttpMethod(handler.HttpMethod.ToUpperInvariant());
                    foreach (var id in page.TakesId ? ids : ids[..1])
                    {
                        var url = $"{page.With(id)}?handler={handler.Name}&id={Uri.EscapeDataString(id)}&returnUrl={Uri.EscapeDataString(NonAsciiReturnUrl)}&before=99999999999999999999999";
                        requests.Add(new HttpRequestMessage(method, url) { Content = method == HttpMethod.Get ? null : Form(token, id) });
                    }
                    if (method == HttpMethod.Get)
                        continue;
                    var target = $"{page.With(ids[3])}?handler={handler.Name}&id={caseId}";
                    requests.Add(new HttpRequestMessage(method, target) { Content = new StringContent("garbage ə", Encoding.UTF8, "text/plain") });
                    requests.Add(new HttpRequestMessage(method, target) { Content = new StringContent("{\"id\":", Encoding.UTF8, "application/json") });
                    requests.Add(new HttpRequestMessage(method, target) { Content = new StringContent("--x\r\nContent-Disposition: form-data; name=\"__csrf\"\r\n\r\n" + token + "\r\n--x", Encoding.UTF8) });
                    requests[^1].Content!.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x");
                }
                foreach (var request in requests)
                {
                    var label = $"{user ?? "anonymous"} {request.Method} {request.RequestUri}";
                    using var response = await session.Client.SendAsync(request);
                    count++;
                    if ((int)response.StatusCode >= 500)
                        failures.Add($"{label} -> {(int)response.StatusCode}");
                }
            }
            if (user is not null)
                Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/")).StatusCode); // still signed in: the sweep really ran as this user
        }

        count += await SweepApiAsync(caseId, failures);
        Assert.True(count > 500, $"only {count} requests");
        Assert.True(failures.Count == 0, $"{failures.Count} of {count} requests failed:\n" + string.Join("\n", failures.Take(60)));
        var errors = app.Logs.GetSnapshot().Skip(logsBefore).Where(r => r.Level >= LogLevel.Error).Select(r => $"{r.Category} {r.Id} {r.Exception?.GetType().Name}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    private async Task<int> SweepApiAsync(Guid caseId, List<string> failures)
    {
        using var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
        var document = JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/v1.json"));
        var operations = (from path in document.RootElement.GetProperty("paths").EnumerateObject()
                          from operation in path.Value.EnumerateObject()
                          select (Path: path.Name, Method: operation.Name.ToUpperInvariant())).ToList();
        Assert.Contains(operations, o => o.Path == "/api/v1/referrals/{id}" && o.Method == "GET");

        var clients = new List<(string Who, HttpClient Client)> { ("anonymous", anonymous) };
        foreach (var (user, scopes) in new[] { ("admin", "profile admin.read admin.write"), ("investigator", "profile cases.read cases.write referrals.read"), ("police", "profile referrals.write referrals.read") })
        {
            var id = await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Users.Where(u => u.UserName == user).Select(u => new { u.Id, u.InstitutionId }).SingleAsync());
            var client = app.CreateClient(new() { AllowAutoRedirect = false });
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
                await app.TokenAsync(new TestUser(id.Id, user, DemoSeeder.Password, null, id.InstitutionId), scopes));
            clients.Add((user, client));
        }

        string[] ids = ["abc", Guid.NewGuid().ToString(), "99999999999999999999999999", caseId.ToString()];
        string[] bodies = ["{", "{\"name\": 5, \"urgency\": \"1\", \"referral\": {\"urgency\": 1, \"dateOfBirth\": []}, \"isMinor\": \"x\"}", "[]", "null"];
        var count = 0;
        foreach (var (who, client) in clients)
        {
            foreach (var (path, method) in operations.Concat([("/api/v1/no-such-thing", "GET"), ("/api/v1/me", "DELETE"), ("/api", "GET")]))
            {
                var requests = new List<HttpRequestMessage>();
                foreach (var id in path.Contains("{id}", StringComparison.Ordinal) ? ids : ids[..1])
                    requests.Add(new HttpRequestMessage(new HttpMethod(method), path.Replace("{id}", Uri.EscapeDataString(id), StringComparison.Ordinal) + "?before=99999999999999999999999&document=ə"));
                if (method is "POST" or "PATCH" or "PUT" or "DELETE")
                {
                    var target = path.Replace("{id}", caseId.ToString(), StringComparison.Ordinal);
                    foreach (var body in bodies)
                        requests.Add(new HttpRequestMessage(new HttpMethod(method), target) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
                    requests.Add(new HttpRequestMessage(new HttpMethod(method), target) { Content = new StringContent("{}", Encoding.UTF8, "text/plain") });
                    requests.Add(new HttpRequestMessage(new HttpMethod(method), target) { Content = new FormUrlEncodedContent([new("name", "x")]) });
                }
                foreach (var request in requests)
                {
                    request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
                    var label = $"{who} {request.Method} {request.RequestUri}";
                    using var response = await client.SendAsync(request);
                    count++;
                    var status = (int)response.StatusCode;
                    if (status >= 500)
                        failures.Add($"{label} -> {status}");
                    else if (status is >= 300 and < 400 || response.Headers.Location is not null && status != 201)
                        failures.Add($"{label} -> {status} redirect");
                    else if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                        failures.Add($"{label} -> {status} {response.Content.Headers.ContentType?.MediaType}");
                }
            }
        }
        foreach (var (_, client) in clients.Skip(1))
            client.Dispose();
        return count;
    }

    private static async Task<string> AntiforgeryTokenAsync(WebSession session, string url)
    {
        var page = await session.GetAsync(url);
        return page.Document.QuerySelector("input[name=__csrf]")?.GetAttribute("value") ?? throw new InvalidOperationException("no antiforgery token on " + url);
    }

    /// <summary>A form that passes antiforgery, with bad values under the names the pages bind.</summary>
    private static FormUrlEncodedContent Form(string token, string id = "abc") => new(
    [
        new("__csrf", token), new("id", id), new("Id", id), new("returnUrl", NonAsciiReturnUrl), new("culture", "xx"), new("enabled", "maybe"),
        new("Input.UserName", "ə"), new("Input.Password", "x"), new("Input.Code", "abc"), new("Input.Credential", "{"), new("Credential", "{\"id\":1}"),
        new("Input.DateOfBirth", "2013-02-30"), new("Input.Days", "99999999999999999999"), new("Input.Scopes", "root"), new("Input.Kind", "99"),
        new("Screening.Operational", "no-such-indicator"), new("Decision.Status", "7"), new("Decision.DecidedOn", "0001-01-01"),
        new("Reason", "-1"), new("CaseNumber", "'; drop table"), new("Explanation", "x"), new("PasskeyName", "k"), new("Relation", "99"),
        new("Urgency", "1"), new("Input.Urgency", "1"), new("Input.Consent", "x"), new("Accept", "maybe"), new("Until", "9999-99-99"),
    ]);
}

[Collection(SqliteDemoWorld.Name)]
public sealed class SweepTestsOnSqlite(SqliteDemoWorldApp app) : SweepTests(app);

public sealed class SweepTestsOnPostgres(PostgresDemoWorldApp app) : SweepTests(app), IClassFixture<PostgresDemoWorldApp>;
