using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Ariadne.Web.Platform.Data;

/// <summary>Registers the one DbContext on the configured provider (<c>Database:Provider</c>).</summary>
public static class DataServices
{
    public const string SqliteProvider = "Sqlite";
    public const string PostgresProvider = "Postgres";

    public static IServiceCollection AddAriadneData(this IServiceCollection services, IConfiguration configuration)
    {
        var provider = configuration["Database:Provider"] ?? SqliteProvider;
        var connection = configuration.GetConnectionString("Ariadne");
        switch (provider)
        {
            case SqliteProvider:
                connection ??= "Data Source=data/ariadne.db";
                EnsureSqliteFolder(connection);
                services.AddDbContext<SqliteAriadneDbContext>(o => o.UseSqlite(connection, s => s.MigrationsHistoryTable("__ef_migrations")));
                services.AddScoped<AriadneDbContext>(sp => sp.GetRequiredService<SqliteAriadneDbContext>());
                break;
            case PostgresProvider:
                if (string.IsNullOrWhiteSpace(connection))
                    throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Ariadne is not set.");
                services.AddDbContext<PostgresAriadneDbContext>(o => o.UseNpgsql(connection, s => s.MigrationsHistoryTable("__ef_migrations")));
                services.AddScoped<AriadneDbContext>(sp => sp.GetRequiredService<PostgresAriadneDbContext>());
                break;
            default:
                throw new InvalidOperationException($"Database:Provider must be '{SqliteProvider}' or '{PostgresProvider}', not '{provider}'.");
        }
        return services;
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

/// <summary>Lets <c>dotnet ef migrations add</c> build the SQLite context without starting the app.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAriadneDbContext>
{
    public SqliteAriadneDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAriadneDbContext>().UseSqlite("Data Source=design.db").UseApplicationServiceProvider(DesignTime.Services).Options);
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the PostgreSQL context without a server.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAriadneDbContext>
{
    public PostgresAriadneDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAriadneDbContext>().UseNpgsql("Host=localhost;Database=design").UseApplicationServiceProvider(DesignTime.Services).Options);
}
