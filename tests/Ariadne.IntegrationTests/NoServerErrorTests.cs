using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Ui;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ariadne.IntegrationTests;

/// <summary>Issue 9 items 9 and 10: client mistakes are 4xx answers, and the API answers only with problem details — on both databases.</summary>
public abstract class NoServerErrorTests(AriadneApp app)
{
    private static async Task<string> TokenOf(WebSession.Page page) =>
        await Task.FromResult(page.Document.QuerySelector("input[name=__csrf]")!.GetAttribute("value")!);

    private int ErrorLogs() => app.Logs.GetSnapshot().Count(r => r.Level >= LogLevel.Error);

    [Fact]
    public async Task A_passkey_post_with_no_ceremony_is_a_400_with_the_page_error_and_no_error_log()
    {
        var errorsBefore = ErrorLogs();
        using var anonymous = app.NewSession();
        var signIn = await anonymous.GetAsync("/Account/SignIn");
        var response = await anonymous.Client.PostAsync("/Account/SignIn?handler=Passkey",
            new FormUrlEncodedContent([new("__csrf", await TokenOf(signIn)), new("Input.Credential", "{\"id\":\"AAAA\",\"type\":\"public-key\"}")]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await WebSession.Page.ReadAsync(response);
        Assert.Equal(["The passkey could not be used. Try again or use your password."], page.Errors);

        var user = await app.CreateUserAsync(InstitutionKind.Helpline, [RoleCatalog.HelplineOperator], [TrainingTopic.Helpline]);
        using var session = await app.SessionAsync(user, "az");
        var security = await session.GetAsync("/Account/Security");
        var add = await session.Client.PostAsync("/Account/Security?handler=AddPasskey",
            new FormUrlEncodedContent([new("__csrf", await TokenOf(security)), new("PasskeyName", "açar"), new("Credential", "{\"id\":\"AAAA\"}")]));
        Assert.Equal(HttpStatusCode.BadRequest, add.StatusCode);
        var addPage = await WebSession.Page.ReadAsync(add);
        Assert.NotEmpty(addPage.Errors);
        Assert.Equal(0, await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().UserPasskeys.CountAsync(p => p.UserId == user.Id)));
        Assert.Equal(errorsBefore, ErrorLogs());
    }

    [Fact]
    public async Task Passkey_posts_count_against_the_sign_in_rate_limit()
    {
        await using var limited = new AriadneApp(app.Provider).With("Security:SignInAttemptsPerMinute", "3").SingleNode(); // a node's limit
        await limited.InitializeAsync();
        using var session = limited.NewSession();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            statuses.Add((await session.Client.PostAsync("/Account/Security?handler=AddPasskey", new FormUrlEncodedContent([new("Credential", "{}")]))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, statuses[^1]);
        var last = await session.Client.PostAsync("/Account/SignIn?handler=Passkey", new FormUrlEncodedContent([new("Input.Credential", "{}")]));
        Assert.Equal("/Account/TooManyAttempts", last.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/ə", "/%C9%99")]
    [InlineData("/Cases?q=Şəki#top", "/Cases?q=%C5%9E%C9%99ki#top")]
    [InlineData("/Referrals/Detail/x?a=b%20c", "/Referrals/Detail/x?a=b%20c")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("/a\r\nSet-Cookie: x=1", "/")]
    [InlineData("evil", "/")]
    [InlineData("", "/")]
    public void A_return_url_is_a_local_path_encoded_for_the_location_header(string returnUrl, string expected) =>
        Assert.Equal(expected, LocalUrls.Safe(returnUrl));

    [Theory]
    [InlineData("/Preferences/Culture", "culture", "az")]
    [InlineData("/Preferences/Accessibility", "enabled", "true")]
    public async Task Culture_and_accessibility_posts_redirect_to_a_non_ascii_return_url_encoded(string url, string field, string value)
    {
        using var session = app.NewSession();
        var page = await session.GetAsync("/Account/SignIn");
        var token = await TokenOf(page);
        foreach (var (returnUrl, location) in new[] { ("/ə?x=ş", "/%C9%99?x=%C5%9F"), ("//evil.example", "/"), ("/\\evil.example", "/"), ("http://evil.example/", "/") })
        {
            var response = await session.Client.PostAsync(url, new FormUrlEncodedContent([new("__csrf", token), new(field, value), new("returnUrl", returnUrl)]));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(location, response.Headers.Location?.OriginalString);
        }
    }

    [Fact]
    public async Task Sign_in_honours_a_non_ascii_return_url_encoded()
    {
        var user = await app.CreateUserAsync(InstitutionKind.Helpline, [RoleCatalog.HelplineOperator], [TrainingTopic.Helpline]);
        using var session = app.NewSession();
        var page = await session.GetAsync("/Account/SignIn?returnUrl=" + Uri.EscapeDataString("/Cases?q=ə"));
        var mfa = await session.SubmitAsync(page, "form.app-form", new Dictionary<string, string> { ["Input.UserName"] = user.UserName, ["Input.Password"] = user.Password });
        app.Time.Advance(TimeSpan.FromSeconds(30));
        var done = await session.SubmitAsync(mfa, "form.app-form", new Dictionary<string, string> { ["Input.Code"] = app.TotpNow(user.AuthenticatorKey!) }, follow: false);
        var response = done.Response;
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Cases?q=%C9%99", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("POST", "/Cases/Detail")]
    [InlineData("POST", "/Cases/Identification?handler=NoSuchHandler")]
    [InlineData("POST", "/Cases/Protection")]
    [InlineData("POST", "/Referrals/New?handler=Nope")]
    [InlineData("POST", "/Admin/Users/Edit")]
    [InlineData("GET", "/Cases/Detail?handler=Nope")]
    public async Task A_request_naming_no_handler_or_an_unknown_one_is_a_404(string method, string url)
    {
        var user = await app.CreateUserAsync(InstitutionKind.PlatformAdministration, [RoleCatalog.Administrator]);
        using var session = await app.SessionAsync(user);
        var home = await session.GetAsync("/");
        var response = await session.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "id=" + Guid.NewGuid())
        {
            Content = method == "GET" ? null : new FormUrlEncodedContent([new("__csrf", await TokenOf(home))]),
        });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private HttpClient ApiClient(string? token)
    {
        var client = app.CreateClient(new() { AllowAutoRedirect = false });
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("az");
        return client;
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Headers.Location);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        return problem;
    }

    [Fact]
    public async Task The_api_answers_a_wrong_method_an_unknown_path_and_a_non_guid_id_with_problem_details()
    {
        var officer = await app.BorderOfficerAsync();
        var token = await app.TokenAsync(officer, "profile referrals.read referrals.write");
        foreach (var client in new[] { ApiClient(null), ApiClient(token) })
        {
            using (client)
            {
                var delete = new HttpRequestMessage(HttpMethod.Delete, "/api/v1/me") { Content = new StringContent("x", Encoding.UTF8, "text/plain") };
                await AssertProblemAsync(await client.SendAsync(delete), HttpStatusCode.MethodNotAllowed);
                var notFound = await AssertProblemAsync(await client.GetAsync("/api/v1/no-such-thing"), HttpStatusCode.NotFound);
                Assert.Equal("Səhifə tapılmadı", notFound.GetProperty("title").GetString());
                await AssertProblemAsync(await client.GetAsync("/api/v1/referrals/not-a-guid"), HttpStatusCode.NotFound);
                await AssertProblemAsync(await client.GetAsync("/api/v2/referrals"), HttpStatusCode.NotFound);
            }
        }
    }

    [Fact]
    public async Task Unreadable_api_bodies_are_problem_details_that_name_the_json_field_and_save_nothing()
    {
        var errorsBefore = ErrorLogs();
        var officer = await app.BorderOfficerAsync();
        await app.SquadChiefAsync(); // a Squad to refer to
        using var client = ApiClient(await app.TokenAsync(officer, "profile referrals.read referrals.write"));
        var before = await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Referrals.CountAsync());

        async Task<HttpResponseMessage> Post(string body, string contentType = "application/json")
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/referrals") { Content = new StringContent(body, Encoding.UTF8, contentType) };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            return await client.SendAsync(request);
        }

        await AssertProblemAsync(await Post("{\"referral\": {", "application/json"), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await Post("{}", "text/plain"), HttpStatusCode.UnsupportedMediaType);
        var numericString = await AssertProblemAsync(await Post("{\"referral\": {\"givenName\": \"Leyla\", \"urgency\": \"1\"}}"), HttpStatusCode.BadRequest);
        Assert.True(numericString.TryGetProperty("errors", out var errors) && errors.TryGetProperty("referral.urgency", out _), numericString.ToString());
        Assert.Equal("Dəyər yanlışdır.", errors.GetProperty("referral.urgency")[0].GetString());
        var number = await AssertProblemAsync(await Post("{\"referral\": {\"urgency\": 1}}"), HttpStatusCode.BadRequest);
        Assert.True(number.GetProperty("errors").TryGetProperty("referral.urgency", out _));
        var wrongType = await AssertProblemAsync(await Post("{\"referral\": {\"needsInterpreter\": \"often\"}}"), HttpStatusCode.BadRequest);
        Assert.True(wrongType.GetProperty("errors").TryGetProperty("referral.needsInterpreter", out _));

        Assert.Equal(before, await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Referrals.CountAsync()));
        Assert.Equal(errorsBefore, ErrorLogs());
    }
}

// On SQLite only: what this class tests (HTTP, settings, page plumbing) does not depend on the database; the sweep of every
// handler (SweepTests) runs its pages on PostgreSQL too.
public sealed class NoServerErrorTestsOnSqlite(SqliteApp app) : NoServerErrorTests(app), IClassFixture<SqliteApp>;
