using System.Net;
using System.Text.RegularExpressions;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using OtpNet;

[assembly: AssemblyFixture(typeof(Ariadne.BrowserTests.BrowserApp))]

namespace Ariadne.BrowserTests;

/// <summary>
/// Ariadne on a real Kestrel listener (127.0.0.1, a free port) over SQLite, and Debian's Chromium
/// driven by Playwright. One for the whole assembly; each test uses its own browser context and users.
/// </summary>
public sealed class BrowserApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "Browser-Test-Pass-77!";
    // The memory-backed /dev/shm when there is one: a commit's fsync on a disk is most of a page's time here.
    private readonly string _file = Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), $"ariadne-browser-{Guid.NewGuid():N}.db");
    private IPlaywright? _playwright;

    /// <summary>Starts at the real time so that cookies look current to the browser; tests move it on.</summary>
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Ariadne", $"Data Source={_file};Pooling=False");
        builder.UseSetting("Database:MigrateOnStart", "true");
        builder.UseSetting("Security:SignInAttemptsPerMinute", "100000");
        // One clock serves every test class, and some move it on (a sign-in's next code by 30 s, the re-authentication test by
        // minutes): a session whose page sits in the browser meanwhile must not time out under another test's clock. No browser
        // test is about the idle timeout (the integration tests are); the sessions here last a working day, idle or not.
        builder.UseSetting("Security:IdleTimeout", "08:00:00");
        builder.UseSetting("Security:AbsoluteTimeout", "08:00:00");
        // And a proof of one's factors opens the step-up pages (administration, exports) for as long: each sign-in moves the
        // clock 30 s, so a journey that acts minutes after its sign-in while others sign in would be asked to confirm it is
        // them (seen in CI, TrainingJourneyTests). The re-authentication page itself is tested by opening it (AdminScreensTests);
        // its 5-minute window by the integration tests.
        builder.UseSetting("Security:ReauthenticationWindow", "08:00:00");
        builder.UseSetting("Crypto:CreateIfMissing", "true");
        builder.UseSetting("Crypto:KeyRingFile", _file + ".keys.json");
        // There is no network: the web chat's quick exit goes to a blank page (of the same origin, so its storage can be checked).
        builder.UseSetting("Helpline:QuickExitUrl", "about:blank");
        builder.ConfigureLogging(logging => logging.ClearProviders());
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.AddSingleton(new DemoMode(false));
            // Fewer PBKDF2 rounds than production's 100,000: the tests check sign-in, not the hash's cost (see AriadneApp).
            services.Configure<Microsoft.AspNetCore.Identity.PasswordHasherOptions>(o => o.IterationCount = 1_000);
            // The same for the cookie between a sign-in's two steps (5 minutes in production): another test moving the
            // shared clock by minutes between this test's password and code must not send it back to the first step
            // (seen once in CI, StatisticsJourneyTests). SignInTests cover the steps themselves.
            services.PostConfigure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(
                Microsoft.AspNetCore.Identity.IdentityConstants.TwoFactorUserIdScheme, o => o.ExpireTimeSpan = TimeSpan.FromHours(8));
        });
    }

    public async ValueTask InitializeAsync()
    {
        UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        StartServer();
        // The server listens on 127.0.0.1 only; the browser calls it "localhost", because WebAuthn
        // accepts a domain as relying party, never an IP address.
        var address = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        BaseUrl = $"http://localhost:{address.Port}";
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task<IPage> NewPageAsync(string? culture = "en")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, Locale = "en-US" });
        if (culture is not null)
            await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = ".AspNetCore.Culture", Value = Uri.EscapeDataString($"c={culture}|uic={culture}"), Url = BaseUrl }]);
        // Waits are for a page to arrive, not a performance check: on a loaded two-core machine a navigation can take over
        // Playwright's default 30 s, so the tests allow a minute before calling a wait failed.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        return await context.NewPageAsync();
    }

    /// <summary>Makes a user with a password and, optionally, an enrolled authenticator.</summary>
    public async Task<(string UserName, string? Key)> CreateUserAsync(InstitutionKind kind, string[] roles, bool withAuthenticator, bool mustChangePassword = false, bool trainings = false,
        bool newInstitution = false)
    {
        // Test classes run in parallel: two of them must not both create the institution of a kind.
        await _creating.WaitAsync();
        try
        {
            return await CreateUserUnguardedAsync(kind, roles, withAuthenticator, mustChangePassword, trainings, newInstitution);
        }
        finally
        {
            _creating.Release();
        }
    }

    private readonly SemaphoreSlim _creating = new(1, 1);

    private async Task<(string UserName, string? Key)> CreateUserUnguardedAsync(InstitutionKind kind, string[] roles, bool withAuthenticator, bool mustChangePassword, bool trainings,
        bool newInstitution)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AriadneDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AriadneUser>>();
        var institution = newInstitution ? null : db.Institutions.FirstOrDefault(i => i.Kind == kind);
        if (institution is null)
        {
            var code = newInstitution ? "B-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant() : "B-" + kind.ToString().ToUpperInvariant();
            institution = new Institution { Name = "Sınaq " + kind + (newInstitution ? " " + code : ""), Code = code, Kind = kind, CreatedAt = Time.GetUtcNow() };
            db.Institutions.Add(institution);
            await db.SaveChangesAsync();
        }
        var name = "b" + Guid.NewGuid().ToString("N")[..10];
        var user = new AriadneUser { UserName = name, DisplayName = "Aygün Səfərli", InstitutionId = institution.Id, MustChangePassword = mustChangePassword, CreatedAt = Time.GetUtcNow() };
        if (trainings)
            user.Trainings.AddRange(Enum.GetValues<TrainingTopic>().Select(t => new TrainingRecord { Topic = t, Course = "Kurs", Provider = "Təlimçi", CompletedOn = new DateOnly(2026, 1, 10), RecordedAt = Time.GetUtcNow() }));
        Check(await users.CreateAsync(user, Password));
        if (roles.Length > 0)
            Check(await users.AddToRolesAsync(user, roles));
        string? key = null;
        if (withAuthenticator)
        {
            Check(await users.ResetAuthenticatorKeyAsync(user));
            key = await users.GetAuthenticatorKeyAsync(user);
            Check(await users.SetTwoFactorEnabledAsync(user, true));
        }
        return (name, key);
    }

    /// <summary>The institution a user belongs to.</summary>
    public async Task<Guid> InstitutionOfAsync(string userName)
    {
        await using var scope = Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AriadneUser>>().FindByNameAsync(userName);
        return user!.InstitutionId;
    }

    /// <summary>Opens a case as a Squad investigator, through the real service; returns its number.</summary>
    public async Task<string> CreateCaseAsync()
    {
        var (name, _) = await CreateUserAsync(InstitutionKind.AntiTraffickingSquad, [RoleCatalog.Investigator], withAuthenticator: false);
        await using var scope = Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AriadneUser>>().FindByNameAsync(name);
        var viewer = new Ariadne.Web.Platform.Access.Viewer(user!.Id, user.InstitutionId, [Ariadne.Web.Platform.Access.Relation.Investigator]);
        var view = await scope.ServiceProvider.GetRequiredService<Ariadne.Web.Features.Cases.CaseService>().CreateAsync(viewer,
            new Ariadne.Web.Features.Cases.CaseInput { GivenName = "Leyla", FamilyName = "Rəhimova", Whereabouts = "Lənkəran, mehmanxana" });
        return view.Number;
    }

    /// <summary>Opens a case as the given (existing) Squad investigator, through the real service; returns its id.</summary>
    public async Task<Guid> CreateCaseForAsync(string userName, Ariadne.Web.Features.Cases.CaseInput input)
    {
        await using var scope = Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AriadneUser>>().FindByNameAsync(userName);
        var viewer = new Ariadne.Web.Platform.Access.Viewer(user!.Id, user.InstitutionId, [Ariadne.Web.Platform.Access.Relation.Investigator]);
        var view = await scope.ServiceProvider.GetRequiredService<Ariadne.Web.Features.Cases.CaseService>().CreateAsync(viewer, input);
        return view.Id;
    }

    /// <summary>A new user of the given kind and role, signed in with password and authenticator code.</summary>
    public async Task<IPage> SignedInPageAsync(InstitutionKind kind, string role, string culture) => (await SignedInAsync(kind, role, culture)).Page;

    /// <summary>As <see cref="SignedInPageAsync"/>, also giving the new user's account name.</summary>
    public async Task<(IPage Page, string UserName)> SignedInAsync(InstitutionKind kind, string role, string culture, bool newInstitution = false)
    {
        var (page, name, _) = await SignedInWithKeyAsync(kind, role, culture, newInstitution);
        return (page, name);
    }

    /// <summary>As <see cref="SignedInAsync"/>, also giving the user's authenticator key (to confirm it is them later).</summary>
    public async Task<(IPage Page, string UserName, string Key)> SignedInWithKeyAsync(InstitutionKind kind, string role, string culture, bool newInstitution = false)
    {
        var (name, key) = await CreateUserAsync(kind, [role], withAuthenticator: true, trainings: true, newInstitution: newInstitution);
        var page = await NewPageAsync(culture);
        // The same two forms a person submits (with their antiforgery tokens), posted by the page's own request context, which
        // shares the browser's cookies: the session cookie lands in the browser without rendering the two sign-in pages
        // (SignInTests and WorkspaceTests cover those pages in the browser, by keyboard and with axe).
        var http = page.Context.APIRequest;
        var form = await http.GetAsync("/Account/SignIn");
        var mfa = await PostFormAsync(http, "/Account/SignIn", await form.TextAsync(), ("Input.UserName", name), ("Input.Password", Password));
        Assert.EndsWith("/Account/SignInMfa", new Uri(mfa.Url).AbsolutePath, StringComparison.Ordinal);
        var home = await PostFormAsync(http, "/Account/SignInMfa", await mfa.TextAsync(), ("Input.Code", NextTotp(key!)));
        Assert.Equal(BaseUrl + "/", home.Url);
        await page.GotoAsync("/");
        Assert.Equal(BaseUrl + "/", page.Url);
        return (page, name, key!);
    }

    /// <summary>Posts a page's form with its antiforgery token (the <c>__csrf</c> field it rendered) and the given fields; follows redirects.</summary>
    private static async Task<IAPIResponse> PostFormAsync(IAPIRequestContext http, string action, string html, params (string Name, string Value)[] fields)
    {
        var input = Regex.Match(html, "<input[^>]*name=\"__csrf\"[^>]*>").Value;
        var token = Regex.Match(input, "value=\"([^\"]+)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), $"no antiforgery token on the page before {action}");
        var data = http.CreateFormData();
        data.Set("__csrf", token);
        foreach (var (fieldName, value) in fields)
            data.Set(fieldName, value);
        var response = await http.PostAsync(action, new() { Form = data });
        Assert.True(response.Ok, $"{action}: HTTP {response.Status}");
        return response;
    }

    /// <summary>Chromium's virtual authenticator stands in for a phone or a security key.</summary>
    public static async Task AddVirtualAuthenticatorAsync(IPage page)
    {
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
    }

    /// <summary>Moves to a fresh 30-second step and returns the code an authenticator shows then.</summary>
    public string NextTotp(string key)
    {
        Time.Advance(TimeSpan.FromSeconds(30));
        return new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(Time.GetUtcNow().UtcDateTime);
    }

    public override async ValueTask DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
        _creating.Dispose();
        await base.DisposeAsync();
        foreach (var suffix in new[] { "", "-wal", "-shm", ".keys.json" })
            File.Delete(_file + suffix);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException(string.Join(", ", result.Errors.Select(e => e.Code)));
    }
}
