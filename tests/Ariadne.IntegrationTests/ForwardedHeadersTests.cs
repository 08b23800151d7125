using System.Net;
using Ariadne.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>
/// Issue 9 item 8: X-Forwarded-For is believed only from the proxies in configuration, and from none by
/// default, so a client cannot escape the sign-in rate limit by naming a new address in every request.
/// </summary>
public abstract class ForwardedHeadersTests(string provider)
{
    /// <summary>The application as reached from 127.0.0.1 (the test server reports no address of its own).</summary>
    private sealed class FromLoopback(string provider) : AriadneApp(provider)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.AddSingleton<IStartupFilter>(new FixedClientAddress(IPAddress.Loopback)));
        }
    }

    /// <summary>Four failed sign-ins against a limit of three a minute, each claiming the given forwarded address.</summary>
    private async Task<IReadOnlyList<HttpStatusCode>> FourAttemptsAsync(Func<int, string> forwardedFor, params (string Key, string Value)[] settings)
    {
        await using var app = new FromLoopback(provider);
        app.With("Security:SignInAttemptsPerMinute", "3");
        foreach (var (key, value) in settings)
            app.With(key, value);
        await app.InitializeAsync();
        using var session = app.NewSession();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            session.Client.DefaultRequestHeaders.Remove("X-Forwarded-For");
            session.Client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor(i));
            statuses.Add((await session.PasswordAsync("someone", "Wrong-Password-123!")).Status);
        }
        return statuses;
    }

    private static string Rotating(int i) => $"203.0.113.{i + 1}";

    [Fact]
    public async Task Without_configured_proxies_a_rotating_forwarded_address_does_not_escape_the_sign_in_limit()
    {
        var statuses = await FourAttemptsAsync(Rotating);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task A_client_that_is_not_a_configured_proxy_is_not_believed()
    {
        var statuses = await FourAttemptsAsync(Rotating, ("ForwardedHeaders:KnownProxies", "10.1.2.3"), ("ForwardedHeaders:KnownNetworks", "192.168.0.0/16"));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies", "10.1.2.3, 127.0.0.1")]
    [InlineData("ForwardedHeaders:KnownNetworks", "127.0.0.0/8")]
    public async Task A_configured_proxy_is_believed_and_the_limit_then_applies_to_the_forwarded_client(string setting, string value)
    {
        var rotating = await FourAttemptsAsync(Rotating, (setting, value));
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, rotating);
        var same = await FourAttemptsAsync(_ => "203.0.113.9", (setting, value));
        Assert.Equal(HttpStatusCode.TooManyRequests, same[^1]);
    }

    [Fact]
    public async Task A_proxy_setting_that_is_not_an_address_stops_the_start()
    {
        await using var app = new FromLoopback(provider);
        app.With("ForwardedHeaders:KnownNetworks", "10.0.0.0/33");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await app.InitializeAsync();
            using var session = app.NewSession();
            await session.GetAsync("/Account/SignIn");
        });
        Assert.Contains("ForwardedHeaders:KnownNetworks", error.Message, StringComparison.Ordinal);
    }
}

// On SQLite only: what this class tests (HTTP, settings, page plumbing) does not depend on the database; the sweep of every
// handler (SweepTests) runs its pages on PostgreSQL too.
public sealed class ForwardedHeadersTestsOnSqlite() : ForwardedHeadersTests("Sqlite");
