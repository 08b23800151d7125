using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Ariadne.Web.Platform.Data;

/// <summary>Registers the one DbContext on the configured provider (<c>Database:Provider</c>).</summary>
public static class DataServices
{
    public const string SqliteProvider = "Sqlite";
    public const string PostgresProvider = "Postgres";

    /// <summary>
    /// Both provider contexts are registered; which one serves <see cref="AriadneDbContext"/> is read
    /// from configuration when a scope first asks, so that hosts and tests can set it late. A provider's options (the
    /// connection string, <c>Database:JitOff</c>) are read once per host, when its pool is first used.
    /// </summary>
    public static IServiceCollection AddAriadneData(this IServiceCollection services)
    {
        // Pooled contexts: the options are built once (not per request), and a context and EF Core's internal services for it are
        // reused rather than made for every request (about 4 % of the server's CPU under load, docs/benchmarks.md). The contexts
        // hold no state of their own beyond what EF Core resets on return to the pool (the change tracker, the connection and
        // its transaction); interceptors are singletons.
        services.AddDbContextPool<SqliteAriadneDbContext>((sp, o) =>
        {
            var connection = sp.GetRequiredService<IConfiguration>().GetConnectionString("Ariadne") ?? "Data Source=data/ariadne.db";
            EnsureSqliteFolder(connection);
            o.UseSqlite(connection, s => s.MigrationsHistoryTable("__ef_migrations")).AddInterceptors(new SqliteConnectionSetup());
        });
        services.AddDbContextPool<PostgresAriadneDbContext>((sp, o) =>
        {
            var connection = sp.GetRequiredService<IConfiguration>().GetConnectionString("Ariadne");
            if (string.IsNullOrWhiteSpace(connection))
                throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Ariadne is not set.");
            var jitOff = sp.GetRequiredService<IConfiguration>().GetValue("Database:JitOff", true);
            o.UseNpgsql(SessionDefaults.GetOrAdd((connection, jitOff), c => c.JitOff ? WithoutJit(WithPreparedStatements(c.Connection)) : WithPreparedStatements(c.Connection)),
                s => s.MigrationsHistoryTable("__ef_migrations"));
            // How each transaction that appended to an audit chain ended (the chain's head this process knows; see AuditTrail).
            if (sp.GetService<Audit.AuditCommitInterceptor>() is { } audit)
                o.AddInterceptors(audit);
        });
        services.AddScoped<AriadneDbContext>(sp => ProviderOf(sp.GetRequiredService<IConfiguration>()) switch
        {
            SqliteProvider => sp.GetRequiredService<SqliteAriadneDbContext>(),
            _ => sp.GetRequiredService<PostgresAriadneDbContext>(),
        });
        return services;
    }

    /// <summary>
    /// Npgsql's automatic preparation (<c>Max Auto Prepare=64</c>, and <c>Auto Prepare Min Usages=2</c>) for each setting the
    /// connection string does not make itself (<c>Max Auto Prepare=0</c> turns it off, e.g. behind a pooler without prepared
    /// statements). A statement run twice on a connection is then prepared there, and PostgreSQL no longer parses and plans it on
    /// every request: measured with 50 audited writers, 21–46 % more requests/s and a quarter to a third less CPU per request
    /// outside the writers' process (docs/benchmarks.md, "Audit").
    /// </summary>
    public static string WithPreparedStatements(string connection)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connection };
        bool Given(string spaced) => given.ContainsKey(spaced) || given.ContainsKey(spaced.Replace(" ", "", StringComparison.Ordinal));
        var (max, min) = (Given("Max Auto Prepare"), Given("Auto Prepare Min Usages"));
        if (max && min)
            return connection;
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connection);
        if (!max)
            builder.MaxAutoPrepare = 64;
        if (!min)
            builder.AutoPrepareMinUsages = 2;
        return builder.ConnectionString;
    }

    /// <summary>The connection string with the session defaults below, per connection string given (made once, not for every context).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Connection, bool JitOff), string> SessionDefaults = new();

    /// <summary>
    /// PostgreSQL's JIT compilation off for the application's sessions (<c>Options=-c jit=off</c>) unless the connection string
    /// sets <c>Options</c> itself. JIT pays off for long analytical queries; the product's are short, and the planner's cost
    /// estimate for the referral visibility predicate's OR EXISTS passes the JIT threshold on small tables: the duty desk's two queries
    /// were compiled on every poll (20–40 ms of compilation for a query that runs in 3–17 ms; 324 s of PostgreSQL's time in
    /// 4 minutes of the load run, docs/benchmarks.md). Behind a pooler (PgBouncer refuses startup options, or drops them when
    /// told to ignore them) set <c>Database:JitOff=false</c> and <c>jit = off</c> on the role instead (docs/operations.md). The
    /// added <c>Options</c> take the place of the <c>PGOPTIONS</c> environment variable.
    /// </summary>
    public static string WithoutJit(string connection)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connection };
        if (given.ContainsKey("Options"))
            return connection;
        return new Npgsql.NpgsqlConnectionStringBuilder(connection) { Options = "-c jit=off" }.ConnectionString;
    }

    public static string ProviderOf(IConfiguration configuration)
    {
        var provider = configuration["Database:Provider"] ?? SqliteProvider;
        return provider is SqliteProvider or PostgresProvider
            ? provider
            : throw new InvalidOperationException($"Database:Provider must be '{SqliteProvider}' or '{PostgresProvider}', not '{provider}'.");
    }

    private static void EnsureSqliteFolder(string connection)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connection);
        var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(folder) && builder.DataSource != ":memory:")
            Directory.CreateDirectory(folder);
    }
}

/// <summary>
/// Identity reads its schema version (3 adds passkeys) from the application's services; at design
/// time there are none, so the factories below provide the same setting.
/// </summary>
internal static class DesignTime
{
    public static IServiceProvider Services { get; } = new ServiceCollection()
        .Configure<Microsoft.AspNetCore.Identity.IdentityOptions>(o => o.Stores.SchemaVersion = Microsoft.AspNetCore.Identity.IdentitySchemaVersions.Version3)
        .BuildServiceProvider();
}
