using System.Net;
using System.Text.Json;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>Operations, headers, the authorization walk, and bad input — on both databases.</summary>
public abstract class PlatformTests(AriadneApp app)
{
    [Fact]
    public void The_json_log_stamps_each_line_in_utc_to_the_millisecond()
    {
        // ASVS 16.2.2: the production log provider (the JSON console) is configured this way; the test host swaps the
        // provider for a collector but keeps its options, which are what a node writes its lines with.
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.Extensions.Logging.Console.JsonConsoleFormatterOptions>>().CurrentValue;
        Assert.True(options.UseUtcTimestamp);
        Assert.Equal("2026-11-30T09:00:00.123Z", new DateTimeOffset(2026, 11, 30, 9, 0, 0, 123, TimeSpan.Zero).UtcDateTime
            .ToString(options.TimestampFormat, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Health_endpoints_answer_without_sign_in_and_ready_checks_the_database()
    {
        using var session = app.NewSession();
        Assert.Equal(HttpStatusCode.OK, (await session.Client.GetAsync("/health/live")).StatusCode);
        var ready = await session.Client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/Account/SignIn")]
    [InlineData("/no-such-page")]
    [InlineData("/api/v1/me")]
    [InlineData("/health/live")]
    public async Task Every_response_carries_the_security_headers(string url)
    {
        using var session = app.NewSession();
        var response = await session.Client.GetAsync(url);
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task Hsts_is_sent_on_https_outside_development()
    {
        using var client = app.CreateClient(new() { BaseAddress = new Uri("https://ariadne.example/"), AllowAutoRedirect = false });
        var response = await client.GetAsync("/health/live");
        Assert.StartsWith("max-age=31536000", response.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_endpoint_states_its_authorization_and_only_the_known_ones_are_anonymous()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.True(endpoints.Count > 20);
        var silent = endpoints
            .Where(e => e.Metadata.GetMetadata<IAuthorizeData>() is null && e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Select(e => e.RoutePattern.RawText)
            .ToList();
        Assert.Empty(silent);

        var anonymous = endpoints.Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => e.RoutePattern.RawText!.TrimStart('/'))
            .Order(StringComparer.Ordinal).ToList();
        string[] expected =
        [
            "Account/AccessDenied", "Account/SignIn", "Account/SignInMfa", "Account/TooManyAttempts", "Complaint",
            "Preferences/Accessibility", "Preferences/Culture", "Status", "health/live", "health/ready", "openapi/{documentName}.json",
            // The helpline's public web chat: no account by design; each call needs the chat's own header (ChatEndpoints).
            "chat", "chat/end", "chat/messages", "chat/send", "chat/start", "chat/stream",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), anonymous);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/Admin/Users")]
    [InlineData("/Account/Tokens")]
    public async Task Pages_send_an_anonymous_visitor_to_sign_in(string url)
    {
        using var session = app.NewSession();
        var response = await session.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/Account/SignIn", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_answers_401_with_problem_details_and_never_redirects()
    {
        using var session = app.NewSession();
        var response = await session.Client.GetAsync("/api/v1/institutions");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(401, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("A valid API token is required.", problem.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_signed_in_session_cookie_does_not_open_the_api()
    {
        var user = await app.CreateUserAsync(Ariadne.Web.Platform.Participants.InstitutionKind.PlatformAdministration, [Ariadne.Web.Platform.Participants.RoleCatalog.Administrator]);
        using var session = app.NewSession();
        await session.SignInAsync(app, user);
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.Client.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_api()
    {
        using var session = app.NewSession();
        using var document = JsonDocument.Parse(await session.Client.GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/me", out _));
        Assert.True(paths.TryGetProperty("/api/v1/institutions", out _));
    }

    [Fact]
    public async Task An_unknown_address_reveals_nothing_before_sign_in()
    {
        using var session = app.NewSession();
        var response = await session.Client.GetAsync("/nothing/here");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/Account/SignIn", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_page_is_a_localized_404_page()
    {
        var user = await app.CreateUserAsync(Ariadne.Web.Platform.Participants.InstitutionKind.Court, [Ariadne.Web.Platform.Participants.RoleCatalog.CourtClerk]);
        using var session = app.NewSession("ru");
        await session.SignInAsync(app, user);
        var page = await session.GetAsync("/nothing/here");
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Contains("Страница не найдена", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversized_body_gets_a_localized_413_and_no_stack_trace()
    {
        using var session = app.NewSession("az");
        var page = await session.GetAsync("/Account/SignIn");
        var token = page.Document.QuerySelector("input[name=__csrf]")!.GetAttribute("value")!;
        var big = new string('x', 2 * 1024 * 1024);
        var response = await session.Client.PostAsync("/Account/SignIn", new FormUrlEncodedContent(
            [new("__csrf", token), new("Input.UserName", big), new("Input.Password", "x")]));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("Sorğu çox böyükdür", html, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused()
    {
        using var session = app.NewSession();
        var response = await session.Client.PostAsync("/Account/SignIn", new FormUrlEncodedContent(
            [new("Input.UserName", "someone"), new("Input.Password", "whatever")]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The request could not be understood", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_language_gets_a_clear_localized_error_and_changes_nothing()
    {
        using var session = app.NewSession("ru");
        var page = await session.GetAsync("/Account/SignIn");
        var result = await session.SubmitAsync(page, "form[action='/Preferences/Culture']", new Dictionary<string, string> { ["culture"] = "xx" });
        Assert.Equal(HttpStatusCode.BadRequest, result.Status);
        Assert.Contains("Этот язык недоступен", result.Html, StringComparison.Ordinal);
        var again = await session.GetAsync("/Account/SignIn");
        Assert.Equal("ru", again.Document.DocumentElement.GetAttribute("lang"));
    }

    [Fact]
    public async Task Azerbaijani_is_the_default_and_the_chosen_language_is_remembered()
    {
        using var session = app.NewSession(culture: null);
        var page = await session.GetAsync("/Account/SignIn");
        Assert.Equal("az", page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Giriş", page.Document.Title, StringComparison.Ordinal);

        var switched = await session.SubmitAsync(page, "form[action='/Preferences/Culture']", new Dictionary<string, string> { ["culture"] = "en" });
        Assert.Equal("/Account/SignIn", switched.Path);
        Assert.Equal("en", switched.Document.DocumentElement.GetAttribute("lang"));
        Assert.Contains("Sign in", (await session.GetAsync("/Account/SignIn")).Document.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_language_switch_refuses_to_redirect_off_site()
    {
        using var session = app.NewSession();
        var page = await session.GetAsync("/Account/SignIn");
        var response = await session.SubmitAsync(page, "form[action='/Preferences/Culture']",
            new Dictionary<string, string> { ["culture"] = "en", ["returnUrl"] = "https://evil.example/" }, follow: false);
        Assert.Equal("/", response.Location);
    }

    [Fact]
    public async Task Visually_impaired_mode_is_one_click_away_and_remembered()
    {
        using var session = app.NewSession();
        var page = await session.GetAsync("/Account/SignIn");
        Assert.DoesNotContain("vi", page.Document.DocumentElement.ClassList);
        var on = await session.SubmitAsync(page, "form[action='/Preferences/Accessibility']");
        Assert.Contains("vi", on.Document.DocumentElement.ClassList);
        Assert.Contains("vi", (await session.GetAsync("/Account/SignIn")).Document.DocumentElement.ClassList);
        var off = await session.SubmitAsync(on, "form[action='/Preferences/Accessibility']");
        Assert.DoesNotContain("vi", off.Document.DocumentElement.ClassList);
    }
}

// On SQLite only: what this class tests (HTTP, settings, page plumbing) does not depend on the database; the sweep of every
// handler (SweepTests) runs its pages on PostgreSQL too.
public sealed class PlatformTestsOnSqlite(SqliteApp app) : PlatformTests(app), IClassFixture<SqliteApp>;
