using System.Data.Common;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace Ariadne.Web.Platform.Audit;

/// <summary>
/// Appends events to a hash chain inside the caller's database transaction: if the action's transaction
/// rolls back, so does its audit event, and if the event cannot be written, the action fails ("no audit, no
/// access"). On PostgreSQL a transaction appends to one of <see cref="AuditOptions.Chains"/> chains, each
/// guarded by its own transaction-scoped advisory lock, so that that many transactions append at once: it
/// takes the first chain whose lock is free (chain 0 when nobody else writes), or waits for a random one when
/// all are taken, and keeps that chain for every event it appends. The global <see cref="AuditEvent.Sequence"/>
/// comes from a database sequence, drawn under the chain's lock so that it increases along each chain.
/// SQLite's write transactions are exclusive: it appends to chain 0 and numbers events one after the other.
/// </summary>
public sealed class AuditTrail(AriadneDbContext db, TimeProvider time, Crypto.KeyRing keys, IOptions<AuditOptions> options)
{
    /// <summary>The advisory lock key that serialises writers handing out a "next" key (see <see cref="SerializeWritersAsync"/>).</summary>
    private const long WritersLock = 0x41_72_69_61_64_6E_65; // "Ariadne"

    /// <summary>The first half of each chain's advisory lock key (the two-integer key space: chain lock = (this, chain)).</summary>
    private const int ChainLockClass = 0x41_75_64_74; // "Audt"

    /// <summary>The PostgreSQL sequence that numbers events (created by the migration that brought chains).</summary>
    public const string NumberSequence = "audit_event_numbers";

    private IDbContextTransaction? _chainTransaction;
    private int _chain;

    public async Task<AuditEvent> AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Audit events are written only inside the transaction of the action they record.");
        AuditEvent entry;
        if (db.Database.IsNpgsql())
        {
            if (!ReferenceEquals(transaction, _chainTransaction))
            {
                // A transaction keeps its first chain: taking a second lock could deadlock with another writer.
                entry = await TakeChainAsync(transaction.GetDbTransaction(), cancellationToken);
                _chain = entry.Chain;
                _chainTransaction = transaction;
            }
            else
                entry = await NextOnChainAsync(transaction.GetDbTransaction(), _chain, cancellationToken);
        }
        else
        {
            var head = await AuditChains.HeadAsync(db, 0, cancellationToken);
            var last = await db.AuditEvents.MaxAsync(e => (long?)e.Sequence, cancellationToken) ?? 0;
            entry = New(0, last + 1, (head?.Position ?? 0) + 1, head?.Hash ?? AuditHashing.Genesis);
        }
        var now = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        entry.At = now;
        entry.ActorUserId = record.ActorUserId;
        entry.ActorInstitutionId = record.ActorInstitutionId;
        entry.Action = record.Action.Code;
        entry.TargetType = record.TargetType?.Code;
        entry.TargetId = record.TargetId;
        entry.CaseId = record.CaseId;
        entry.Relation = record.Relation;
        entry.Purpose = record.Purpose?.Code;
        entry.Outcome = record.Outcome;
        entry.Hash = AuditHashing.EventHash(entry);
        entry.Mac = AuditHashing.EventMac(keys.AuditMacKey, entry.Hash);
        db.AuditEvents.Add(entry);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            // Not left tracked: a retry in this context must not write it again outside its chain's lock.
            db.Entry(entry).State = EntityState.Detached;
            throw;
        }
        return entry;
    }

    private static AuditEvent New(int chain, long sequence, long position, byte[] previous) => new()
    {
        Sequence = sequence,
        Chain = chain,
        Position = position,
        Action = "",
        Outcome = "",
        PreviousHash = previous,
        Hash = [],
    };

    /// <summary>The transaction's setting that holds the chain it locked, between the two statements of <see cref="TakeChainAsync"/>.</summary>
    private const string ChainSetting = "ariadne.audit_chain";

    /// <summary>
    /// Locks a chain for the rest of the transaction (the first free one, else a random one, waiting for it) and reads its next
    /// number and head, in one round trip: two statements in one batch. The head is read by the second statement, whose snapshot
    /// is taken after the first one holds the lock (read committed), so it sees everything the chain's previous holder committed.
    /// </summary>
    private async Task<AuditEvent> TakeChainAsync(DbTransaction transaction, CancellationToken ct)
    {
        var chains = Math.Max(1, options.Value.Chains);
        var fallback = Random.Shared.Next(chains);
        await using var batch = transaction.Connection!.CreateBatch();
        batch.Transaction = transaction;
        var take = batch.CreateBatchCommand();
        // COALESCE evaluates its second subquery only when no chain was free: then it waits for the random one.
        take.CommandText = $"""
            SELECT set_config('{ChainSetting}', COALESCE(
                (SELECT c FROM generate_series(0, {chains - 1}) AS c WHERE pg_try_advisory_xact_lock({ChainLockClass}, c) LIMIT 1),
                (SELECT {fallback} FROM (SELECT pg_advisory_xact_lock({ChainLockClass}, {fallback})) AS waited))::text, true)
            """;
        batch.BatchCommands.Add(take);
        var next = batch.CreateBatchCommand();
        next.CommandText = NextOnChainSql($"current_setting('{ChainSetting}')::integer");
        batch.BatchCommands.Add(next);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct);
        return await ReadNextAsync(reader, ct);
    }

    /// <summary>Under the chain's lock, already held by the transaction: the next number and the chain's head, in one round trip.</summary>
    private static async Task<AuditEvent> NextOnChainAsync(DbTransaction transaction, int chain, CancellationToken ct)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = NextOnChainSql(chain.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await ReadNextAsync(reader, ct);
    }

    /// <summary>
    /// The chain, the next number and the chain's head: its last placed event, or on chain 0 before any, the last event written
    /// before chains (looked for only then: an index walk of the (chain, place) index otherwise, whatever the trail's length).
    /// </summary>
    private static string NextOnChainSql(string chain) => $"""
        SELECT k.chain, nextval('{NumberSequence}'), COALESCE(p."Position", l."Sequence"), COALESCE(p."Sequence", l."Sequence"), COALESCE(p."Hash", l."Hash")
        FROM (SELECT {chain} AS chain) AS k
        LEFT JOIN LATERAL (
            SELECT "Position", "Sequence", "Hash" FROM audit_events WHERE "Chain" = k.chain AND "Position" IS NOT NULL ORDER BY "Position" DESC LIMIT 1
        ) AS p ON true
        LEFT JOIN LATERAL (
            SELECT "Sequence", "Hash" FROM audit_events WHERE p."Position" IS NULL AND k.chain = 0 AND "Chain" = 0 AND "Position" IS NULL ORDER BY "Sequence" DESC LIMIT 1
        ) AS l ON true
        """;

    private static async Task<AuditEvent> ReadNextAsync(DbDataReader reader, CancellationToken ct)
    {
        await reader.ReadAsync(ct);
        var chain = reader.GetInt32(0);
        var sequence = reader.GetInt64(1);
        return reader.IsDBNull(2)
            ? New(chain, sequence, 1, AuditHashing.Genesis)
            : New(chain, sequence, reader.GetInt64(2) + 1, reader.GetFieldValue<byte[]>(4));
    }

    /// <summary>
    /// Takes the writers' lock now, early in the transaction, for writers that also hand out a unique
    /// "next" key (case recency, referral sequence): taking it first keeps two of them from computing the
    /// same key (PostgreSQL; SQLite writes are exclusive). It is not the chains' lock: other appends go on.
    /// </summary>
    public async Task SerializeWritersAsync(CancellationToken cancellationToken = default)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Only inside a transaction.");
        if (db.Database.IsNpgsql())
        {
            // Always the writers' lock before a chain's: the other order could deadlock with a writer waiting for this chain.
            if (ReferenceEquals(db.Database.CurrentTransaction, _chainTransaction))
                throw new InvalidOperationException("The writers' lock is taken before the transaction's first audit event, not after.");
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({WritersLock})", cancellationToken);
        }
    }

    /// <summary>Runs <paramref name="action"/> and records its event in one transaction (or joins the open one).</summary>
    public async Task<T> InTransactionAsync<T>(Func<Task<(T Result, AuditRecord Record)>> action, CancellationToken cancellationToken = default)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            var (joined, joinedRecord) = await action();
            await AppendAsync(joinedRecord, cancellationToken);
            return joined;
        }
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var (result, record) = await action();
            await AppendAsync(record, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return result;
        });
    }

    /// <summary>Records an event on its own (a denial, a failed sign-in) in a transaction of its own.</summary>
    public Task RecordAsync(AuditRecord record, CancellationToken cancellationToken = default) =>
        InTransactionAsync(() => Task.FromResult((true, record)), cancellationToken);
}
