using System.Diagnostics;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ariadne.IntegrationTests;

/// <summary>The audit trail catches every kind of tampering, and the database refuses it — on both databases.</summary>
public abstract class AuditTrailTests(string provider)
{
    private static async Task AppendAsync(AriadneApp app, int count)
    {
        for (var i = 0; i < count; i++)
            await app.WithScopeAsync(sp => sp.GetRequiredService<AuditTrail>().RecordAsync(
                new AuditRecord(AuditAction.CaseViewed, ActorUserId: Guid.NewGuid(), TargetType: "case", TargetId: Guid.NewGuid(), Purpose: "test")));
    }

    private static Task<AuditVerifier.Result> VerifyAsync(AriadneApp app) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<AuditVerifier>().VerifyAsync());

    private static Task CheckpointAsync(AriadneApp app) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<AuditCheckpoints>().WriteAsync());

    /// <summary>What an attacker with the database owner's rights does: switch the triggers off, then write.</summary>
    private async Task TamperAsync(AriadneApp app, params string[] statements)
    {
        if (provider == "Sqlite")
        {
            await using var connection = new SqliteConnection(app.Database.ConnectionString);
            await connection.OpenAsync();
            foreach (var sql in new[] { "DROP TRIGGER audit_events_no_update", "DROP TRIGGER audit_events_no_delete" }.Concat(statements))
            {
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                await command.ExecuteNonQueryAsync();
            }
        }
        else
        {
            await using var connection = new NpgsqlConnection(app.Database.ConnectionString);
            await connection.OpenAsync();
            foreach (var sql in new[] { "ALTER TABLE audit_events DISABLE TRIGGER USER" }.Concat(statements).Append("ALTER TABLE audit_events ENABLE TRIGGER USER"))
            {
                await using var command = new NpgsqlCommand(sql, connection);
                await command.ExecuteNonQueryAsync();
            }
        }
    }

    private string Q(string column) => $"\"{column}\"";

    [Fact]
    public async Task An_intact_trail_verifies_with_its_checkpoints()
    {
        await using var app = new AriadneApp(provider);
        await app.InitializeAsync();
        await AppendAsync(app, 10);
        await CheckpointAsync(app);
        await AppendAsync(app, 5);
        await CheckpointAsync(app);
        var result = await VerifyAsync(app);
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(15, result.Events);
        Assert.Equal(2, result.Checkpoints);
    }

    [Fact]
    public async Task An_altered_event_is_named()
    {
        await using var app = new AriadneApp(provider);
        await app.InitializeAsync();
        await AppendAsync(app, 8);
        await TamperAsync(app, $"UPDATE audit_events SET {Q("Outcome")} = 'denied' WHERE {Q("Sequence")} = 5");
        var result = await VerifyAsync(app);
        Assert.False(result.Intact);
        Assert.Equal(5, result.FirstBadSequence);
        Assert.Contains("altered", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_removed_event_is_named()
    {
        await using var app = new AriadneApp(provider);
        await app.InitializeAsync();
        await AppendAsync(app, 8);
        await TamperAsync(app, $"DELETE FROM audit_events WHERE {Q("Sequence")} = 4");
        var result = await VerifyAsync(app);
        Assert.False(result.Intact);
        Assert.Equal(4, result.FirstBadSequence);
        Assert.Contains("missing", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reordered_events_are_named()
    {
        await using var app = new AriadneApp(provider);
        await app.InitializeAsync();
        await AppendAsync(app, 8);
        await TamperAsync(app,
            $"UPDATE audit_events SET {Q("Sequence")} = -1 WHERE {Q("Sequence")} = 3",
            $"UPDATE audit_events SET {Q("Sequence")} = 3 WHERE {Q("Sequence")} = 4",
            $"UPDATE audit_events SET {Q("Sequence")} = 4 WHERE {Q("Sequence")} = -1");
        var result = await VerifyAsync(app);
        Assert.False(result.Intact);
        Assert.Equal(3, result.FirstBadSequence);
    }

    [Fact]
    public async Task An_inserted_event_is_named()
    {
        await using var app = new AriadneApp(provider);
        await app.InitializeAsync();
        await AppendAsync(app, 8);
        // Make room after #5 and insert a forged #6 that links correctly to #5; the old #6 (now #7) no longer links.
        var forged = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            var five = await db.AuditEvents.AsNoTracking().SingleAsync(e => e.Sequence == 5);
            var e = new AuditEvent
            {
                Sequence = 6,
                At = five.At,
                Action = AuditAction.CaseViewed,
                Outcome = AuditOutcome.Allowed,
                PreviousHash = five.Hash,
                Hash = [],
            };
            e.Hash = AuditHashing.EventHash(e);
            return e;
        });
        var hex = (byte[] b) => provider == "Sqlite" ? $"X'{Convert.ToHexString(b)}'" : $"'\\x{Convert.ToHexString(b)}'::bytea";
        var at = provider == "Sqlite"
            ? (await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Database.SqlQuery<long>($"SELECT \"At\" AS \"Value\" FROM audit_events WHERE \"Sequence\" = 5").SingleAsync())).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : $"(SELECT {Q("At")} FROM audit_events WHERE {Q("Sequence")} = 5)";
        var shift = Enumerable.Range(6, 3).Reverse().Select(s => $"UPDATE audit_events SET {Q("Sequence")} = {s + 1} WHERE {Q("Sequence")} = {s}");
        await TamperAsync(app, [.. shift,
            $"INSERT INTO audit_events ({Q("Sequence")}, {Q("At")}, {Q("Action")}, {Q("Outcome")}, {Q("PreviousHash")}, {Q("Hash")}) " +
            $"VALUES (6, {at}, '{forged.Action}', '{forged.Outcome}', {hex(forged.PreviousHash)}, {hex(forged.Hash)})"]);
        var result = await VerifyAsync(app);
        Assert.False(result.Intact);
        Assert.Equal(7, result.FirstBadSequence);
    }

    [Fact]
    public async Task A_chain_rewritten_consistently_is_caught_by_the_signed_checkpoint()
    {
        await using var app = new AriadneApp(provider);
        await app.InitializeAsync();
        await AppendAsync(app, 6);
        await CheckpointAsync(app);
        await AppendAsync(app, 4);
        await CheckpointAsync(app);
        // Rewrite event #8 and recompute every hash after it: the chain alone looks intact.
        var events = await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync());
        var statements = new List<string>();
        var previous = events[6].Hash;
        foreach (var e in events.Skip(7))
        {
            if (e.Sequence == 8)
                e.Purpose = "forged";
            e.PreviousHash = previous;
            e.Hash = AuditHashing.EventHash(e);
            previous = e.Hash;
            var hex = (byte[] b) => provider == "Sqlite" ? $"X'{Convert.ToHexString(b)}'" : $"'\\x{Convert.ToHexString(b)}'::bytea";
            statements.Add($"UPDATE audit_events SET {Q("Purpose")} = '{e.Purpose}', {Q("PreviousHash")} = {hex(e.PreviousHash)}, {Q("Hash")} = {hex(e.Hash)} WHERE {Q("Sequence")} = {e.Sequence}");
        }
        await TamperAsync(app, [.. statements]);
        var result = await VerifyAsync(app);
        Assert.False(result.Intact);
        Assert.Equal(7, result.FirstBadSequence); // somewhere after the last good checkpoint (6 events)
        Assert.Contains("rewritten", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_cut_from_the_end_are_caught_by_the_checkpoint()
    {
        await using var app = new AriadneApp(provider);
        await app.InitializeAsync();
        await AppendAsync(app, 6);
        await CheckpointAsync(app);
        await TamperAsync(app, $"DELETE FROM audit_events WHERE {Q("Sequence")} > 4");
        var result = await VerifyAsync(app);
        Assert.False(result.Intact);
        Assert.Equal(5, result.FirstBadSequence);
    }

    [Fact]
    public async Task The_database_refuses_to_change_or_delete_audit_rows()
    {
        await using var app = new AriadneApp(provider);
        await app.InitializeAsync();
        await AppendAsync(app, 2);
        await CheckpointAsync(app);
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            await Assert.ThrowsAnyAsync<Exception>(() => db.AuditEvents.Where(e => e.Sequence == 1).ExecuteUpdateAsync(s => s.SetProperty(e => e.Purpose, "x")));
            await Assert.ThrowsAnyAsync<Exception>(() => db.AuditEvents.Where(e => e.Sequence == 1).ExecuteDeleteAsync());
            await Assert.ThrowsAnyAsync<Exception>(() => db.AuditCheckpoints.ExecuteDeleteAsync());
        });
        Assert.True((await VerifyAsync(app)).Intact);
    }

    [Fact]
    public async Task The_verify_verb_exits_non_zero_naming_the_first_bad_event()
    {
        await using var app = new AriadneApp(provider);
        await app.InitializeAsync();
        await AppendAsync(app, 5);
        var (ok, intact) = await RunAsync(app, "audit", "verify");
        Assert.Equal(0, ok);
        Assert.Contains("Audit trail intact: 5 events", intact, StringComparison.Ordinal);

        await TamperAsync(app, $"UPDATE audit_events SET {Q("Action")} = 'sign-in' WHERE {Q("Sequence")} = 3");
        var (broken, message) = await RunAsync(app, "audit", "verify");
        Assert.Equal(1, broken);
        Assert.Contains("BROKEN at event #3", message, StringComparison.Ordinal);
    }

    internal static async Task<(int ExitCode, string Output)> RunAsync(AriadneApp app, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Ariadne.Web.dll"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
            Environment =
            {
                ["Database__Provider"] = app.Database.Provider,
                ["ConnectionStrings__Ariadne"] = app.Database.ConnectionString,
                ["Crypto__KeyRingFile"] = app.KeyRingFile,
                ["Logging__LogLevel__Default"] = "Warning",
            },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}

public sealed class AuditTrailTestsOnSqlite() : AuditTrailTests("Sqlite");

public sealed class AuditTrailTestsOnPostgres() : AuditTrailTests("Postgres");

/// <summary>On PostgreSQL the application's own role lacks the privilege, triggers aside.</summary>
public sealed class AuditPrivilegeTests
{
    [Fact]
    public async Task The_application_role_may_insert_and_read_audit_rows_but_not_change_them()
    {
        await using var app = new AriadneApp("Postgres", migrate: false);
        var role = "ariadne_app_" + Guid.NewGuid().ToString("N")[..8];
        var owner = new NpgsqlConnectionStringBuilder(app.Database.ConnectionString);
        await using (var admin = new NpgsqlConnection(owner.ConnectionString))
        {
            await admin.OpenAsync();
            await new NpgsqlCommand($"CREATE ROLE {role} LOGIN PASSWORD 'x'", admin).ExecuteNonQueryAsync();
        }
        app.With("Database:MigrateOnStart", "true").With("Database:ApplicationRole", role);
        await app.InitializeAsync();
        await app.WithScopeAsync(sp => sp.GetRequiredService<AuditTrail>().RecordAsync(new AuditRecord(AuditAction.SignIn)));

        var asApp = new NpgsqlConnectionStringBuilder(owner.ConnectionString) { Username = role, Password = "x" };
        await using var connection = new NpgsqlConnection(asApp.ConnectionString);
        await connection.OpenAsync();
        Assert.Equal(1L, await new NpgsqlCommand("SELECT count(*) FROM audit_events", connection).ExecuteScalarAsync());
        var update = await Assert.ThrowsAsync<PostgresException>(() => new NpgsqlCommand("UPDATE audit_events SET \"Purpose\" = 'x'", connection).ExecuteNonQueryAsync());
        Assert.Equal("42501", update.SqlState); // insufficient_privilege
        var delete = await Assert.ThrowsAsync<PostgresException>(() => new NpgsqlCommand("DELETE FROM audit_events", connection).ExecuteNonQueryAsync());
        Assert.Equal("42501", delete.SqlState);
        var disable = await Assert.ThrowsAsync<PostgresException>(() => new NpgsqlCommand("ALTER TABLE audit_events DISABLE TRIGGER USER", connection).ExecuteNonQueryAsync());
        Assert.Equal("42501", disable.SqlState); // must be owner
    }
}
