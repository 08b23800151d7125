using System.Net;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
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
                new AuditRecord(CasesAudit.CaseViewed, ActorUserId: Guid.NewGuid(), TargetType: AuditTarget.Case, TargetId: Guid.NewGuid(), Purpose: new AuditPurpose("test"))));
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
            foreach (var sql in new[] { "DROP TRIGGER audit_events_no_update", "DROP TRIGGER audit_events_no_delete",
                "DROP TRIGGER IF EXISTS audit_checkpoints_no_update", "DROP TRIGGER IF EXISTS audit_checkpoints_no_delete" }.Concat(statements))
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
            foreach (var sql in new[] { "ALTER TABLE audit_events DISABLE TRIGGER USER", "ALTER TABLE audit_checkpoints DISABLE TRIGGER USER" }.Concat(statements)
                .Append("ALTER TABLE audit_events ENABLE TRIGGER USER").Append("ALTER TABLE audit_checkpoints ENABLE TRIGGER USER"))
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
        // Make room after #5 and insert a forged #6 that links correctly to #5: it has no MAC, and it is the first event that differs.
        var forged = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            var five = await db.AuditEvents.AsNoTracking().SingleAsync(e => e.Sequence == 5);
            var e = new AuditEvent
            {
                Sequence = 6,
                At = five.At,
                Action = CasesAudit.CaseViewed,
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
        Assert.Equal(6, result.FirstBadSequence);
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
        Assert.Equal(8, result.FirstBadSequence); // the first event that differs, by its MAC
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

    // ---- Issue 9 item 13: the tail after the last checkpoint ----

    private string Hex(byte[] b) => provider == "Sqlite" ? $"X'{Convert.ToHexString(b)}'" : $"'\\x{Convert.ToHexString(b)}'::bytea";

    /// <summary>A second node starts on the same deployment: its checkpoint at start covers every event so far.</summary>
    private async Task<AriadneApp> NodeStartedAfterAsync(AriadneApp first, string headFile)
    {
        var second = new AriadneApp(provider).SharingDeploymentWith(first).With("Audit:HeadCopyFile", headFile);
        await second.InitializeAsync();
        return second;
    }

    private static Task<int> CheckpointCountAsync(AriadneApp app) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().AuditCheckpoints.CountAsync());

    /// <summary>An event that links to the last one with a correct hash, as anyone who knows the algorithm can compute.</summary>
    private async Task AppendForgedAsync(AriadneApp app)
    {
        var last = await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().AuditEvents.AsNoTracking().OrderByDescending(e => e.Sequence).FirstAsync());
        var forged = new AuditEvent { Sequence = last.Sequence + 1, At = last.At, Action = CasesAudit.CaseViewed, Outcome = AuditOutcome.Allowed, PreviousHash = last.Hash, Hash = [] };
        forged.Hash = AuditHashing.EventHash(forged);
        var at = provider == "Sqlite"
            ? (await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Database.SqlQuery<long>($"SELECT \"At\" AS \"Value\" FROM audit_events WHERE \"Sequence\" = {last.Sequence}").SingleAsync())).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : $"(SELECT {Q("At")} FROM audit_events WHERE {Q("Sequence")} = {last.Sequence})";
        await TamperAsync(app, $"INSERT INTO audit_events ({Q("Sequence")}, {Q("At")}, {Q("Action")}, {Q("Outcome")}, {Q("PreviousHash")}, {Q("Hash")}) " +
            $"VALUES ({forged.Sequence}, {at}, '{forged.Action}', '{forged.Outcome}', {Hex(forged.PreviousHash)}, {Hex(forged.Hash)})");
    }

    /// <summary>Changes event <paramref name="from"/> and re-chains every hash after it; keeps or drops the MACs; removes the checkpoints.</summary>
    private async Task RechainAsync(AriadneApp app, long from, bool dropMacs)
    {
        var events = await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync());
        var statements = new List<string> { "DELETE FROM audit_checkpoints" };
        var previous = from == 1 ? AuditHashing.Genesis : events[(int)from - 2].Hash;
        foreach (var e in events.Skip((int)from - 1))
        {
            if (e.Sequence == from)
                e.Purpose = "forged";
            e.PreviousHash = previous;
            e.Hash = AuditHashing.EventHash(e);
            previous = e.Hash;
            statements.Add($"UPDATE audit_events SET {Q("Purpose")} = '{e.Purpose}', {Q("PreviousHash")} = {Hex(e.PreviousHash)}, {Q("Hash")} = {Hex(e.Hash)}"
                + (dropMacs ? $", {Q("Mac")} = NULL" : "") + $" WHERE {Q("Sequence")} = {e.Sequence}");
        }
        await TamperAsync(app, [.. statements]);
    }

    [Fact]
    public async Task A_checkpoint_is_signed_at_start_and_events_cut_after_it_are_caught_by_the_head_copy()
    {
        var headFile = Path.Combine(Path.GetTempPath(), $"ariadne-head-{Guid.NewGuid():N}.json");
        try
        {
            await using var app = new AriadneApp(provider).With("Audit:HeadCopyFile", headFile);
            await app.InitializeAsync();
            await AppendAsync(app, 6);
            await using var second = await NodeStartedAfterAsync(app, headFile); // kept to the end: disposing a node deletes the shared key ring
            Assert.Equal(1, await CheckpointCountAsync(second));
            Assert.Equal(6, (await app.WithScopeAsync(sp => sp.GetRequiredService<AuditVerifier>().VerifyAsync(headFile))).Events);

            // The attacker cuts the last two events and every checkpoint: the database alone no longer shows it; the head copy does.
            await TamperAsync(app, $"DELETE FROM audit_events WHERE {Q("Sequence")} > 4", "DELETE FROM audit_checkpoints");
            var result = await app.WithScopeAsync(sp => sp.GetRequiredService<AuditVerifier>().VerifyAsync(headFile));
            Assert.False(result.Intact);
            Assert.Equal(5, result.FirstBadSequence);
            Assert.Contains("removed from the end", result.Problem, StringComparison.Ordinal);
            var (code, message) = await RunAsync(app, "audit", "verify", "--head-file", headFile);
            Assert.True(code == 1, message);
            Assert.Contains("BROKEN at event #5", message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(headFile);
        }
    }

    [Fact]
    public async Task A_forged_event_appended_after_the_last_checkpoint_is_caught()
    {
        await using var app = new AriadneApp(provider);
        await app.InitializeAsync();
        await AppendAsync(app, 5);
        await CheckpointAsync(app);
        await AppendAsync(app, 1);
        await AppendForgedAsync(app);
        var result = await VerifyAsync(app);
        Assert.False(result.Intact);
        Assert.Equal(7, result.FirstBadSequence);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_rechained_trail_is_named_at_the_first_event_that_differs(bool dropMacs)
    {
        await using var app = new AriadneApp(provider);
        await app.InitializeAsync();
        await AppendAsync(app, 7);
        await CheckpointAsync(app);
        await RechainAsync(app, from: 3, dropMacs);
        var result = await VerifyAsync(app);
        Assert.False(result.Intact);
        Assert.Equal(3, result.FirstBadSequence);
    }

    [Fact]
    public async Task A_whole_trail_rechained_with_its_checkpoints_removed_is_caught_at_event_one()
    {
        await using var app = new AriadneApp(provider);
        await app.InitializeAsync();
        await AppendAsync(app, 4);
        await CheckpointAsync(app);
        await RechainAsync(app, from: 1, dropMacs: true);
        var result = await VerifyAsync(app);
        Assert.False(result.Intact);
        Assert.Equal(1, result.FirstBadSequence);
    }

    [Fact]
    public async Task Verify_reports_how_many_events_no_checkpoint_covers()
    {
        await using var app = new AriadneApp(provider);
        await app.InitializeAsync();
        await AppendAsync(app, 3);
        await CheckpointAsync(app);
        await AppendAsync(app, 2);
        var result = await VerifyAsync(app);
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(2, result.Uncovered);
        var (code, message) = await RunAsync(app, "audit", "verify");
        Assert.Equal(0, code);
        Assert.Contains("Audit trail intact: 5 events, 1 signed checkpoint(s) verified; 2 event(s) after the last signed checkpoint", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkpoints_come_every_five_minutes_or_every_n_events_and_at_shutdown_on_the_fake_clock()
    {
        Assert.Equal(TimeSpan.FromMinutes(5), new AuditOptions().CheckpointInterval);
        Assert.Equal(10_000, new AuditOptions().CheckpointEveryEvents);
        // One node: with a pair, the lease may sit with the other node, whose job then writes the shutdown checkpoint.
        await using var app = new AriadneApp(provider).With("Audit:CheckpointEveryEvents", "5").SingleNode();
        await app.InitializeAsync();
        Task<AuditCheckpoint?> IfDue() => app.WithScopeAsync(sp => sp.GetRequiredService<AuditCheckpoints>().WriteIfDueAsync());

        Assert.Null(await IfDue()); // nothing to cover
        await AppendAsync(app, 2);
        Assert.Equal(2, (await IfDue())?.TreeSize); // the first events never wait
        await AppendAsync(app, 2);
        Assert.Null(await IfDue());
        app.Time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        Assert.Null(await IfDue());
        app.Time.Advance(TimeSpan.FromSeconds(1));
        await IfDue(); // due now: written by this call or by the job's own tick on the same clock
        Assert.Equal(4, await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().AuditCheckpoints.MaxAsync(c => c.TreeSize))); // five minutes
        await AppendAsync(app, 4);
        Assert.Null(await IfDue());
        await AppendAsync(app, 1);
        Assert.Equal(9, (await IfDue())?.TreeSize); // five events

        // The job itself, driven by the fake clock: a tick after five minutes writes one.
        // (The job waits one poll interval after each run, so the clock moves on in poll steps until it has run.)
        await AppendAsync(app, 1);
        app.Time.Advance(TimeSpan.FromMinutes(5));
        for (var i = 0; i < 300 && await CheckpointCountAsync(app) < 4; i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            app.Time.Advance(new AuditOptions().CheckpointPollInterval);
        }
        Assert.Equal(4, await CheckpointCountAsync(app));

        // At shutdown the last events are covered whatever the cadence.
        await AppendAsync(app, 1);
        var job = app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<CheckpointJob>().Single();
        await job.StopAsync(TestContext.Current.CancellationToken);
        Assert.Equal(11, await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().AuditCheckpoints.MaxAsync(c => c.TreeSize)));
    }

    /// <summary>An operator's verb on the app's database and key ring, as the command line runs it.</summary>
    internal static Task<(int ExitCode, string Output)> RunAsync(AriadneApp app, params string[] args) =>
        CommandLine.RunAsync(CommandLine.Settings(app.Database.Provider, app.Database.ConnectionString, app.KeyRingFile), args);

    /// <summary>The application on a named node, reached from one client address (the test server reports none of its own).</summary>
    private sealed class FromClient(string provider) : AriadneApp(provider)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.AddSingleton<IStartupFilter>(new FixedClientAddress(IPAddress.Parse("::ffff:203.0.113.5"))));
        }
    }

    [Fact]
    public async Task Each_event_says_on_which_node_and_for_staff_from_which_address_and_a_changed_address_is_named()
    {
        await using var app = new FromClient(provider);
        app.With("Audit:NodeName", "node-7");
        await app.InitializeAsync();
        var user = await app.CreateUserAsync(InstitutionKind.AntiTraffickingSquad, [RoleCatalog.Investigator], [TrainingTopic.AntiTrafficking]);
        using (var session = app.NewSession())
        {
            await session.SignInAsync(app, user);
            await session.PasswordAsync("nobody-" + Guid.NewGuid().ToString("N")[..6], "Wrong-Password-Number-1"); // no account: no actor
        }
        await AppendAsync(app, 1); // outside a request (a job, a verb)

        var events = await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().AuditEvents.AsNoTracking()
            .OrderBy(e => e.Sequence).ToListAsync());
        var signIn = events.Last(e => e.ActorUserId == user.Id && e.Action == PlatformAudit.SignIn.Code);
        Assert.Equal(("node-7", "203.0.113.5"), (signIn.Node, signIn.ClientAddress));
        Assert.All(events.Where(e => e.ActorUserId is null), e => Assert.Null(e.ClientAddress)); // an anonymous visitor is not traced
        Assert.Single(events, e => e.ActorUserId is null && e.Action == PlatformAudit.SignInFailed.Code);
        Assert.Null(events[^1].ClientAddress); // no request, no address
        Assert.All(events, e => Assert.Equal("node-7", e.Node));
        Assert.True((await VerifyAsync(app)).Intact);

        // Where an event came from is covered by its hash like the rest.
        await TamperAsync(app, $"UPDATE audit_events SET {Q("ClientAddress")} = '10.0.0.1' WHERE {Q("Sequence")} = {signIn.Sequence}");
        var result = await VerifyAsync(app);
        Assert.False(result.Intact);
        Assert.Equal(signIn.Sequence, result.FirstBadSequence);
    }

    // ---- ASVS 11.2.2: the audit signing key rotates; what it signed stays verifiable ----

    [Fact]
    public async Task Rotating_the_signing_key_keeps_what_the_old_key_signed_verifiable_and_the_trail_goes_on_under_the_new_one()
    {
        var headFile = Path.Combine(Path.GetTempPath(), $"ariadne-head-{Guid.NewGuid():N}.json");
        try
        {
            await using var app = new AriadneApp(provider).With("Audit:HeadCopyFile", headFile);
            await app.InitializeAsync();
            await AppendAsync(app, 4);
            await CheckpointAsync(app);
            var before = Ariadne.Web.Platform.Crypto.KeyRing.Load(app.KeyRingFile)!;

            var (code, message) = await RunAsync(app, "keys", "rotate-signing");
            Assert.True(code == 0, message);
            Assert.Contains("is retired and kept to verify the checkpoints it signed", message, StringComparison.Ordinal);
            var after = Ariadne.Web.Platform.Crypto.KeyRing.Load(app.KeyRingFile)!;
            Assert.NotEqual(before.AuditSigningKeyId, after.AuditSigningKeyId);
            Assert.Equal(before.AuditSigningKeyId, after.RetiredSigningKeys.Single().KeyId);
            Assert.Equal(before.AuditMacKey, after.AuditMacKey); // the events' MACs stay verifiable
            var keyIds = await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().AuditCheckpoints.AsNoTracking()
                .OrderBy(c => c.TreeSize).ThenBy(c => c.Id).Select(c => c.KeyId).ToListAsync());
            Assert.Equal(after.AuditSigningKeyId, keyIds[^1]); // the verb signed a checkpoint with the new key at once
            Assert.Contains(before.AuditSigningKeyId, keyIds);
            Assert.True(await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().AuditEvents
                .AnyAsync(e => e.Action == PlatformAudit.SigningKeyRotated.Code)));

            // A node on the rotated ring: the old checkpoints and the head copy (signed by the old key) verify, and it signs anew.
            await using var node = new AriadneApp(provider, migrate: false).SharingDeploymentWith(app).With("Audit:HeadCopyFile", headFile);
            await node.InitializeAsync();
            await AppendAsync(node, 3);
            // A node left running on the old ring, with these new events to cover, signs no checkpoint (it would never verify, and
            // cannot be removed).
            await Assert.ThrowsAsync<SigningKeyRetiredException>(() => CheckpointAsync(app));
            await CheckpointAsync(node);
            var result = await node.WithScopeAsync(sp => sp.GetRequiredService<AuditVerifier>().VerifyAsync(headFile));
            Assert.True(result.Intact, result.Problem);
            Assert.Equal(keyIds.Count + 1, result.Checkpoints);
            var (verified, verifiedText) = await RunAsync(app, "audit", "verify", "--head-file", headFile);
            Assert.True(verified == 0, verifiedText);

            var (status, statusText) = await RunAsync(app, "keys", "status");
            Assert.True(status == 0, statusText);
            Assert.Contains("1 retired kept for verification; nothing due", statusText, StringComparison.Ordinal);

            // Without the retired key the old checkpoints no longer verify: it is the retired key that vouches for them.
            var ringText = await File.ReadAllTextAsync(app.KeyRingFile);
            var json = System.Text.Json.Nodes.JsonNode.Parse(ringText)!;
            json["retiredSigningKeys"] = new System.Text.Json.Nodes.JsonArray();
            await File.WriteAllTextAsync(app.KeyRingFile, json.ToJsonString());
            var (broken, brokenText) = await RunAsync(app, "audit", "verify");
            Assert.True(broken == 1, brokenText);
            await File.WriteAllTextAsync(app.KeyRingFile, ringText);
            var (again, againText) = await RunAsync(app, "audit", "verify");
            Assert.True(again == 0, againText);

            // Whoever kept the retired key signs a checkpoint past the rotation, backdated to before it: refused, since a retired
            // key vouches for nothing after the first checkpoint of a later key.
            var heads = await node.WithScopeAsync(sp => AuditChains.HeadsAsync(sp.GetRequiredService<AriadneDbContext>(), CancellationToken.None));
            var encoded = ChainHead.Encode(heads);
            var size = heads.Sum(h => h.Position);
            var backdated = DateTimeOffset.FromUnixTimeMilliseconds(after.RetiredSigningKeys.Single().RetiredAt.AddMinutes(-5).ToUnixTimeMilliseconds());
            // Checkpoints are appended by the application itself: the forger needs no more than the database.
            await node.WithScopeAsync(async sp =>
            {
                var db = sp.GetRequiredService<AriadneDbContext>();
                db.AuditCheckpoints.Add(new AuditCheckpoint
                {
                    TreeSize = size,
                    RootHash = ChainHead.Root(encoded),
                    CreatedAt = backdated,
                    KeyId = before.AuditSigningKeyId,
                    Heads = encoded,
                    Signature = before.AuditSigningKey.SignData(AuditHashing.CheckpointStatementV2(size, ChainHead.Root(encoded), backdated),
                        System.Security.Cryptography.HashAlgorithmName.SHA256),
                });
                return await db.SaveChangesAsync();
            });
            var forged = await node.WithScopeAsync(sp => sp.GetRequiredService<AuditVerifier>().VerifyAsync());
            Assert.False(forged.Intact);
        }
        finally
        {
            File.Delete(headFile);
        }
    }

    [Fact]
    public async Task Keys_status_reports_a_key_past_its_cryptoperiod_with_its_own_exit_code_and_no_secret()
    {
        await using var app = new AriadneApp(provider);
        await app.InitializeAsync();
        await app.NewCaseAsync();
        var ring = Ariadne.Web.Platform.Crypto.KeyRing.Load(app.KeyRingFile)!;
        var settings = CommandLine.Settings(app.Database.Provider, app.Database.ConnectionString, app.KeyRingFile);

        var (fine, fineText) = await CommandLine.RunAsync(settings, "keys", "status");
        Assert.True(fine == 0, fineText);
        Assert.Contains($"master key {ring.ActiveMasterKeyId}, ", fineText, StringComparison.Ordinal);
        Assert.Contains(" day(s) old of 365; 1 data key(s) under it, 0 under older master keys (0 older in the ring)", fineText, StringComparison.Ordinal);

        settings["Crypto:MasterKeyCryptoperiodDays"] = "0";
        var (due, dueText) = await CommandLine.RunAsync(settings, "keys", "status");
        Assert.Equal(3, due);
        Assert.Contains($"DUE: master key {ring.ActiveMasterKeyId} is ", dueText, StringComparison.Ordinal);
        Assert.Contains(" days old (cryptoperiod 0 days)", dueText, StringComparison.Ordinal);
        foreach (var secret in new[] { Convert.ToBase64String(ring.MasterKey(ring.ActiveMasterKeyId)), Convert.ToBase64String(ring.BlindIndexKey) })
            Assert.DoesNotContain(secret, dueText, StringComparison.Ordinal);
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
        await app.WithScopeAsync(sp => sp.GetRequiredService<AuditTrail>().RecordAsync(new AuditRecord(PlatformAudit.SignIn)));

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
