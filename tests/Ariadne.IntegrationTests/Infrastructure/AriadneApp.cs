using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using OtpNet;

namespace Ariadne.IntegrationTests.Infrastructure;

/// <summary>
/// The whole application in-process on a real database, with a fake clock and captured logs.
/// One per test class; each test makes its own users so that tests do not see each other.
/// </summary>
public class AriadneApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);
    public const string Password = "Correct-Horse-9-Battery!";

    private readonly Dictionary<string, string?> _settings = new();

    public AriadneApp(string provider, bool demo = false, bool migrate = true)
    {
        Database = TestDatabase.Create(provider, migrated: migrate);
        Demo = demo;
        _settings["Database:Provider"] = Database.Provider;
        _settings["ConnectionStrings:Ariadne"] = Database.ConnectionString;
        _settings["Database:MigrateOnStart"] = migrate ? "true" : "false";
        _settings["Security:SignInAttemptsPerMinute"] = "100000";
        // Recovery codes at the production cost (600,000 rounds, ten per set) would cost seconds per enrolment; the format
        // stores its rounds, and the tests check what the hash protects, so they hash with fewer (as for passwords below).
        _settings["Security:RecoveryCodeIterations"] = "10000";
        // The nightly rebuild of the statistics' facts replaces them whole: tests that count facts rebuild or insert them themselves.
        _settings["Statistics:RefreshJob"] = "false";
        _settings["Crypto:CreateIfMissing"] = "true";
        _settings["Crypto:KeyRingFile"] = KeyRingFile = Path.Combine(Path.GetTempPath(), $"ariadne-keys-{Guid.NewGuid():N}.json");
    }

    public TestDatabase Database { get; }
    public string KeyRingFile { get; private set; }

    /// <summary>Another node of the same deployment: same database, same key ring.</summary>
    public AriadneApp SharingDeploymentWith(AriadneApp other)
    {
        _settings["ConnectionStrings:Ariadne"] = other.Database.ConnectionString;
        _settings["Crypto:KeyRingFile"] = KeyRingFile = other.KeyRingFile;
        return this;
    }
    public bool Demo { get; }

    /// <summary>PBKDF2 rounds for passwords made in tests (production: Identity's default, 100,000).</summary>
    public const int TestHashRounds = 1_000;
    public FakeTimeProvider Time { get; private set; } = new(Start);

    /// <summary>
    /// With <c>ARIADNE_TEST_NODES=2</c> on PostgreSQL, a second node of the same deployment (same database, key ring
    /// and clock) starts beside this one, and every HTTP client made here alternates its requests between the two:
    /// the whole suite then runs against the pair (docs/operations.md "Several nodes").
    /// </summary>
    public AriadneApp? Pair { get; private set; }

    private bool WantsPair => !_singleNode && Database.Provider == "Postgres" && Environment.GetEnvironmentVariable("ARIADNE_TEST_NODES") == "2";
    private bool _singleNode;

    /// <summary>
    /// Keeps this host one node even in a pair run: for tests whose subject is what one node does by itself — its rate
    /// limits (counted per node by design, docs/operations.md "Several nodes") and its own background job's cadence.
    /// </summary>
    public AriadneApp SingleNode()
    {
        _singleNode = true;
        return this;
    }
    public string Provider => Database.Provider;

    /// <summary>Overrides a setting before the host starts.</summary>
    public AriadneApp With(string key, string value)
    {
        _settings[key] = value;
        return this;
    }

    private readonly List<Action<IServiceCollection>> _services = [];

    /// <summary>Adds or replaces services before the host starts (e.g. a decorator that counts calls).</summary>
    public AriadneApp WithServices(Action<IServiceCollection> configure)
    {
        _services.Add(configure);
        return this;
    }

    /// <summary>Changes a setting of the running host — on both nodes of a pair, as an operator would on every node.</summary>
    public void Reconfigure(string key, string? value)
    {
        Services.GetRequiredService<IConfiguration>()[key] = value;
        Pair?.Reconfigure(key, value);
    }

    public FakeLogCollector Logs => Services.GetRequiredService<FakeLogCollector>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (key, value) in _settings)
            builder.UseSetting(key, value);
        builder.ConfigureLogging(logging => logging.ClearProviders().AddFakeLogging());
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            services.AddSingleton(new DemoMode(Demo));
            // PBKDF2 at the production cost (100,000 rounds) is most of the CPU time of a test that makes users and signs
            // them in; the tests check what the hash protects (sign-in, lockout, the second factor), not its cost, so
            // they hash with fewer rounds. The format and the verification path are the production ones.
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = TestHashRounds);
            foreach (var configure in _services)
                configure(services);
        });
    }

    public ValueTask InitializeAsync()
    {
        _ = Server; // start the host now: migrations run, start-up checks pass or throw here
        if (WantsPair && Pair is null && !_isPair)
        {
            var pair = new AriadneApp(Database.Provider, Demo, migrate: false) { _isPair = true };
            foreach (var (key, value) in _settings)
                pair._settings[key] = value;
            pair._settings["Database:MigrateOnStart"] = "false";
            pair.Time = Time;
            _ = pair.Server;
            Pair = pair;
        }
        return ValueTask.CompletedTask;
    }

    private bool _isPair;

    /// <summary>A client as <see cref="WebApplicationFactory{T}.CreateClient()"/> makes it; across the pair when there is one.</summary>
    public new HttpClient CreateClient() => CreateClient(new WebApplicationFactoryClientOptions());

    public new HttpClient CreateClient(WebApplicationFactoryClientOptions options)
    {
        if (Pair is null)
            return base.CreateClient(options);
        var handlers = new List<DelegatingHandler>();
        if (options.AllowAutoRedirect)
            handlers.Add(new Microsoft.AspNetCore.Mvc.Testing.Handlers.RedirectHandler(options.MaxAutomaticRedirections));
        if (options.HandleCookies)
            handlers.Add(new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler());
        return CreateDefaultClient(options.BaseAddress, [.. handlers]);
    }

    public new HttpClient CreateDefaultClient(Uri baseAddress, params DelegatingHandler[] handlers)
    {
        if (Pair is null)
            return base.CreateDefaultClient(baseAddress, handlers);
        HttpMessageHandler inner = new AlternatingHandler(Server.CreateHandler(), Pair.Server.CreateHandler());
        for (var i = handlers.Length - 1; i >= 0; i--)
        {
            handlers[i].InnerHandler = inner;
            inner = handlers[i];
        }
        return new HttpClient(inner) { BaseAddress = baseAddress };
    }

    /// <summary>Sends each request to the next node in turn.</summary>
    private sealed class AlternatingHandler(HttpMessageHandler first, HttpMessageHandler second) : DelegatingHandler
    {
        private readonly HttpMessageInvoker[] nodes = [new(first), new(second)];
        private int next;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            nodes[Interlocked.Increment(ref next) & 1].SendAsync(request, cancellationToken);
    }

    public override async ValueTask DisposeAsync()
    {
        if (Pair is not null)
            await Pair.DisposeAsync();
        await base.DisposeAsync();
        await Database.DisposeAsync();
        File.Delete(KeyRingFile);
        GC.SuppressFinalize(this);
    }

    public WebSession NewSession(string? culture = "en") => new(this, culture);

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task WithScopeAsync(Func<IServiceProvider, Task> work) =>
        WithScopeAsync(async sp => { await work(sp); return true; });

    /// <summary>Creates an institution of the kind (or reuses one) and a user in it, optionally with an authenticator.</summary>
    public Task<TestUser> CreateUserAsync(
        InstitutionKind kind, string[] roles, TrainingTopic[]? trainings = null, bool withAuthenticator = true, bool mustChangePassword = false) =>
        WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            var users = sp.GetRequiredService<UserManager<AriadneUser>>();
            var institution = db.Institutions.FirstOrDefault(i => i.Kind == kind);
            if (institution is null)
            {
                institution = new Institution { Name = "Test " + kind, Code = "T-" + kind.ToString().ToUpperInvariant(), Kind = kind, CreatedAt = Time.GetUtcNow() };
                db.Institutions.Add(institution);
                await db.SaveChangesAsync();
            }
            var name = "u" + Guid.NewGuid().ToString("N")[..10];
            var user = new AriadneUser
            {
                UserName = name,
                DisplayName = "Test " + name,
                InstitutionId = institution.Id,
                CreatedAt = Time.GetUtcNow(),
                MustChangePassword = mustChangePassword,
            };
            user.Trainings.AddRange((trainings ?? []).Select(t => new TrainingRecord
            {
                Topic = t,
                Course = "Course",
                Provider = "Provider",
                CompletedOn = new DateOnly(2026, 1, 10),
                RecordedAt = Time.GetUtcNow(),
            }));
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
            return new TestUser(user.Id, name, Password, key, institution.Id);
        });

    /// <summary>The code an authenticator shows now, on the fake clock.</summary>
    public string TotpNow(string key) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(Time.GetUtcNow().UtcDateTime);

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException(string.Join(", ", result.Errors.Select(e => e.Code)));
    }
}

public sealed record TestUser(Guid Id, string UserName, string Password, string? AuthenticatorKey, Guid InstitutionId);

public sealed class SqliteApp() : AriadneApp("Sqlite");

public sealed class PostgresApp() : AriadneApp("Postgres");
