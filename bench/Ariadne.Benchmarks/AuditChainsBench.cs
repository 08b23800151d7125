using System.Diagnostics;
using System.Security.Cryptography;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace Ariadne.Benchmarks;

/// <summary>
/// Issue 18 item 5 (bench/audit-chains.sh): audited requests per second with concurrent writers, each a transaction with a
/// small domain write and its audit event through the real <see cref="AuditTrail"/>; a bulk generator of a long trail with
/// real hashes, MACs and signed checkpoints (COPY); and the real <see cref="AuditVerifier"/> over it, full and incremental.
/// </summary>
public static class AuditChainsBench
{
    /// <summary>Writers run for <paramref name="seconds"/>; prints one line of figures. <paramref name="chains"/> 0: no audit event (the ceiling).</summary>
    public static async Task<int> AppendAsync(IServiceProvider services, int chains, int writers, int seconds)
    {
        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<AriadneDbContext>().Database.ExecuteSqlRawAsync(
                "CREATE TABLE IF NOT EXISTS bench_writes (id uuid PRIMARY KEY, at timestamptz NOT NULL, n integer NOT NULL)");
        var latencies = new List<double>[writers];
        var failures = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var clock = Stopwatch.StartNew();
        var ownCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var machineCpu = MachineCpuSeconds();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = [];
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await using var scope = services.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<AriadneDbContext>();
                    var id = Guid.NewGuid();
                    if (chains == 0)
                    {
                        // The ceiling: the same transaction without its audit event.
                        await using var transaction = await db.Database.BeginTransactionAsync();
                        await db.Database.ExecuteSqlAsync($"INSERT INTO bench_writes (id, at, n) VALUES ({id}, now(), {n++})");
                        await transaction.CommitAsync();
                        mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                        continue;
                    }
                    await scope.ServiceProvider.GetRequiredService<AuditTrail>().InTransactionAsync(async () =>
                    {
                        await db.Database.ExecuteSqlAsync($"INSERT INTO bench_writes (id, at, n) VALUES ({id}, now(), {n++})");
                        return (true, new AuditRecord(Ariadne.Web.Features.Cases.CasesAudit.CaseViewed, ActorUserId: Guid.NewGuid(),
                            TargetType: AuditTarget.Case, TargetId: id, Purpose: new AuditPurpose("bench")));
                    });
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                catch (Exception) when (!stop.IsCancellationRequested)
                {
                    Interlocked.Increment(ref failures);
                }
                catch (Exception)
                {
                    // the run's end cut this one short
                }
            }
        })));
        var elapsed = clock.Elapsed.TotalSeconds;
        ownCpu = Process.GetCurrentProcess().TotalProcessorTime - ownCpu;
        machineCpu = MachineCpuSeconds() - machineCpu;
        var all = latencies.SelectMany(l => l).Order().ToList();
        double P(double q) => all.Count == 0 ? 0 : all[Math.Min(all.Count - 1, (int)(q * all.Count))];
        long events, domain;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AriadneDbContext>();
            events = await db.AuditEvents.LongCountAsync();
            domain = await db.Database.SqlQueryRaw<long>("SELECT count(*) AS \"Value\" FROM bench_writes").SingleAsync();
        }
        Console.WriteLine($"| {(chains == 0 ? "no audit (the same transactions without their event)" : $"Audit:Chains={chains}")}, {writers} writers, {seconds} s | {all.Count / elapsed:F0} audited requests/s | p50 {P(0.5):F1} ms, p99 {P(0.99):F1} ms | {failures} failed | {domain} domain rows, {events} audit events | CPU per request: {ownCpu.TotalMicroseconds / Math.Max(1, all.Count):F0} µs in this process, {(machineCpu - ownCpu.TotalSeconds) * 1e6 / Math.Max(1, all.Count):F0} µs elsewhere on the machine (PostgreSQL and other work) |");
        return failures == 0 && (chains == 0 || domain == events) ? 0 : 1;
    }

    /// <summary>The machine's busy CPU seconds so far, all cores (user, nice, system, irq, softirq from /proc/stat).</summary>
    private static double MachineCpuSeconds()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long Field(int i) => long.Parse(cpu[i], System.Globalization.CultureInfo.InvariantCulture);
        return (Field(1) + Field(2) + Field(3) + Field(6) + Field(7)) / 100.0;
    }

    /// <summary>
    /// Appends <paramref name="count"/> events on <paramref name="chains"/> chains after what is there (an empty trail), with real
    /// version 2 hashes and MACs, computed chain by chain on every core, and COPY; a signed checkpoint every 10,000 events, as the
    /// checkpoint job writes them.
    /// </summary>
    public static async Task<int> GenerateAsync(IServiceProvider services, string connectionString, int chains, long count)
    {
        var keys = services.GetRequiredService<KeyRing>();
        var macKey = keys.AuditMacKey;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        if ((long)(await new NpgsqlCommand("SELECT count(*) FROM audit_events", connection).ExecuteScalarAsync())! != 0)
        {
            Console.WriteLine("the trail is not empty");
            return 1;
        }
        var clock = Stopwatch.StartNew();
        var previous = Enumerable.Range(0, chains).Select(_ => AuditHashing.Genesis).ToArray();
        var at = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - count);
        const int Block = 160_000;
        var checkpoints = new List<AuditCheckpoint>();
        string[] purposes = ["case.view", "case.search", "referral.view", "helpline.contact"];
        string[] nodes = ["ariadne-app-1", "ariadne-app-2"];
        for (long first = 1; first <= count; first += Block)
        {
            var size = (int)Math.Min(Block, count - first + 1);
            var block = new AuditEvent[size];
            var before = (byte[][])previous.Clone();
            Parallel.For(0, chains, c =>
            {
                for (var i = (int)((c - (first - 1) % chains + chains) % chains); i < size; i += chains)
                {
                    var sequence = first + i;
                    var e = new AuditEvent
                    {
                        Sequence = sequence,
                        Chain = c,
                        Position = (sequence - 1) / chains + 1,
                        At = at.AddMilliseconds(sequence),
                        ActorUserId = Guid.CreateVersion7(),
                        ActorInstitutionId = Guid.CreateVersion7(),
                        Action = Ariadne.Web.Features.Cases.CasesAudit.CaseViewed.Code,
                        TargetType = "case",
                        TargetId = Guid.CreateVersion7(),
                        CaseId = sequence % 2 == 0 ? Guid.CreateVersion7() : null,
                        Relation = sequence % 3 == 0 ? "assigned" : null,
                        Purpose = purposes[sequence % purposes.Length],
                        Outcome = AuditOutcome.Allowed,
                        // As written since hash v3: the node that wrote it and the staff client's address.
                        Node = nodes[sequence % nodes.Length],
                        ClientAddress = $"10.20.{sequence % 200}.{sequence % 250 + 1}",
                        PreviousHash = previous[c],
                        Hash = [],
                    };
                    e.Hash = AuditHashing.EventHash(e);
                    e.Mac = AuditHashing.EventMac(macKey, e.Hash);
                    previous[c] = e.Hash;
                    block[i] = e;
                }
            });
            await using (var copy = await connection.BeginBinaryImportAsync("""
                COPY audit_events ("Sequence", "At", "ActorUserId", "ActorInstitutionId", "Action", "TargetType", "TargetId", "CaseId", "Relation", "Purpose", "Outcome", "PreviousHash", "Hash", "Mac", "Chain", "Position", "Node", "ClientAddress") FROM STDIN (FORMAT BINARY)
                """))
            {
                foreach (var e in block)
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(e.Sequence, NpgsqlDbType.Bigint);
                    await copy.WriteAsync(e.At, NpgsqlDbType.TimestampTz);
                    await Nullable(copy, e.ActorUserId);
                    await Nullable(copy, e.ActorInstitutionId);
                    await copy.WriteAsync(e.Action, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(e.TargetType, NpgsqlDbType.Varchar);
                    await Nullable(copy, e.TargetId);
                    await Nullable(copy, e.CaseId);
                    if (e.Relation is null)
                        await copy.WriteNullAsync();
                    else
                        await copy.WriteAsync(e.Relation, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(e.Purpose, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(e.Outcome, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(e.PreviousHash, NpgsqlDbType.Bytea);
                    await copy.WriteAsync(e.Hash, NpgsqlDbType.Bytea);
                    await copy.WriteAsync(e.Mac!, NpgsqlDbType.Bytea);
                    await copy.WriteAsync(e.Chain, NpgsqlDbType.Integer);
                    await copy.WriteAsync(e.Position!.Value, NpgsqlDbType.Bigint);
                    await copy.WriteAsync(e.Node!, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(e.ClientAddress!, NpgsqlDbType.Varchar);
                    if (e.Sequence % 10_000 == 0 || e.Sequence == count)
                        checkpoints.Add(Checkpoint(keys, before, e.Sequence, chains, block, first, at.AddMilliseconds(e.Sequence)));
                }
                await copy.CompleteAsync();
            }
            if (first / Block % 10 == 0)
                Console.WriteLine($"  {first + size - 1:N0} events, {clock.Elapsed.TotalSeconds:F0} s");
        }
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AriadneDbContext>();
            db.AuditCheckpoints.AddRange(checkpoints);
            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlAsync($"SELECT setval('audit_event_numbers', {count + 1}, false)");
            await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE audit_events");
        }
        Console.WriteLine($"| generate {count:N0} events on {chains} chains (hashes, MACs, COPY, {checkpoints.Count} checkpoints) | {clock.Elapsed.TotalSeconds:F0} s |");
        return 0;

        static Task Nullable(NpgsqlBinaryImporter copy, Guid? value) => value is { } v ? copy.WriteAsync(v, NpgsqlDbType.Uuid) : copy.WriteNullAsync();
    }

    /// <summary>The checkpoint after event <paramref name="sequence"/>: every chain's head at that point (events are dealt round the chains).</summary>
    private static AuditCheckpoint Checkpoint(KeyRing keys, byte[][] beforeBlock, long sequence, int chains, AuditEvent[] block, long first, DateTimeOffset at)
    {
        var heads = new List<ChainHead>();
        for (var c = 0; c < chains && c < sequence; c++)
        {
            // The last event of chain c at or before `sequence`.
            var last = sequence - ((sequence - 1 - c) % chains + chains) % chains;
            var index = last - first;
            var hash = index >= 0 ? block[index].Hash : beforeBlock[c];
            heads.Add(new ChainHead(c, (last - 1) / chains + 1, last, hash));
        }
        var encoded = ChainHead.Encode(heads);
        var root = ChainHead.Root(encoded);
        var size = heads.Sum(h => h.Position);
        at = DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds());
        return new AuditCheckpoint
        {
            TreeSize = size,
            RootHash = root,
            CreatedAt = at,
            Signature = keys.AuditSigningKey.SignData(AuditHashing.CheckpointStatementV2(size, root, at), HashAlgorithmName.SHA256),
            KeyId = keys.AuditSigningKeyId,
            Heads = encoded,
        };
    }

    /// <summary>The real verifier: full, then incremental from a state file (first run: full and writes it; then after new events).</summary>
    public static async Task<int> VerifyAsync(IServiceProvider services, int newEvents)
    {
        var state = Path.GetFullPath("bench-data/audit-verify-state.json");
        File.Delete(state);
        var ok = true;
        async Task Run(string what, string? stateFile)
        {
            await using var scope = services.CreateAsyncScope();
            var clock = Stopwatch.StartNew();
            var result = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync(null, stateFile, CancellationToken.None);
            Console.WriteLine($"| audit verify, {what} | {result.Events:N0} events, {result.Checked:N0} checked, {result.Checkpoints} checkpoints, intact={result.Intact} | {clock.Elapsed.TotalSeconds:F2} s |");
            ok &= result.Intact;
        }
        await Run("full", null);
        await Run("incremental, no state yet (full, writes the state)", state);
        await using (var scope = services.CreateAsyncScope())
        {
            for (var i = 0; i < newEvents; i++)
            {
                await using var each = services.CreateAsyncScope();
                await each.ServiceProvider.GetRequiredService<AuditTrail>().RecordAsync(new AuditRecord(Ariadne.Web.Features.Cases.CasesAudit.CaseViewed,
                    ActorUserId: Guid.NewGuid(), TargetType: AuditTarget.Case, TargetId: Guid.NewGuid(), Purpose: new AuditPurpose("bench")));
            }
            await scope.ServiceProvider.GetRequiredService<AuditCheckpoints>().WriteAsync();
        }
        await Run($"incremental after {newEvents:N0} new events and a checkpoint", state);
        return ok ? 0 : 1;
    }
}
