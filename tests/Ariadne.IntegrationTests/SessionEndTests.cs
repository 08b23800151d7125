using System.Net;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>Two application nodes of one deployment (same database, same key ring), started once per test class.</summary>
public abstract class TwoNodes(string provider) : IAsyncLifetime
{
    public AriadneApp First { get; } = new(provider);
    public AriadneApp Second { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await First.InitializeAsync();
        Second = new AriadneApp(provider, migrate: false).SharingDeploymentWith(First);
        await Second.InitializeAsync();
    }

    /// <summary>Both nodes read the same time, as real nodes do.</summary>
    public void SyncClocks() => Second.Time.SetUtcNow(First.Time.GetUtcNow());

    public async ValueTask DisposeAsync()
    {
        await Second.DisposeAsync();
        await First.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteTwoNodes() : TwoNodes("Sqlite");

public sealed class PostgresTwoNodes() : TwoNodes("Postgres");

/// <summary>
/// Issue 9 item 6: signing out, and every change of the user's own credentials, ends every session of
/// that user on every node. A copy of the session cookie taken before is refused by both nodes.
/// </summary>
public abstract class SessionEndTests(TwoNodes nodes)
{
    private AriadneApp First => nodes.First;
    private AriadneApp Second => nodes.Second;

    private Task<TestUser> NewSquadUser() =>
        First.CreateUserAsync(InstitutionKind.AntiTraffickingSquad, [RoleCatalog.Investigator], [TrainingTopic.AntiTrafficking]);

    private static CookieContainer Copy(CookieContainer cookies)
    {
        var copy = new CookieContainer();
        copy.Add(cookies.GetAllCookies());
        return copy;
    }

    /// <summary>A copy of the browser's cookies used on each node: true when both open /Cases.</summary>
    private async Task<(bool OnFirst, bool OnSecond)> CopiedCookieOpensCasesAsync(CookieContainer cookies)
    {
        nodes.SyncClocks();
        using var onFirst = new WebSession(First, "en", Copy(cookies));
        using var onSecond = new WebSession(Second, "en", Copy(cookies));
        return ((await onFirst.GetAsync("/Cases")).Path == "/Cases", (await onSecond.GetAsync("/Cases")).Path == "/Cases");
    }

    [Fact]
    public async Task Signing_out_ends_a_copied_session_on_every_node()
    {
        var user = await NewSquadUser();
        using var browser = First.NewSession();
        var home = await browser.SignInAsync(First, user);
        var stolen = Copy(browser.Cookies);
        Assert.Equal((true, true), await CopiedCookieOpensCasesAsync(stolen));

        var signedOut = await browser.SubmitAsync(home, "form[action='/Account/SignOut']", follow: false);
        Assert.StartsWith("/Account/SignIn", signedOut.Location, StringComparison.Ordinal);
        // The browser is told to drop what the session left behind (cached pages, storage).
        Assert.Equal("\"cache\", \"storage\"", string.Join(", ", signedOut.Response.Headers.GetValues("Clear-Site-Data")));
        Assert.Equal((false, false), await CopiedCookieOpensCasesAsync(stolen));
        // The sign-out is in the audit trail, by its actor (ASVS 16.3.1).
        Assert.Equal(1, await First.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().AuditEvents
            .CountAsync(e => e.ActorUserId == user.Id && e.Action == "sign-out" && e.ActorInstitutionId == user.InstitutionId)));
    }

    [Fact]
    public async Task An_administrator_ends_every_session_of_an_account_on_every_node_and_it_is_audited()
    {
        var user = await NewSquadUser();
        using var browser = First.NewSession();
        await browser.SignInAsync(First, user);
        var stolen = Copy(browser.Cookies);
        Assert.Equal((true, true), await CopiedCookieOpensCasesAsync(stolen));

        var admin = await First.CreateUserAsync(InstitutionKind.PlatformAdministration, [RoleCatalog.Administrator]);
        using var adminSession = First.NewSession();
        await adminSession.SignInAsync(First, admin);
        var edit = await adminSession.GetAsync($"/Admin/Users/Edit?id={user.Id}");
        var ended = await adminSession.SubmitAsync(edit, "form[action*='handler=EndSessions']");
        Assert.Equal(HttpStatusCode.OK, ended.Status);
        Assert.Contains("Every session of this account has ended", ended.Text, StringComparison.Ordinal);

        Assert.Equal((false, false), await CopiedCookieOpensCasesAsync(stolen));
        Assert.Equal("/Account/SignIn", (await browser.GetAsync("/Cases")).Path);
        Assert.Equal(1, await First.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().AuditEvents.CountAsync(e =>
            e.Action == PlatformAudit.AccountChanged.Code && e.TargetId == user.Id && e.ActorUserId == admin.Id && e.Purpose == "admin.sessions-ended")));
    }

    [Fact]
    public async Task The_operators_sessions_end_all_ends_every_session_of_every_account()
    {
        var user = await NewSquadUser();
        using var browser = First.NewSession();
        await browser.SignInAsync(First, user);
        var stolen = Copy(browser.Cookies);
        Assert.Equal((true, true), await CopiedCookieOpensCasesAsync(stolen));

        Assert.Equal(2, (await new Ariadne.Web.Platform.Cli.OperatorVerbs(Second.Services).RunAsync("sessions", ["end-all", "extra"])).ExitCode);
        Assert.Equal((true, true), await CopiedCookieOpensCasesAsync(stolen)); // a wrong usage changes nothing
        var (code, line) = await new Ariadne.Web.Platform.Cli.OperatorVerbs(Second.Services).RunAsync("sessions", ["end-all"]);
        Assert.Equal(0, code);
        Assert.StartsWith("Ended every session of ", line, StringComparison.Ordinal);
        Assert.Equal((false, false), await CopiedCookieOpensCasesAsync(stolen));
        Assert.True(await First.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().AuditEvents.AnyAsync(e =>
            e.Action == PlatformAudit.AccountChanged.Code && e.Purpose == PlatformPurposes.SessionsEndAll.Code)));
    }

    [Fact]
    public async Task Changing_the_password_ends_every_other_session_on_every_node()
    {
        var user = await NewSquadUser();
        using var browser = First.NewSession();
        await browser.SignInAsync(First, user);
        var stolen = Copy(browser.Cookies);
        Assert.Equal((true, true), await CopiedCookieOpensCasesAsync(stolen));

        var form = await browser.GetAsync("/Account/ChangePassword");
        var done = await browser.SubmitAsync(form, "form.app-form", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = user.Password,
            ["Input.NewPassword"] = "Another-Strong-Pass-42!",
            ["Input.ConfirmPassword"] = "Another-Strong-Pass-42!",
        });
        Assert.Equal("/", done.Path);
        Assert.Equal((false, false), await CopiedCookieOpensCasesAsync(stolen));
        Assert.Equal("/Cases", (await browser.GetAsync("/Cases")).Path); // the session that changed it goes on
    }

    [Fact]
    public async Task Enrolling_a_new_authenticator_ends_every_other_session_on_every_node()
    {
        var user = await NewSquadUser();
        using var browser = First.NewSession();
        await browser.SignInAsync(First, user);
        var stolen = Copy(browser.Cookies);
        Assert.Equal((true, true), await CopiedCookieOpensCasesAsync(stolen));

        First.Time.Advance(TimeSpan.FromSeconds(30));
        var setup = await browser.GetAsync("/Account/Mfa/Setup");
        var newKey = setup.Document.QuerySelector("[data-shared-key]")!.TextContent.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        Assert.Equal("/Account/Mfa/RecoveryCodes", (await browser.CodeAsync(setup, First.TotpNow(newKey))).Path);
        Assert.Equal((false, false), await CopiedCookieOpensCasesAsync(stolen));
        Assert.Equal("/Cases", (await browser.GetAsync("/Cases")).Path);
    }

    [Fact]
    public async Task New_recovery_codes_end_every_other_session_on_every_node()
    {
        var user = await NewSquadUser();
        using var browser = First.NewSession();
        await browser.SignInAsync(First, user);
        var stolen = Copy(browser.Cookies);
        Assert.Equal((true, true), await CopiedCookieOpensCasesAsync(stolen));

        var security = await browser.GetAsync("/Account/Security");
        Assert.Equal("/Account/Mfa/RecoveryCodes", (await browser.SubmitAsync(security, "form[action='/Account/Mfa/RecoveryCodes']")).Path);
        Assert.Equal((false, false), await CopiedCookieOpensCasesAsync(stolen));
        Assert.Equal("/Cases", (await browser.GetAsync("/Cases")).Path);
    }
}

public sealed class SessionEndTestsOnSqlite(SqliteTwoNodes nodes) : SessionEndTests(nodes), IClassFixture<SqliteTwoNodes>;

public sealed class SessionEndTestsOnPostgres(PostgresTwoNodes nodes) : SessionEndTests(nodes), IClassFixture<PostgresTwoNodes>;
