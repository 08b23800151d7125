using System.Globalization;
using System.Text;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Features.Investigation;
using Ariadne.Web.Features.Operations;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Backup;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Ariadne.IntegrationTests;

/// <summary>
/// Backup and restore (issue 18 item 2), the procedure of docs/operations.md "Backup and restore" walked with the real
/// verbs as processes: <c>backup --out FILE</c> on a system with cases, a criminal file and an evidence item;
/// <c>restore --from FILE</c> into an empty database; people erased after the backup erased again from the erasure list;
/// a changed, cut or foreign file and a non-empty database refused without changing anything.
/// </summary>
public abstract class BackupTests(string provider) : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ariadne-backup-test-").FullName;
    private string ErasureList => Path.Combine(_folder, "erasures", "erased.txt");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>A system with three cases, a criminal file and one evidence item; the erasure list configured.</summary>
    private async Task<(AriadneApp App, CaseService.CaseView[] Cases, byte[] Evidence)> SystemAsync()
    {
        var app = new AriadneApp(provider).With("Backup:ErasureList", ErasureList);
        await app.InitializeAsync();
        var (investigator, first) = await app.NewCaseAsync();
        var (_, second) = await app.NewCaseAsync(CaseSteps.SampleInput("2"));
        var (_, third) = await app.NewCaseAsync(CaseSteps.SampleInput("3"));
        var viewer = CaseSteps.ViewerOf(investigator, RoleCatalog.Investigator);
        var (fileId, errors) = await app.WithScopeAsync(sp => sp.GetRequiredService<CriminalFiles>().OpenAsync(viewer, [RoleCatalog.Investigator],
            new CriminalFiles.OpenInput { Title = "Operation Karvan", Offences = ["144-1.1"], Summary = "Recruitment for work abroad" }));
        Assert.Empty(errors);
        var content = Encoding.ASCII.GetBytes($"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 200]>>endobj\ntrailer<</Root 1 0 R>>\n% ledger {Guid.NewGuid()}\n%%EOF\n");
        var (itemId, itemErrors) = await app.WithScopeAsync(sp => sp.GetRequiredService<EvidenceLocker>().TakeInAsync(viewer, fileId!.Value,
            new() { Description = "Ledger seized at the flat", Location = "Evidence room 2" }, "ledger.pdf", "application/pdf", content));
        Assert.Empty(itemErrors!);
        Assert.NotNull(itemId);
        return (app, [first, second, third], content);
    }

    private Task<(int ExitCode, string Output)> VerbAsync(string connectionString, string keyRing, params string[] args) =>
        RunAsync(provider, connectionString, keyRing, ErasureList, args);

    internal static Task<(int ExitCode, string Output)> RunAsync(string provider, string connectionString, string keyRing, string? erasureList, params string[] args)
    {
        var settings = CommandLine.Settings(provider, connectionString, keyRing);
        if (erasureList is not null)
            settings["Backup:ErasureList"] = erasureList;
        return CommandLine.RunAsync(settings, args);
    }

    /// <summary>Rows per table of the model, counted straight from the database (no host on it: a host writes at start).</summary>
    private async Task<Dictionary<string, long>> CountsAsync(AriadneApp app, string? connectionString = null)
    {
        var tables = await app.WithScopeAsync(sp => Task.FromResult(
            sp.GetRequiredService<AriadneDbContext>().Model.GetRelationalModel().Tables.Select(t => t.Name).ToList()));
        await using System.Data.Common.DbConnection connection = provider == "Sqlite"
            ? new Microsoft.Data.Sqlite.SqliteConnection(connectionString ?? app.Database.ConnectionString)
            : new Npgsql.NpgsqlConnection(connectionString ?? app.Database.ConnectionString);
        await connection.OpenAsync();
        var counts = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts[table] = Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }
        return counts;
    }

    /// <summary>A host on <paramref name="database"/> (already restored) with the same key ring, as the server after a restore.</summary>
    private async Task<AriadneApp> HostOnAsync(TestDatabase database, AriadneApp source)
    {
        var host = new AriadneApp(source.Provider, migrate: false)
            .With("ConnectionStrings:Ariadne", database.ConnectionString).With("Crypto:KeyRingFile", source.KeyRingFile)
            .With("Backup:ErasureList", ErasureList);
        await host.InitializeAsync();
        return host;
    }

    [Fact]
    public async Task A_backup_restores_into_an_empty_database_whole_and_checked_and_people_erased_since_stay_erased()
    {
        var (app, views, _) = await SystemAsync();
        await using var _app = app;
        var ids = views.Select(v => v.Id).ToList();
        var cases = await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Cases.AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync());
        cases = [.. views.Select(v => cases.Single(c => c.Id == v.Id))];
        // The third person is erased before the backup (listed, and erased in the backup already).
        Assert.True(await app.WithScopeAsync(sp => sp.GetRequiredService<PersonEraser>().EraseAsync(cases[2].Number)));
        var file = Path.Combine(_folder, "nightly.ariadne-backup");
        // A source whose "next" key ran far ahead (a long-lived system): the restored system's keys must go on past it.
        const long farAhead = 9_000_000_000_000_000;
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            var id = cases[0].Id;
            await db.Cases.Where(c => c.Id == id).ExecuteUpdateAsync(set => set.SetProperty(c => c.Recency, farAhead));
            await db.Grants.Where(g => g.CaseId == id).ExecuteUpdateAsync(set => set.SetProperty(g => g.CaseRecency, farAhead));
        });
        var referrer = await app.BorderOfficerAsync();
        var referred = await app.ReferAsync(referrer, ReferralSteps.SampleReferral("backup"));
        await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Referrals.Where(r => r.Id == referred.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.Sequence, farAhead)));

        var (code, output) = await VerbAsync(app.Database.ConnectionString, app.KeyRingFile, "backup", "--out", file);
        Assert.True(code == 0, output);
        Assert.Contains("Backup written to", output, StringComparison.Ordinal);
        var atBackup = await CountsAsync(app);
        Assert.Contains(OperationsAudit.BackupWritten.Code, await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().AuditEvents.Select(e => e.Action).ToListAsync()));
        atBackup["audit_events"]--; // the backup.written event follows the snapshot

        // After the backup: the second person is erased (in the live system, and on the list kept apart).
        Assert.True(await app.WithScopeAsync(sp => sp.GetRequiredService<PersonEraser>().EraseAsync(cases[1].Number)));
        Assert.Equal(2, File.ReadAllLines(ErasureList).Length);

        await using var target = TestDatabase.Create(provider); // empty: no tables
        (code, output) = await VerbAsync(target.ConnectionString, app.KeyRingFile, "restore", "--from", file);
        Assert.True(code == 0, output);
        // One line, besides EF's log of the history table it looked for before creating it.
        Assert.Single(output.Split('\n'), line => line.StartsWith("Restored ", StringComparison.Ordinal));
        Assert.All(output.Split('\n', StringSplitOptions.RemoveEmptyEntries),
            line => Assert.True(line.StartsWith("Restored ", StringComparison.Ordinal) || line.Contains("__ef_migrations", StringComparison.Ordinal), line));
        Assert.Contains($"Restored {atBackup.Values.Sum()} rows in {atBackup.Count} tables", output, StringComparison.Ordinal);
        Assert.Contains("row counts match", output, StringComparison.Ordinal);
        Assert.Contains("erasure list: 2 listed, 1 erased again", output, StringComparison.Ordinal);
        Assert.Contains("audit verify: intact", output, StringComparison.Ordinal);
        Assert.Contains("evidence verify: OK, 1 items", output, StringComparison.Ordinal);
        Assert.Contains("sample decrypt: OK", output, StringComparison.Ordinal);

        var after = await CountsAsync(app, target.ConnectionString);
        foreach (var (table, rows) in atBackup.Where(t => t.Key is not ("audit_events" or "idempotency_records")))
            Assert.True(rows == after[table], $"{table}: {rows} at the backup, {after[table]} restored");

        // The server starts on the restored database and the same key ring; the data is there, the audit trail holds.
        await using var restored = await HostOnAsync(target, app);
        var kept = await restored.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            var person = await db.People.AsNoTracking().SingleAsync(p => p.Id == cases[0].PersonId);
            var key = await sp.GetRequiredService<DataKeys>().UnwrapAsync(person.DataKeyId);
            return sp.GetRequiredService<PersonVault>().Open(person, key!).GivenName;
        });
        Assert.Equal("Zülfiyyə", kept);
        foreach (var erased in cases.Skip(1))
            Assert.True(await restored.WithScopeAsync(async sp =>
            {
                var db = sp.GetRequiredService<AriadneDbContext>();
                var person = await db.People.AsNoTracking().SingleAsync(p => p.Id == erased.PersonId);
                return person.ErasedAt is not null && await sp.GetRequiredService<DataKeys>().UnwrapAsync(person.DataKeyId) is null;
            }), "an erased person came back with the restore");
        // Applying the list again (as after a point-in-time recovery) finds nobody left to erase.
        var (again, againLine) = await new Ariadne.Web.Platform.Cli.OperatorVerbs(restored.Services).RunAsync("erasures", ["apply"]);
        Assert.Equal((0, "Erasure list: 2 listed, 0 erased again."), (again, againLine));
        var evidence = await restored.WithScopeAsync(sp => sp.GetRequiredService<EvidenceLocker>().VerifyAllAsync());
        Assert.Equal((1, (string?)null), evidence);
        // New rows after the restore: the audit chain goes on from the restored head, identity columns from the restored ids.
        var (creator, fresh) = await restored.NewCaseAsync(CaseSteps.SampleInput("4"));
        var freshRecency = await restored.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Cases.Where(c => c.Id == fresh.Id).Select(c => c.Recency).SingleAsync());
        Assert.True(freshRecency > farAhead, "a case made after the restore is not the newest: the recency sequence was not moved past the restored cases");
        Assert.True((await restored.ReferAsync(referrer, ReferralSteps.SampleReferral("after"))).Sequence > farAhead,
            "a referral made after the restore sorts below a restored one: the desk's sequence was not moved past the restored referrals");
        var viewer = CaseSteps.ViewerOf(creator, RoleCatalog.Investigator);
        Assert.Equal("Zülfiyyə4", (await restored.WithScopeAsync(sp => sp.GetRequiredService<CaseService>().ReadAsync(viewer, fresh.Id, new AuditPurpose("test"))))!.Fields["givenName"]);
        var trail = await restored.WithScopeAsync(sp => sp.GetRequiredService<AuditVerifier>().VerifyAsync());
        Assert.True(trail.Intact, trail.Problem);
        Assert.Contains(OperationsAudit.BackupRestored.Code, await restored.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().AuditEvents.Select(e => e.Action).ToListAsync()));
    }

    [Fact]
    public async Task A_changed_cut_or_foreign_file_and_a_database_that_is_not_empty_are_refused_and_change_nothing()
    {
        var (app, _, _) = await SystemAsync();
        await using var _app = app;
        var file = Path.Combine(_folder, "good.ariadne-backup");
        await app.WithScopeAsync(sp => sp.GetRequiredService<DatabaseBackup>().WriteAsync(file));
        var bytes = await File.ReadAllBytesAsync(file);

        var changed = Path.Combine(_folder, "changed.ariadne-backup");
        var flipped = (byte[])bytes.Clone();
        flipped[bytes.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(changed, flipped);
        var cut = Path.Combine(_folder, "cut.ariadne-backup");
        await File.WriteAllBytesAsync(cut, bytes[..(bytes.Length - 40)]);
        var foreignRing = Path.Combine(_folder, "other-keys.json");
        KeyRing.Create(TimeProvider.System, foreignRing).Save(foreignRing);

        // The target: a database on which only 'migrate' ran (it holds the role catalogue and nothing else).
        await using var target = TestDatabase.Create(provider, migrated: true);
        var before = await CountsAsync(app, target.ConnectionString);

        foreach (var (backup, ring, reason) in new[]
        {
            (changed, app.KeyRingFile, "altered"),
            (cut, app.KeyRingFile, "ends early"),
            (file, foreignRing, "not written with this key ring"),
        })
        {
            var (code, output) = await VerbAsync(target.ConnectionString, ring, "restore", "--from", backup);
            Assert.True(code == 1, output);
            Assert.Contains("restore refused", output, StringComparison.Ordinal);
            Assert.Contains(reason, output, StringComparison.Ordinal);
            Assert.Contains("nothing was changed", output, StringComparison.Ordinal);
            Assert.Equal(before, await CountsAsync(app, target.ConnectionString));
        }

        // The source itself is not empty: refused, and untouched.
        var sourceBefore = await CountsAsync(app);
        var (refused, message) = await VerbAsync(app.Database.ConnectionString, app.KeyRingFile, "restore", "--from", file);
        Assert.True(refused == 1, message);
        Assert.Contains("the database is not empty", message, StringComparison.Ordinal);
        Assert.Equal(sourceBefore, await CountsAsync(app));

        // The good file into the migrated target: the role catalogue 'migrate' made is replaced by the backup's roles.
        var (ok, restoredLine) = await VerbAsync(target.ConnectionString, app.KeyRingFile, "restore", "--from", file);
        Assert.True(ok == 0, restoredLine);
        Assert.Equal(sourceBefore["AspNetUserRoles"], (await CountsAsync(app, target.ConnectionString))["AspNetUserRoles"]);
    }

    [Fact]
    public async Task The_backup_file_holds_no_personal_field_in_clear_and_no_key_of_the_key_ring()
    {
        var (app, _, evidence) = await SystemAsync();
        await using var _app = app;
        var file = Path.Combine(_folder, "plain.ariadne-backup");
        var result = await app.WithScopeAsync(sp => sp.GetRequiredService<DatabaseBackup>().WriteAsync(file));
        Assert.True(result.Rows > 50, $"only {result.Rows} rows");
        var bytes = await File.ReadAllBytesAsync(file);
        var text = Encoding.UTF8.GetString(bytes) + Encoding.Latin1.GetString(bytes);
        // Not even what is stored in clear in the database (user names, the file's title, table names) shows through.
        foreach (var clear in new[] { "Zülfiyyə", "AZE99887766", "Operation Karvan", "audit_events", "Test AntiTraffickingSquad" })
            Assert.DoesNotContain(clear, text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(-1, bytes.AsSpan().IndexOf(evidence.AsSpan(0, 64)));
        var ring = KeyRing.Load(app.KeyRingFile)!;
        foreach (var key in ring.MasterKeyIds.Select(ring.MasterKey).Append(ring.BlindIndexKey).Append(ring.AuditMacKey))
        {
            Assert.Equal(-1, bytes.AsSpan().IndexOf(key));
            Assert.DoesNotContain(Convert.ToBase64String(key), text, StringComparison.Ordinal);
        }
        Assert.DoesNotContain(ring.ActiveMasterKeyId, text, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        // ...and it does open with the key ring.
        var (manifest, trailer) = await app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<DatabaseRestore>().Inspect(file)));
        Assert.Equal(result.Rows, trailer.Rows.Values.Sum());
        Assert.Contains(manifest.Tables, t => t.Name == "evidence_contents");
    }
    [Fact]
    public async Task A_backup_taken_while_cases_are_being_written_is_one_consistent_snapshot()
    {
        var (app, _, _) = await SystemAsync();
        await using var _app = app;
        var file = Path.Combine(_folder, "busy.ariadne-backup");
        var before = await CountsAsync(app);
        // Cases are committed while the backup runs: one after it copied the people (whose table comes before the cases'),
        // one after it copied the cases. A copy that is not one snapshot would hold a case without its person.
        var committed = 0;
        await app.WithScopeAsync(sp => sp.GetRequiredService<DatabaseBackup>().WriteAsync(file, async table =>
        {
            if (table is "people" or "cases")
            {
                await app.NewCaseAsync(CaseSteps.SampleInput("w" + committed++));
            }
        }));
        Assert.Equal(2, committed);
        Assert.Equal(before["cases"] + 2, (await CountsAsync(app))["cases"]);

        await using var target = TestDatabase.Create(provider);
        var (code, output) = await VerbAsync(target.ConnectionString, app.KeyRingFile, "restore", "--from", file);
        Assert.True(code == 0, output); // foreign keys hold (a torn copy fails them), counts match, the chain verifies
        Assert.Contains("audit verify: intact", output, StringComparison.Ordinal);
        var restored = await CountsAsync(app, target.ConnectionString);
        // The backup is the moment it began: none of the cases committed during it, in any of their tables.
        foreach (var table in new[] { "cases", "people", "data_keys", "AspNetUsers" })
            Assert.True(before[table] == restored[table], $"{table}: {before[table]} when the backup began, {restored[table]} restored");
    }

    [Fact]
    public async Task A_backup_restores_into_the_other_database_engine()
    {
        var other = provider == "Sqlite" ? "Postgres" : "Sqlite";
        var (app, views, _) = await SystemAsync();
        await using var _app = app;
        var file = Path.Combine(_folder, "across.ariadne-backup");
        var written = await app.WithScopeAsync(sp => sp.GetRequiredService<DatabaseBackup>().WriteAsync(file));
        await using var target = TestDatabase.Create(other);
        var (code, output) = await RunAsync(other, target.ConnectionString, app.KeyRingFile, null, "restore", "--from", file);
        Assert.True(code == 0, output);
        Assert.Contains($"Restored {written.Rows} rows", output, StringComparison.Ordinal);
        Assert.Contains("audit verify: intact", output, StringComparison.Ordinal);
        Assert.Contains("evidence verify: OK, 1 items", output, StringComparison.Ordinal);
        Assert.Contains("sample decrypt: OK", output, StringComparison.Ordinal);
    }
}

public sealed class BackupTestsOnSqlite() : BackupTests("Sqlite");

public sealed class BackupTestsOnPostgres() : BackupTests("Postgres");
