using System.Diagnostics;
using Npgsql;

namespace Ariadne.IntegrationTests.Infrastructure;

/// <summary>
/// A fresh database for one test host: a temporary SQLite file or a new PostgreSQL database. Empty, or
/// <c>migrated</c>: a copy of a template that the product's own <c>migrate</c> verb prepared once per run and
/// provider (the same migrations and roles a host would apply on start; a host that starts on it still runs the
/// migrator, which finds nothing to do). Copying a file or a template database costs a fraction of applying
/// every migration again for each of the suite's hundred or so hosts.
/// </summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public abstract string Provider { get; }
    public abstract string ConnectionString { get; }
    public abstract ValueTask DisposeAsync();

    public static TestDatabase Create(string provider, bool migrated = false) => provider switch
    {
        "Sqlite" => new SqliteTestDatabase(migrated ? Templates.Sqlite.Value : null),
        "Postgres" => PostgresTestDatabase.Create(migrated ? Templates.Postgres.Value : null),
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    /// <summary>The migrated templates, made on first use by the <c>migrate</c> verb in a process of its own.</summary>
    private static class Templates
    {
        public static readonly Lazy<string> Sqlite = new(() =>
        {
            var file = Path.Combine(SqliteTestDatabase.Folder, $"ariadne-template-{Guid.NewGuid():N}.db");
            Migrate("Sqlite", $"Data Source={file};Pooling=False");
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                foreach (var suffix in new[] { "", "-wal", "-shm" })
                    File.Delete(file + suffix);
            };
            return file;
        });

        public static readonly Lazy<string> Postgres = new(() =>
        {
            var admin = PostgresTestDatabase.Admin();
            var name = "ariadne_template_" + Guid.NewGuid().ToString("N")[..16];
            using (var connection = new NpgsqlConnection(admin))
            {
                connection.Open();
                using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
                command.ExecuteNonQuery();
            }
            // No pooling: no connection to the template may outlive the verb, or PostgreSQL refuses to copy it.
            Migrate("Postgres", new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ConnectionString);
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(admin) { Pooling = false }.ConnectionString);
                connection.Open();
                using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
                command.ExecuteNonQuery();
            };
            return name;
        });

        private static void Migrate(string provider, string connectionString)
        {
            var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Ariadne.Web.dll"), "migrate"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = AppContext.BaseDirectory,
                Environment =
                {
                    ["Database__Provider"] = provider,
                    ["ConnectionStrings__Ariadne"] = connectionString,
                    ["Logging__LogLevel__Default"] = "Warning",
                },
            };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"the migrate verb failed on the {provider} template ({process.ExitCode}): {output.Result}{error.Result}");
        }
    }
}

public sealed class SqliteTestDatabase(string? template = null) : TestDatabase
{
    /// <summary>
    /// Where the throwaway SQLite files live: the memory-backed /dev/shm when there is one (each audited request commits, and a
    /// commit's fsync on a disk is most of a SQLite test's time — PostgreSQL runs with fsync=off for the same reason), else the temp folder.
    /// </summary>
    public static string Folder { get; } = Directory.Exists("/dev/shm") && IsWritable("/dev/shm") ? "/dev/shm" : Path.GetTempPath();

    private static bool IsWritable(string folder)
    {
        try
        {
            var probe = Path.Combine(folder, $"ariadne-probe-{Guid.NewGuid():N}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private readonly string _file = Copy(template, Path.Combine(Folder, $"ariadne-test-{Guid.NewGuid():N}.db"));

    private static string Copy(string? template, string file)
    {
        if (template is not null)
            foreach (var suffix in new[] { "", "-wal" }) // a write-ahead log the verb left behind holds part of the schema
                if (File.Exists(template + suffix))
                    File.Copy(template + suffix, file + suffix);
        return file;
    }

    public override string Provider => "Sqlite";
    /// <summary>Pooled, as in production (the default): opening a SQLite connection anew for every scope was much of a request's time.</summary>
    public override string ConnectionString => $"Data Source={_file}";

    public override ValueTask DisposeAsync()
    {
        // The host is gone: close its idle pooled connections, so that the files are really freed (/dev/shm is memory).
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(ConnectionString))
            Microsoft.Data.Sqlite.SqliteConnection.ClearPool(connection);
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(_file + suffix);
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// Needs ARIADNE_TEST_PG: a connection string to the throwaway server that test.sh starts. Without it
/// the PostgreSQL half of the suite fails loudly instead of passing on SQLite alone.
/// </summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    private readonly string _admin;
    private readonly string _name;

    private PostgresTestDatabase(string admin, string name)
    {
        _admin = admin;
        _name = name;
    }

    public override string Provider => "Postgres";
    public override string ConnectionString => new NpgsqlConnectionStringBuilder(_admin) { Database = _name }.ConnectionString;

    public static string Admin() => Environment.GetEnvironmentVariable("ARIADNE_TEST_PG")
        ?? throw new InvalidOperationException("ARIADNE_TEST_PG is not set: run the suite through ./test.sh, which starts PostgreSQL.");

    public static PostgresTestDatabase Create(string? template = null)
    {
        var admin = Admin();
        var name = "ariadne_test_" + Guid.NewGuid().ToString("N")[..16];
        using var connection = new NpgsqlConnection(admin);
        connection.Open();
        using var command = new NpgsqlCommand(template is null ? $"CREATE DATABASE {name}" : $"CREATE DATABASE {name} TEMPLATE {template}", connection);
        command.ExecuteNonQuery();
        return new PostgresTestDatabase(admin, name);
    }

    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
