using Npgsql;

namespace Ariadne.IntegrationTests.Infrastructure;

/// <summary>A fresh, empty database for one test host: a temporary SQLite file or a new PostgreSQL database.</summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public abstract string Provider { get; }
    public abstract string ConnectionString { get; }
    public abstract ValueTask DisposeAsync();

    public static TestDatabase Create(string provider) => provider switch
    {
        "Sqlite" => new SqliteTestDatabase(),
        "Postgres" => PostgresTestDatabase.Create(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };
}

public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"ariadne-test-{Guid.NewGuid():N}.db");

    public override string Provider => "Sqlite";
    public override string ConnectionString => $"Data Source={_file};Pooling=False";

    public override ValueTask DisposeAsync()
    {
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

    public static PostgresTestDatabase Create()
    {
        var admin = Environment.GetEnvironmentVariable("ARIADNE_TEST_PG")
            ?? throw new InvalidOperationException("ARIADNE_TEST_PG is not set: run the suite through ./test.sh, which starts PostgreSQL.");
        var name = "ariadne_test_" + Guid.NewGuid().ToString("N")[..16];
        using var connection = new NpgsqlConnection(admin);
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
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
