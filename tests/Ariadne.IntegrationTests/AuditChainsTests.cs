using System.Security.Cryptography;
using System.Text.Json;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ariadne.IntegrationTests;

/// <summary>
/// Issue 18 item 5: concurrent transactions append to several chains (PostgreSQL), each event still in its
/// transaction; tampering with any one chain is caught; verification resumes from a state only the verifier can write.
/// </summary>
public abstract class AuditChainsTests(string provider)
{
    private const int Chains = 4;

    private AriadneApp NewApp() => new AriadneApp(provider).With("Audit:Chains", Chains.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static AuditRecord Record(Guid? target = null) =>
        new(CasesAudit.CaseViewed, ActorUserId: Guid.NewGuid(), TargetType: AuditTarget.Case, TargetId: target ?? Guid.NewGuid(), Purpose: new AuditPurpose("test"));

    /// <summary>
    /// <paramref name="rounds"/> rounds of <see cref="Chains"/> writers whose transactions are all open at once (each holds
    /// its chain until the others have appended too): on PostgreSQL each takes a chain of its own. SQLite has one writer at a
    /// time: the same appends, one after the other, on chain 0.
    /// </summary>
    private async Task ConcurrentRoundsAsync(AriadneApp app, int rounds)
    {
        for (var r = 0; r < rounds; r++)
        {
            if (provider == "Sqlite")
            {
                for (var i = 0; i < Chains; i++)
                    await app.WithScopeAsync(sp => sp.GetRequiredService<AuditTrail>().RecordAsync(Record()));
                continue;
            }
            using var allIn = new Barrier(Chains);
            await Task.WhenAll(Enumerable.Range(0, Chains).Select(_ => Task.Run(() => app.WithScopeAsync(async sp =>
            {
                var db = sp.GetRequiredService<AriadneDbContext>();
                await using var transaction = await db.Database.BeginTransactionAsync();
                await sp.GetRequiredService<AuditTrail>().AppendAsync(Record());
                allIn.SignalAndWait(TimeSpan.FromSeconds(30));
                await transaction.CommitAsync();
            }))));
        }
    }

    private static Task<List<AuditEvent>> EventsAsync(AriadneApp app) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync());

    private static Task<AuditVerifier.Result> VerifyAsync(AriadneApp app, string? state = null) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<AuditVerifier>().VerifyAsync(null, state, CancellationToken.None));

    private static Task CheckpointAsync(AriadneApp app) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<AuditCheckpoints>().WriteAsync());

    private string Q(string column) => $"\"{column}\"";

    /// <summary>What an attacker with the database owner's rights does: switch the triggers off, then write.</summary>
    private async Task TamperAsync(AriadneApp app, params string[] statements)
    {
        if (provider == "Sqlite")
        {
            await using var connection = new SqliteConnection(app.Database.ConnectionString);
            await connection.OpenAsync();
            foreach (var sql in new[] { "DROP TRIGGER IF EXISTS audit_events_no_update", "DROP TRIGGER IF EXISTS audit_events_no_delete" }.Concat(statements))
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

    /// <summary>The chain most events are on (any chain on PostgreSQL, where each holds three): its events in order.</summary>
    private static List<AuditEvent> SomeChain(List<AuditEvent> events) =>
        [.. events.GroupBy(e => e.Chain).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).First().OrderBy(e => e.Position)];

    [Fact]
    public async Task Concurrent_writers_fill_several_chains_that_verify_with_their_checkpoints()
    {
        await using var app = NewApp();
        await app.InitializeAsync();
        await ConcurrentRoundsAsync(app, 3);
        await CheckpointAsync(app);
        // And writers that do not wait for each other: as many as there are chains and more.
        await Task.WhenAll(Enumerable.Range(0, 2 * Chains).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 5; i++)
                await app.WithScopeAsync(sp => sp.GetRequiredService<AuditTrail>().RecordAsync(Record()));
        })));
        await CheckpointAsync(app);

        var events = await EventsAsync(app);
        Assert.Equal(3 * Chains + 2 * Chains * 5, events.Count);
        var chains = events.GroupBy(e => e.Chain).ToList();
        Assert.Equal(provider == "Sqlite" ? 1 : Chains, chains.Count);
        foreach (var chain in chains)
        {
            var ordered = chain.OrderBy(e => e.Position).ToList();
            Assert.Equal(Enumerable.Range(1, ordered.Count).Select(p => (long?)p), ordered.Select(e => e.Position)); // no gap, no fork
            Assert.Equal(ordered.Select(e => e.Sequence).Order(), ordered.Select(e => e.Sequence)); // numbers increase along the chain
        }
        var result = await VerifyAsync(app);
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(events.Count, result.Events);
        Assert.Equal(2, result.Checkpoints);
        Assert.Equal(0, result.Uncovered);
        var last = await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().AuditCheckpoints.AsNoTracking().OrderBy(c => c.Id).LastAsync());
        Assert.Equal(chains.Count, ChainHead.Decode(last.Heads!)!.Count); // the checkpoint signs every chain's head
    }

    [Theory]
    [InlineData("changed")]
    [InlineData("deleted")]
    [InlineData("reordered")]
    [InlineData("truncated")]
    public async Task Tampering_with_one_event_of_one_chain_is_caught(string tampering)
    {
        await using var app = NewApp();
        await app.InitializeAsync();
        await ConcurrentRoundsAsync(app, 3);
        await CheckpointAsync(app);
        Assert.True((await VerifyAsync(app)).Intact);
        var chain = SomeChain(await EventsAsync(app));
        var (first, second, head) = (chain[0], chain[1], chain[^1]);
        var where = (AuditEvent e) => $"WHERE {Q("Chain")} = {e.Chain} AND {Q("Position")} = {e.Position}";
        long expected;
        switch (tampering)
        {
            case "changed":
                await TamperAsync(app, $"UPDATE audit_events SET {Q("Outcome")} = 'denied' {where(second)}");
                expected = second.Sequence;
                break;
            case "deleted":
                await TamperAsync(app, $"DELETE FROM audit_events {where(second)}");
                expected = first.Sequence + 1;
                break;
            case "reordered":
                await TamperAsync(app,
                    $"UPDATE audit_events SET {Q("Position")} = -1 {where(first)}",
                    $"UPDATE audit_events SET {Q("Position")} = 1 {where(second)}",
                    $"UPDATE audit_events SET {Q("Position")} = 2 WHERE {Q("Chain")} = {first.Chain} AND {Q("Position")} = -1");
                expected = first.Sequence;
                break;
            default: // the chain's head cut after the checkpoint signed it
                await TamperAsync(app, $"DELETE FROM audit_events {where(head)}");
                expected = chain[^2].Sequence + 1;
                break;
        }
        var result = await VerifyAsync(app);
        Assert.False(result.Intact);
        Assert.Equal(expected, result.FirstBadSequence);
        if (tampering == "truncated")
            Assert.Contains("removed from the end", result.Problem, StringComparison.Ordinal);
        var (code, message) = await AuditTrailTests.RunAsync(app, "audit", "verify");
        Assert.Equal(1, code);
        Assert.Contains($"BROKEN at event #{expected}", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Incremental_verification_starts_at_the_last_checkpoint_found_intact()
    {
        var state = Path.Combine(Path.GetTempPath(), $"ariadne-verify-{Guid.NewGuid():N}.json");
        try
        {
            await using var app = NewApp();
            await app.InitializeAsync();
            await ConcurrentRoundsAsync(app, 3);
            await CheckpointAsync(app);
            var firstRun = await VerifyAsync(app, state); // no state yet: everything, then the state
            Assert.True(firstRun.Intact, firstRun.Problem);
            Assert.Null(firstRun.FromCheckpoint);
            Assert.True(File.Exists(state));

            // A change before the state's checkpoint (not a chain's head) is not looked at again; a full run finds it.
            var before = SomeChain(await EventsAsync(app))[0];
            await TamperAsync(app, $"UPDATE audit_events SET {Q("Purpose")} = 'forged' WHERE {Q("Sequence")} = {before.Sequence}");
            var resumed = await VerifyAsync(app, state);
            Assert.True(resumed.Intact, resumed.Problem);
            Assert.NotNull(resumed.FromCheckpoint);
            Assert.Equal(0, resumed.Checked);
            Assert.False((await VerifyAsync(app)).Intact);

            // A change after it is found.
            await ConcurrentRoundsAsync(app, 2);
            await CheckpointAsync(app);
            var (code, line) = await AuditTrailTests.RunAsync(app, "audit", "verify", "--incremental", state);
            Assert.True(code == 0, line);
            Assert.Contains($"{2 * Chains} event(s) after checkpoint", line, StringComparison.Ordinal);
            await ConcurrentRoundsAsync(app, 1);
            var after = (await EventsAsync(app))[^1];
            await TamperAsync(app, $"UPDATE audit_events SET {Q("Purpose")} = 'forged' WHERE {Q("Sequence")} = {after.Sequence}");
            var caught = await VerifyAsync(app, state);
            Assert.False(caught.Intact);
            Assert.Equal(after.Sequence, caught.FirstBadSequence);
        }
        finally
        {
            File.Delete(state);
        }
    }

    [Fact]
    public async Task A_forged_state_file_is_refused()
    {
        var state = Path.Combine(Path.GetTempPath(), $"ariadne-verify-{Guid.NewGuid():N}.json");
        try
        {
            await using var app = NewApp();
            await app.InitializeAsync();
            await ConcurrentRoundsAsync(app, 2);
            await CheckpointAsync(app);
            await ConcurrentRoundsAsync(app, 2);
            await CheckpointAsync(app);
            Assert.True((await VerifyAsync(app, state)).Intact);
            var genuine = JsonSerializer.Deserialize<AuditVerifyState>(await File.ReadAllTextAsync(state, TestContext.Current.CancellationToken))!;

            // The state made to vouch for the first checkpoint's heads under the second's name, keeping the MAC; a MAC of our own.
            var checkpoints = await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().AuditCheckpoints.AsNoTracking().OrderBy(c => c.Id).ToListAsync());
            var forgeries = new[]
            {
                genuine with { Heads = Convert.ToBase64String(checkpoints[0].Heads!) },
                genuine with { CheckpointId = checkpoints[0].Id },
                genuine with { Mac = Convert.ToBase64String(HMACSHA256.HashData(RandomNumberGenerator.GetBytes(32), Convert.FromBase64String(genuine.Heads))) },
            };
            foreach (var forged in forgeries)
            {
                await File.WriteAllTextAsync(state, JsonSerializer.Serialize(forged), TestContext.Current.CancellationToken);
                var result = await VerifyAsync(app, state);
                Assert.False(result.Intact);
                Assert.Null(result.FirstBadSequence);
                Assert.Contains("not written by this deployment", result.Problem, StringComparison.Ordinal);
            }
            var (code, line) = await AuditTrailTests.RunAsync(app, "audit", "verify", "--incremental", state);
            Assert.Equal(1, code);
            Assert.Contains("Audit verify refused", line, StringComparison.Ordinal);

            // The genuine state, written by the verifier with the key ring, is taken.
            await File.WriteAllTextAsync(state, JsonSerializer.Serialize(genuine), TestContext.Current.CancellationToken);
            var resumed = await VerifyAsync(app, state);
            Assert.True(resumed.Intact, resumed.Problem);
            Assert.Equal(checkpoints[^1].Id, resumed.FromCheckpoint);
        }
        finally
        {
            File.Delete(state);
        }
    }

    [Fact]
    public async Task A_rolled_back_transaction_leaves_no_event_and_the_chain_goes_on()
    {
        await using var app = NewApp();
        await app.InitializeAsync();
        await ConcurrentRoundsAsync(app, 1);
        var target = Guid.NewGuid();
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var written = await sp.GetRequiredService<AuditTrail>().AppendAsync(Record(target));
            Assert.True(await db.AuditEvents.AnyAsync(e => e.TargetId == target)); // inside its transaction
            await transaction.RollbackAsync();
        });
        Assert.False(await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().AuditEvents.AnyAsync(e => e.TargetId == target)));
        await ConcurrentRoundsAsync(app, 1);
        await CheckpointAsync(app);
        var result = await VerifyAsync(app);
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(2 * Chains, result.Events);
    }

    /// <summary>Two nodes of one deployment (one database, one key ring), each kept one node even in a pair run.</summary>
    private async Task<(AriadneApp First, AriadneApp Second)> TwoNodesAsync()
    {
        var first = NewApp().SingleNode();
        await first.InitializeAsync();
        var second = NewApp().SingleNode().SharingDeploymentWith(first);
        await second.InitializeAsync();
        return (first, second);
    }

    /// <summary>The chain's events in place order: no gap, no fork, numbers increasing along it, each linked to the one before.</summary>
    private static void AssertOneUnbrokenChain(IEnumerable<AuditEvent> chain)
    {
        var ordered = chain.OrderBy(e => e.Position).ToList();
        Assert.Equal(Enumerable.Range(1, ordered.Count).Select(p => (long?)p), ordered.Select(e => e.Position));
        Assert.Equal(ordered.Select(e => e.Sequence).Order(), ordered.Select(e => e.Sequence));
        for (var i = 1; i < ordered.Count; i++)
            Assert.Equal(ordered[i - 1].Hash, ordered[i].PreviousHash);
    }

    [Fact]
    public async Task An_append_after_a_rollback_or_an_abandoned_transaction_follows_the_last_committed_event()
    {
        await using var app = NewApp();
        await app.InitializeAsync();
        await app.WithScopeAsync(sp => sp.GetRequiredService<AuditTrail>().RecordAsync(Record()));
        var holds = app.Services.GetRequiredService<AuditChainHolds>();
        Assert.Equal(1, holds.Head(0)?.Position); // what this node saw commit
        // Two events in one transaction, rolled back; then one in a transaction left without commit or rollback.
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var trail = sp.GetRequiredService<AuditTrail>();
            var first = await trail.AppendAsync(Record());
            var second = await trail.AppendAsync(Record());
            Assert.Equal((first.Chain, first.Position + 1, first.Hash), (second.Chain, second.Position, second.PreviousHash));
            await transaction.RollbackAsync();
        });
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            var transaction = await db.Database.BeginTransactionAsync();
            await sp.GetRequiredService<AuditTrail>().AppendAsync(Record());
            await transaction.DisposeAsync();
        });
        Assert.Equal(1, holds.Head(0)?.Position);
        // Two in one transaction that commits, then one more: each after the last committed event.
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var trail = sp.GetRequiredService<AuditTrail>();
            await trail.AppendAsync(Record());
            await trail.AppendAsync(Record());
            await transaction.CommitAsync();
        });
        await app.WithScopeAsync(sp => sp.GetRequiredService<AuditTrail>().RecordAsync(Record()));
        var events = await EventsAsync(app);
        Assert.Equal(4, events.Count);
        Assert.All(events, e => Assert.Equal(0, e.Chain));
        AssertOneUnbrokenChain(events);
        Assert.Equal(4, holds.Head(0)?.Position);
        await CheckpointAsync(app);
        var result = await VerifyAsync(app);
        Assert.True(result.Intact, result.Problem);
    }

    [Fact]
    public async Task Two_nodes_appending_to_the_same_chains_keep_each_chain_unbroken()
    {
        var (first, second) = await TwoNodesAsync();
        await using var firstNode = first;
        await using var secondNode = second;
        // One after the other, each node alone: both take chain 0, and each append finds the head the other node moved.
        for (var i = 0; i < 6; i++)
            foreach (var node in new[] { first, second })
                await node.WithScopeAsync(sp => sp.GetRequiredService<AuditTrail>().RecordAsync(Record()));
        var alone = await EventsAsync(first);
        Assert.Equal(12, alone.Count);
        Assert.All(alone, e => Assert.Equal(0, e.Chain));
        AssertOneUnbrokenChain(alone);
        // Then both at once, more writers than chains on each.
        await Task.WhenAll(new[] { first, second }.SelectMany(node => Enumerable.Range(0, 2 * Chains).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 5; i++)
                await node.WithScopeAsync(sp => sp.GetRequiredService<AuditTrail>().RecordAsync(Record()));
        }))));
        await CheckpointAsync(second);
        var events = await EventsAsync(first);
        Assert.Equal(12 + 2 * 2 * Chains * 5, events.Count);
        foreach (var chain in events.GroupBy(e => e.Chain))
            AssertOneUnbrokenChain(chain);
        var result = await VerifyAsync(first);
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(events.Count, result.Events);
        Assert.Equal(0, result.Uncovered);
    }

    [Fact]
    public async Task A_node_finding_its_chain_locked_by_another_node_appends_to_a_free_one_without_waiting()
    {
        var (first, second) = await TwoNodesAsync();
        await using var firstNode = first;
        await using var secondNode = second;
        await first.WithScopeAsync(sp => sp.GetRequiredService<AuditTrail>().RecordAsync(Record())); // the first node has seen chain 0's head
        using var holding = new SemaphoreSlim(0);
        using var release = new SemaphoreSlim(0);
        // The second node appends to chain 0 and keeps its transaction open.
        var held = second.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var e = await sp.GetRequiredService<AuditTrail>().AppendAsync(Record());
            holding.Release();
            Assert.True(await release.WaitAsync(TimeSpan.FromSeconds(60)));
            await transaction.CommitAsync();
            return e.Chain;
        });
        Assert.True(await holding.WaitAsync(TimeSpan.FromSeconds(60)));
        // The first node, alone in its process, prefers chain 0 too: it must not wait for the second node's transaction.
        var appended = first.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var e = await sp.GetRequiredService<AuditTrail>().AppendAsync(Record());
            await transaction.CommitAsync();
            return e.Chain;
        });
        var done = await Task.WhenAny(appended, Task.Delay(TimeSpan.FromSeconds(30)));
        release.Release();
        Assert.Same(appended, done);
        Assert.Equal(0, await held);
        Assert.NotEqual(0, await appended);
        await first.WithScopeAsync(sp => sp.GetRequiredService<AuditTrail>().RecordAsync(Record())); // and back on chain 0, after the second node's event
        var events = await EventsAsync(first);
        Assert.Equal(4, events.Count);
        foreach (var chain in events.GroupBy(e => e.Chain))
            AssertOneUnbrokenChain(chain);
        Assert.Equal(3, events.Count(e => e.Chain == 0));
        Assert.True((await VerifyAsync(first)).Intact);
    }

    [Fact]
    public async Task Numbers_drawn_ahead_are_not_used_past_their_lifetime()
    {
        var (first, second) = await TwoNodesAsync();
        await using var firstNode = first;
        await using var secondNode = second;
        await first.WithScopeAsync(sp => sp.GetRequiredService<AuditTrail>().RecordAsync(Record())); // draws a block on the first node
        // The second node draws a block above it and writes on chain 1 only (its chain 0 held by a transaction that rolls back), so
        // that the first node's chain 0 does not show it.
        await second.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            Assert.Equal(0, (await sp.GetRequiredService<AuditTrail>().AppendAsync(Record())).Chain);
            await second.WithScopeAsync(sp2 => sp2.GetRequiredService<AuditTrail>().RecordAsync(Record()));
            await transaction.RollbackAsync();
        });
        Assert.Equal([0, 1], (await EventsAsync(first)).Select(e => e.Chain));
        await Task.Delay(AuditChainHolds.NumberLifetime + TimeSpan.FromMilliseconds(300));
        var target = Guid.NewGuid();
        await first.WithScopeAsync(sp => sp.GetRequiredService<AuditTrail>().RecordAsync(Record(target)));
        var events = await EventsAsync(first);
        var last = events.Single(e => e.TargetId == target);
        Assert.Equal(events.Max(e => e.Sequence), last.Sequence); // written after the others, numbered after them
        Assert.True((await VerifyAsync(first)).Intact);
    }

    [Fact]
    public async Task Incremental_verification_from_a_checkpoint_made_before_chains_goes_on_over_the_older_events_after_it()
    {
        var state = Path.Combine(Path.GetTempPath(), $"ariadne-verify-{Guid.NewGuid():N}.json");
        try
        {
            await using var app = NewApp();
            await app.InitializeAsync();
            await WriteBeforeChainsAsync(app, events: 3, checkpointed: 2); // the third came after the last old checkpoint
            var first = await VerifyAsync(app, state);
            Assert.True(first.Intact, first.Problem);
            // The state's head is an event without a place: the old event after it is not a forgery.
            var resumed = await VerifyAsync(app, state);
            Assert.True(resumed.Intact, resumed.Problem);
            Assert.NotNull(resumed.FromCheckpoint);

            await ConcurrentRoundsAsync(app, 1);
            await CheckpointAsync(app);
            var after = await VerifyAsync(app, state);
            Assert.True(after.Intact, after.Problem);
            Assert.Equal(3 + Chains, after.Events);
            // A full run agrees.
            Assert.True((await VerifyAsync(app)).Intact);
        }
        finally
        {
            File.Delete(state);
        }
    }

    [Fact]
    public async Task A_trail_written_before_chains_goes_on_as_chain_zero_and_verifies()
    {
        await using var app = NewApp();
        await app.InitializeAsync();
        await WriteBeforeChainsAsync(app, events: 3, checkpointed: 3);
        await app.WithScopeAsync(sp => sp.GetRequiredService<AuditTrail>().RecordAsync(Record())); // alone: chain 0, after the old events
        await ConcurrentRoundsAsync(app, 2);
        await CheckpointAsync(app);
        var events = await EventsAsync(app);
        var fourth = events.Single(e => e.Sequence == 4);
        Assert.Equal((0, 4L), (fourth.Chain, fourth.Position!.Value));
        Assert.Equal(fourth.PreviousHash, events.Single(e => e.Sequence == 3).Hash);
        var result = await VerifyAsync(app);
        Assert.True(result.Intact, result.Problem);
        Assert.Equal(4 + 2 * Chains, result.Events);

        // An old event altered is still named.
        await TamperAsync(app, $"UPDATE audit_events SET {Q("Outcome")} = 'denied' WHERE {Q("Sequence")} = 2");
        var broken = await VerifyAsync(app);
        Assert.Equal(2, broken.FirstBadSequence);
    }

    /// <summary>Events and a checkpoint over the first of them as written before chains (hash version 1, no place, the version 1 statement).</summary>
    private Task WriteBeforeChainsAsync(AriadneApp app, int events, int checkpointed) =>
        app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            var keys = sp.GetRequiredService<KeyRing>();
            var merkle = new MerkleAccumulator();
            var previous = AuditHashing.Genesis;
            for (var s = 1; s <= events; s++)
            {
                var e = new AuditEvent { Sequence = s, At = app.Time.GetUtcNow(), Action = CasesAudit.CaseViewed, Outcome = AuditOutcome.Allowed, PreviousHash = previous, Hash = [] };
                e.Hash = AuditHashing.EventHash(e);
                e.Mac = AuditHashing.EventMac(keys.AuditMacKey, e.Hash);
                previous = e.Hash;
                if (s <= checkpointed)
                    merkle.Add(e.Hash);
                db.AuditEvents.Add(e);
            }
            var at = DateTimeOffset.FromUnixTimeMilliseconds(app.Time.GetUtcNow().ToUnixTimeMilliseconds());
            db.AuditCheckpoints.Add(new AuditCheckpoint
            {
                TreeSize = checkpointed,
                RootHash = merkle.Root(),
                CreatedAt = at,
                Signature = keys.AuditSigningKey.SignData(AuditHashing.CheckpointStatement(checkpointed, merkle.Root(), at), HashAlgorithmName.SHA256),
                KeyId = keys.AuditSigningKeyId,
            });
            await db.SaveChangesAsync();
            if (provider == "Postgres")
                await db.Database.ExecuteSqlAsync($"SELECT setval('audit_event_numbers', {(long)(events + 1)}, false)");
        });
}

// On PostgreSQL only: several chains are PostgreSQL's (SQLite has one writer and appends to chain 0 only, docs/decisions.md);
// the verifier on SQLite's one chain is AuditTrailTests' subject, which runs on both.
public sealed class AuditChainsTestsOnPostgres() : AuditChainsTests("Postgres");
