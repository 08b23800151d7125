using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>API tokens and the JSON API — on both databases.</summary>
public abstract class ApiTests(AriadneApp app)
{
    /// <summary>Creates a token through the user's own token page, as a person would.</summary>
    private async Task<string> CreateTokenAsync(TestUser user, string scopes, string days = "30")
    {
        using var session = app.NewSession();
        await session.SignInAsync(app, user);
        var page = await session.GetAsync("/Account/Tokens");
        var created = await session.SubmitAsync(page, "form[action*='handler=Create']", new Dictionary<string, string>
        {
            ["Input.Name"] = "script",
            ["Input.Scopes"] = scopes,
            ["Input.Days"] = days,
        });
        return created.Document.QuerySelector("[data-token-secret]")?.TextContent
            ?? throw new InvalidOperationException(string.Join(" | ", created.Errors));
    }

    private HttpClient ApiClient(string token, string? language = null)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (language is not null)
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return client;
    }

    private Task<TestUser> NewAdmin() => app.CreateUserAsync(InstitutionKind.PlatformAdministration, [RoleCatalog.Administrator]);

    [Fact]
    public async Task A_token_is_shown_once_stored_hashed_and_identifies_its_owner()
    {
        var user = await app.CreateUserAsync(InstitutionKind.Helpline, [RoleCatalog.HelplineOperator], [TrainingTopic.Helpline]);
        var token = await CreateTokenAsync(user, ApiScopes.Profile);

        using var client = ApiClient(token);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");
        Assert.Equal(user.Id, me.GetProperty("userId").GetGuid());
        Assert.Equal([RoleCatalog.HelplineOperator], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal([ApiScopes.Profile], me.GetProperty("scopes").EnumerateArray().Select(r => r.GetString()));

        var stored = await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().ApiTokens.SingleAsync(t => t.UserId == user.Id));
        Assert.Equal(ApiTokenSecrets.Hash(token), stored.SecretHash);
        Assert.DoesNotContain(token[ApiTokenSecrets.Marker.Length..], Encoding.UTF8.GetString(stored.SecretHash), StringComparison.Ordinal);
        Assert.NotNull(stored.LastUsedAt);

        using var session = app.NewSession();
        await session.SignInAsync(app, user);
        var list = await session.GetAsync("/Account/Tokens");
        Assert.DoesNotContain(token, list.Html, StringComparison.Ordinal);
        Assert.Contains(stored.Prefix, list.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_or_expired_token_stops_working()
    {
        var user = await app.CreateUserAsync(InstitutionKind.Court, [RoleCatalog.CourtClerk]);
        var revoked = await CreateTokenAsync(user, ApiScopes.Profile);
        var expiring = await CreateTokenAsync(user, ApiScopes.Profile, days: "1");
        using (var client = ApiClient(revoked))
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);

        using var session = app.NewSession();
        await session.SignInAsync(app, user);
        var page = await session.GetAsync("/Account/Tokens");
        var tokenId = await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().ApiTokens
            .Where(t => t.UserId == user.Id && t.SecretHash == ApiTokenSecrets.Hash(revoked)).Select(t => t.Id).SingleAsync());
        var revokedPage = await session.SubmitAsync(page, $"form[action*='{tokenId}']");
        Assert.Contains("The token was revoked.", revokedPage.Text, StringComparison.Ordinal);
        using (var client = ApiClient(revoked))
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
        // The refusal is logged by the token's id and why, never its secret (ASVS 16.3.1).
        Assert.Contains(app.Logs.GetSnapshot(), r => r.Id.Id == 1018 && r.Message.Contains($"revoked (token {tokenId})", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.GetSnapshot(), r => r.Message.Contains(revoked, StringComparison.Ordinal));

        using (var client = ApiClient(expiring))
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/me")).StatusCode);
        app.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        using (var client = ApiClient(expiring))
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task A_token_of_a_disabled_account_stops_working()
    {
        var user = await app.CreateUserAsync(InstitutionKind.Oversight, [RoleCatalog.Auditor]);
        var token = await CreateTokenAsync(user, ApiScopes.Profile);
        await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Users.Where(u => u.Id == user.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.IsDisabled, true)));
        using var client = ApiClient(token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task Token_creation_refuses_bad_input_and_scopes_beyond_the_users_roles()
    {
        var user = await app.CreateUserAsync(InstitutionKind.Shelter, [RoleCatalog.ShelterManager], [TrainingTopic.VictimAssistance]);
        using var session = app.NewSession();
        await session.SignInAsync(app, user);
        var page = await session.GetAsync("/Account/Tokens");
        Assert.Null(page.Document.QuerySelector("#scope-admin-write")); // not offered to non-administrators

        var bad = await session.SubmitAsync(page, "form[action*='handler=Create']", new Dictionary<string, string>
        {
            ["Input.Name"] = "",
            ["Input.Scopes"] = Ariadne.Web.Features.Admin.AdminModule.WriteScope,
            ["Input.Days"] = "abc",
        });
        Assert.Equal("Enter a value.", bad.FieldError("Input_Name"));
        Assert.Equal("Your roles do not allow that scope.", bad.FieldError("Input_Scopes"));
        Assert.Equal("Enter a whole number of days from 1 to 90.", bad.FieldError("Input_Days"));

        var tooLong = await session.SubmitAsync(bad, "form[action*='handler=Create']", new Dictionary<string, string>
        {
            ["Input.Name"] = "x",
            ["Input.Scopes"] = ApiScopes.Profile,
            ["Input.Days"] = "365",
        });
        Assert.Equal("Enter a whole number of days from 1 to 90.", tooLong.FieldError("Input_Days"));
        Assert.Equal(0, await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().ApiTokens.CountAsync(t => t.UserId == user.Id)));
    }

    [Fact]
    public async Task Scopes_and_roles_both_limit_what_a_token_does()
    {
        var admin = await NewAdmin();
        var readOnly = await CreateTokenAsync(admin, Ariadne.Web.Features.Admin.AdminModule.ReadScope);
        using var client = ApiClient(readOnly);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/institutions")).StatusCode);
        var forbidden = await client.PostAsJsonAsync("/api/v1/institutions", new { name = "X", code = "X1", kind = "Court" });
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("application/problem+json", forbidden.Content.Headers.ContentType!.MediaType);

        var clerk = await app.CreateUserAsync(InstitutionKind.Court, [RoleCatalog.CourtClerk]);
        using var clerkClient = ApiClient(await CreateTokenAsync(clerk, ApiScopes.Profile));
        Assert.Equal(HttpStatusCode.Forbidden, (await clerkClient.GetAsync("/api/v1/institutions")).StatusCode);
    }

    [Fact]
    public async Task Creating_an_institution_is_idempotent_even_under_concurrent_retries()
    {
        var admin = await NewAdmin();
        var token = await CreateTokenAsync(admin, Ariadne.Web.Features.Admin.AdminModule.WriteScope);
        var code = "API" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var body = JsonSerializer.Serialize(new { name = "Şəki Polis İdarəsi", code, kind = "Police" });
        var key = Guid.NewGuid().ToString();

        async Task<HttpResponseMessage> Send()
        {
            using var client = ApiClient(token);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/institutions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("Idempotency-Key", key);
            return await client.SendAsync(request);
        }

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Send()));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid()));
        Assert.Single(ids.Distinct());
        Assert.Equal(1, await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Institutions.CountAsync(i => i.Code == code)));

        var retry = await Send();
        Assert.Equal(ids[0], (await retry.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_and_a_missing_key_are_refused()
    {
        var admin = await NewAdmin();
        using var client = ApiClient(await CreateTokenAsync(admin, Ariadne.Web.Features.Admin.AdminModule.WriteScope));
        var key = Guid.NewGuid().ToString();

        async Task<HttpResponseMessage> Post(object body, string? idempotencyKey)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/institutions") { Content = JsonContent.Create(body) };
            if (idempotencyKey is not null)
                request.Headers.Add("Idempotency-Key", idempotencyKey);
            return await client.SendAsync(request);
        }

        var code = "K" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        Assert.Equal(HttpStatusCode.Created, (await Post(new { name = "A", code, kind = "Court" }, key)).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Post(new { name = "B", code, kind = "Court" }, key)).StatusCode);
        var missing = await Post(new { name = "C", code = code + "C", kind = "Court" }, null);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(0, await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Institutions.CountAsync(i => i.Code == code + "C")));
    }

    [Fact]
    public async Task Invalid_bodies_get_localized_problem_details_and_save_nothing()
    {
        var admin = await NewAdmin();
        using var client = ApiClient(await CreateTokenAsync(admin, Ariadne.Web.Features.Admin.AdminModule.WriteScope), language: "ru");
        var before = await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Institutions.CountAsync());

        using var invalid = new HttpRequestMessage(HttpMethod.Post, "/api/v1/institutions") { Content = JsonContent.Create(new { name = "", code = "no spaces!" }) };
        invalid.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var response = await client.SendAsync(invalid);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("В запросе есть ошибки.", problem.GetProperty("title").GetString());
        Assert.Equal("Введите значение.", problem.GetProperty("errors").GetProperty("name")[0].GetString());
        Assert.Equal("Не более 32 букв, цифр и дефисов.", problem.GetProperty("errors").GetProperty("code")[0].GetString());

        using var malformed = new HttpRequestMessage(HttpMethod.Post, "/api/v1/institutions") { Content = new StringContent("{not json", Encoding.UTF8, "application/json") };
        malformed.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        var bad = await client.SendAsync(malformed);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badProblem = await bad.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Запрос не удалось разобрать", badProblem.GetProperty("title").GetString());
        Assert.DoesNotContain("   at ", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(before, await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Institutions.CountAsync()));
    }
}

// On SQLite only: what this class tests (HTTP, settings, page plumbing) does not depend on the database; the sweep of every
// handler (SweepTests) runs its pages on PostgreSQL too.
public sealed class ApiTestsOnSqlite(SqliteApp app) : ApiTests(app), IClassFixture<SqliteApp>;
