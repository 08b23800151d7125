using System.Net;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Account;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>
/// The context of a sign-in (ASVS 6.3.5, 8.2.4): a new device or network and a long absence are told to the user; a privileged
/// session is bound to its network and, where configured, kept to the privileged networks — through the real pages.
/// </summary>
public abstract class SignInContextTests(AriadneApp app)
{
    private const string FirefoxOnWindows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
    private const string FirefoxOnWindowsUpdated = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:134.0) Gecko/20100101 Firefox/134.0";
    private const string ChromeOnAndroid = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";

    /// <summary>The application behind a proxy at 127.0.0.1, so that each request can name its client with X-Forwarded-For.</summary>
    private sealed class BehindProxy : AriadneApp
    {
        public BehindProxy(string provider) : base(provider) => With("ForwardedHeaders:KnownProxies", "127.0.0.1");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.AddSingleton<IStartupFilter>(new FixedClientAddress(IPAddress.Loopback)));
        }
    }

    private static WebSession From(AriadneApp on, string client, string userAgent = FirefoxOnWindows)
    {
        var session = on.NewSession();
        Move(session, client);
        session.Client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        return session;
    }

    private static void Move(WebSession session, string client)
    {
        session.Client.DefaultRequestHeaders.Remove("X-Forwarded-For");
        session.Client.DefaultRequestHeaders.Add("X-Forwarded-For", client);
    }

    private static Task<int> NoticesAsync(AriadneApp on, Guid userId, string kind) => on.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>()
        .Notifications.CountAsync(n => n.RecipientUserId == userId && n.Kind == kind));

    private static Task<int> EventsAsync(AriadneApp on, Guid userId, AuditAction action) => on.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>()
        .AuditEvents.CountAsync(e => e.ActorUserId == userId && e.Action == action.Code));

    private static async Task SignInFromAsync(AriadneApp on, TestUser user, string userAgent)
    {
        using var session = on.NewSession();
        session.Client.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        Assert.Equal("/", (await session.SignInAsync(on, user)).Path);
    }

    [Fact]
    public async Task A_sign_in_from_a_new_device_is_told_to_the_user_and_audited_while_the_first_and_the_known_ones_are_not()
    {
        var user = await app.CreateUserAsync(InstitutionKind.AntiTraffickingSquad, [RoleCatalog.Investigator], [TrainingTopic.AntiTrafficking]);
        var other = await app.CreateUserAsync(InstitutionKind.AntiTraffickingSquad, [RoleCatalog.Investigator], [TrainingTopic.AntiTrafficking]);
        var kind = SignInNotices.NewContext.Code;

        // The account's first context is trusted; the same browser family again (an update) is the same context.
        await SignInFromAsync(app, user, FirefoxOnWindows);
        await SignInFromAsync(app, user, FirefoxOnWindowsUpdated);
        Assert.Equal(0, await NoticesAsync(app, user.Id, kind));

        // A phone: told once, audited, and listed on the user's security page.
        using var phone = app.NewSession();
        phone.Client.DefaultRequestHeaders.UserAgent.ParseAdd(ChromeOnAndroid);
        await phone.SignInAsync(app, user);
        Assert.Equal((1, 1), (await NoticesAsync(app, user.Id, kind), await EventsAsync(app, user.Id, PlatformAudit.SignInNewContext)));
        var notices = await phone.GetAsync("/Notifications");
        Assert.Contains("a device or network your account has not used before", notices.Document.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var security = await phone.GetAsync("/Account/Security");
        Assert.Contains("Signed in from a new device or network", security.Document.QuerySelector("[data-recent-sign-ins]")!.TextContent, StringComparison.Ordinal);

        // The phone is known from now on; nobody else was told; what is stored is a keyed hash, not the browser or the system.
        await SignInFromAsync(app, user, ChromeOnAndroid);
        Assert.Equal(1, await NoticesAsync(app, user.Id, kind));
        Assert.Equal(0, await NoticesAsync(app, other.Id, kind));
        var stored = await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().KnownSignInContexts
            .Where(c => c.UserId == user.Id).Select(c => c.Fingerprint).ToListAsync());
        Assert.Equal(2, stored.Count);
        Assert.All(stored, f => Assert.DoesNotContain("android", f, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_sign_in_after_a_long_absence_is_told_to_the_user()
    {
        var user = await app.CreateUserAsync(InstitutionKind.AntiTraffickingSquad, [RoleCatalog.Investigator], [TrainingTopic.AntiTrafficking]);
        await SignInFromAsync(app, user, FirefoxOnWindows);
        await SignInFromAsync(app, user, FirefoxOnWindows);
        Assert.Equal(0, await NoticesAsync(app, user.Id, SignInNotices.AfterInactivity.Code));

        // The last sign-in 31 days ago (the default limit is 30).
        await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().KnownSignInContexts.Where(c => c.UserId == user.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastSeenAt, app.Time.GetUtcNow() - TimeSpan.FromDays(31))));
        await SignInFromAsync(app, user, FirefoxOnWindows);
        Assert.Equal(1, await NoticesAsync(app, user.Id, SignInNotices.AfterInactivity.Code));
        Assert.Equal(0, await NoticesAsync(app, user.Id, SignInNotices.NewContext.Code));
    }

    [Fact]
    public async Task A_privileged_session_used_from_another_network_ends_and_an_officers_does_not()
    {
        await using var proxied = new BehindProxy(app.Provider);
        await proxied.InitializeAsync();
        var admin = await proxied.CreateUserAsync(InstitutionKind.PlatformAdministration, [RoleCatalog.Administrator]);
        var officer = await proxied.CreateUserAsync(InstitutionKind.AntiTraffickingSquad, [RoleCatalog.Investigator], [TrainingTopic.AntiTrafficking]);

        using var adminSession = From(proxied, "198.51.100.7");
        await adminSession.SignInAsync(proxied, admin);
        Assert.Equal(HttpStatusCode.OK, (await adminSession.GetAsync("/Admin/Users")).Status);
        Move(adminSession, "198.51.100.200"); // the same /24: a new address from the same office network
        Assert.Equal(HttpStatusCode.OK, (await adminSession.GetAsync("/Admin/Users")).Status);

        // The cookie used from elsewhere (copied, or the machine moved): the session ends, audited, and stays ended.
        Move(adminSession, "203.0.113.9");
        Assert.Equal("/Account/SignIn", (await adminSession.GetAsync("/Admin/Users")).Path);
        Assert.Equal(1, await EventsAsync(proxied, admin.Id, PlatformAudit.SessionRefusedByContext));
        Move(adminSession, "198.51.100.7");
        Assert.Equal("/Account/SignIn", (await adminSession.GetAsync("/Admin/Users")).Path);

        // A copy that ignores the ended cookie and tries again: audited each time, the user told once.
        using var copy = From(proxied, "198.51.100.7");
        await copy.SignInAsync(proxied, admin);
        var cookie = copy.Cookies.GetCookies(new Uri("http://localhost/"))["ariadne.session"]!.Value;
        for (var i = 0; i < 3; i++)
        {
            using var thief = proxied.CreateClient(new() { AllowAutoRedirect = false });
            thief.DefaultRequestHeaders.Add("Cookie", "ariadne.session=" + cookie);
            thief.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.9");
            Assert.Equal(HttpStatusCode.Redirect, (await thief.GetAsync("/Admin/Users")).StatusCode);
        }
        Assert.Equal(4, await EventsAsync(proxied, admin.Id, PlatformAudit.SessionRefusedByContext));
        Assert.Equal(1, await NoticesAsync(proxied, admin.Id, Web.Platform.Security.SessionValidator.ContextRefusedNotice.Code));

        // An officer on the move keeps working: only privileged roles are bound.
        using var officerSession = From(proxied, "198.51.100.7", ChromeOnAndroid);
        await officerSession.SignInAsync(proxied, officer);
        Move(officerSession, "203.0.113.9");
        Assert.Equal("/Notifications", (await officerSession.GetAsync("/Notifications")).Path);
        Assert.Equal(0, await EventsAsync(proxied, officer.Id, PlatformAudit.SessionRefusedByContext));

        // The network is half of a context: the same phone signing in from another network is told.
        Assert.Equal(0, await NoticesAsync(proxied, officer.Id, SignInNotices.NewContext.Code));
        using var elsewhere = From(proxied, "203.0.113.9", ChromeOnAndroid);
        await elsewhere.SignInAsync(proxied, officer);
        Assert.Equal(1, await NoticesAsync(proxied, officer.Id, SignInNotices.NewContext.Code));
    }

    [Fact]
    public async Task Privileged_accounts_sign_in_only_from_the_privileged_networks_when_they_are_set()
    {
        await using var proxied = new BehindProxy(app.Provider);
        proxied.With("Security:PrivilegedNetworks", "10.20.0.0/16, 10.30.0.0/16"); // one value, as an environment variable gives it
        await proxied.InitializeAsync();
        var admin = await proxied.CreateUserAsync(InstitutionKind.PlatformAdministration, [RoleCatalog.Administrator]);
        var officer = await proxied.CreateUserAsync(InstitutionKind.AntiTraffickingSquad, [RoleCatalog.Investigator], [TrainingTopic.AntiTrafficking]);
        Task<int> DeniedSignInsAsync() => proxied.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().AuditEvents
            .CountAsync(e => e.ActorUserId == admin.Id && e.Action == PlatformAudit.SignInFailed.Code && e.Outcome == AuditOutcome.Denied));

        // The right password from outside: refused with the reason (only its holder learns it), audited, no session.
        using var outside = From(proxied, "198.51.100.7");
        var refused = await outside.PasswordAsync(admin.UserName, admin.Password);
        Assert.Equal("/Account/SignIn", refused.Path);
        Assert.Contains("only sign in from your institution's network", string.Join(" ", refused.Errors), StringComparison.Ordinal);
        Assert.Equal("/Account/SignIn", (await outside.GetAsync("/Admin/Users")).Path);
        Assert.Equal(1, await DeniedSignInsAsync());
        // A wrong password from outside reads like any wrong password: the rule is not revealed to a guesser.
        var wrong = await outside.PasswordAsync(admin.UserName, "Not-The-Password-42");
        Assert.DoesNotContain("institution's network", string.Join(" ", wrong.Errors), StringComparison.Ordinal);

        Assert.Equal(1, await DeniedSignInsAsync());

        // The password inside, the code from outside: refused at the second step, and no sign-in is recorded as allowed.
        using var moved = From(proxied, "10.20.3.4");
        var second = await moved.PasswordAsync(admin.UserName, admin.Password);
        Assert.Equal("/Account/SignInMfa", second.Path);
        Move(moved, "198.51.100.7");
        proxied.Time.Advance(TimeSpan.FromSeconds(30));
        var refusedCode = await moved.CodeAsync(second, proxied.TotpNow(admin.AuthenticatorKey!));
        Assert.Contains("only sign in from your institution's network", string.Join(" ", refusedCode.Errors), StringComparison.Ordinal);
        Assert.Equal(2, await DeniedSignInsAsync());
        Assert.Equal(0, await proxied.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().AuditEvents
            .CountAsync(e => e.ActorUserId == admin.Id && e.Action == PlatformAudit.SignIn.Code && e.Outcome == AuditOutcome.Allowed)));

        // From inside: signs in and works, anywhere inside the privileged networks (another /24, the second network).
        using var inside = From(proxied, "10.20.3.4");
        await inside.SignInAsync(proxied, admin);
        Assert.Equal(HttpStatusCode.OK, (await inside.GetAsync("/Admin/Users")).Status);
        Move(inside, "10.30.77.1");
        Assert.Equal(HttpStatusCode.OK, (await inside.GetAsync("/Admin/Users")).Status);
        Move(inside, "198.51.100.7");
        Assert.Equal("/Account/SignIn", (await inside.GetAsync("/Admin/Users")).Path);
        Assert.Equal(1, await EventsAsync(proxied, admin.Id, PlatformAudit.SessionRefusedByContext));

        // The administrator's API token works from inside only.
        var token = await proxied.TokenAsync(admin, Web.Features.Admin.AdminModule.ReadScope);
        async Task<HttpStatusCode> ApiFromAsync(string client)
        {
            using var api = proxied.CreateClient();
            api.DefaultRequestHeaders.Authorization = new("Bearer", token);
            api.DefaultRequestHeaders.Add("X-Forwarded-For", client);
            return (await api.GetAsync("/api/v1/institutions")).StatusCode;
        }
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Unauthorized), (await ApiFromAsync("10.20.9.9"), await ApiFromAsync("198.51.100.7")));

        // Everyone else signs in from anywhere.
        using var officerSession = From(proxied, "198.51.100.7");
        Assert.Equal("/", (await officerSession.SignInAsync(proxied, officer)).Path);
    }

    [Fact]
    public async Task A_privileged_passkey_holder_giving_a_code_from_a_new_device_is_asked_for_the_passkey_and_a_recovery_code_still_opens()
    {
        var auditor = await app.CreateUserAsync(InstitutionKind.Oversight, [RoleCatalog.Auditor]);
        var officer = await app.CreateUserAsync(InstitutionKind.AntiTraffickingSquad, [RoleCatalog.Investigator], [TrainingTopic.AntiTrafficking]);
        async Task AddPasskeyAsync(TestUser user) => await app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AriadneUser>>();
            Assert.True((await users.AddOrUpdatePasskeyAsync((await users.FindByIdAsync(user.Id.ToString()))!,
                new UserPasskeyInfo(Guid.NewGuid().ToByteArray(), [1, 2, 3], DateTimeOffset.UnixEpoch, 0, ["usb"], true, false, false, [1], [2]) { Name = "key" })).Succeeded);
        });
        foreach (var user in new[] { auditor, officer })
        {
            await SignInFromAsync(app, user, FirefoxOnWindows);
            await AddPasskeyAsync(user);
        }

        // The auditor's known desktop: a code is enough. A new phone: the passkey is asked for, the attempt audited as denied.
        await SignInFromAsync(app, auditor, FirefoxOnWindows);
        using var phone = app.NewSession();
        phone.Client.DefaultRequestHeaders.UserAgent.ParseAdd(ChromeOnAndroid);
        var second = await phone.PasswordAsync(auditor.UserName, auditor.Password);
        app.Time.Advance(TimeSpan.FromSeconds(30));
        var refused = await phone.CodeAsync(second, app.TotpNow(auditor.AuthenticatorKey!));
        Assert.Equal("/Account/SignInMfa", refused.Path);
        Assert.Contains("Sign in with your passkey instead", string.Join(" ", refused.Errors), StringComparison.Ordinal);
        Assert.Equal("/Account/SignIn", (await phone.GetAsync("/Notifications")).Path);
        Assert.Equal(1, await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().AuditEvents.CountAsync(e =>
            e.ActorUserId == auditor.Id && e.Action == PlatformAudit.SignInFailed.Code && e.Outcome == AuditOutcome.Denied)));

        // A recovery code still opens (the key may be lost), and the new context is told.
        var codes = await app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AriadneUser>>();
            return (await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByIdAsync(auditor.Id.ToString()))!, 1))!.ToList();
        });
        var recoveryPage = await phone.GetAsync("/Account/SignInMfa?recovery=true");
        var opened = await phone.SubmitAsync(recoveryPage, "form.app-form", new Dictionary<string, string> { ["Input.Code"] = codes[0] });
        Assert.Equal("/", opened.Path);
        Assert.Equal(1, await NoticesAsync(app, auditor.Id, SignInNotices.NewContext.Code));

        // A passkey holder with no context recorded yet (passkey added before contexts existed) is not trusted on first use.
        var newcomer = await app.CreateUserAsync(InstitutionKind.Oversight, [RoleCatalog.Auditor]);
        await AddPasskeyAsync(newcomer);
        using var first = app.NewSession();
        var firstStep = await first.PasswordAsync(newcomer.UserName, newcomer.Password);
        app.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal("/Account/SignInMfa", (await first.CodeAsync(firstStep, app.TotpNow(newcomer.AuthenticatorKey!))).Path);

        // An officer is not stepped up: the code opens from a new phone, with the notice.
        using var officerPhone = app.NewSession();
        officerPhone.Client.DefaultRequestHeaders.UserAgent.ParseAdd(ChromeOnAndroid);
        Assert.Equal("/", (await officerPhone.SignInAsync(app, officer)).Path);
    }

    [Fact]
    public async Task A_privileged_networks_setting_that_is_not_a_network_stops_the_start()
    {
        await using var wrong = new SqliteApp();
        wrong.With("Security:PrivilegedNetworks:0", "10.20.0.0/33");
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => Task.Run(() => wrong.CreateClient()));
        Assert.Contains("Security:PrivilegedNetworks", failure.ToString(), StringComparison.Ordinal);
    }
}

public sealed class SignInContextTestsOnSqlite(SqliteApp app) : SignInContextTests(app), IClassFixture<SqliteApp>;

public sealed class SignInContextTestsOnPostgres(PostgresApp app) : SignInContextTests(app), IClassFixture<PostgresApp>;
