using System.Data.Common;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Ariadne.Web.Platform.Audit;

/// <summary>
/// Appends events to a hash chain inside the caller's database transaction: if the action's transaction
/// rolls back, so does its audit event, and if the event cannot be written, the action fails ("no audit, no
/// access"). On PostgreSQL a transaction appends to one of <see cref="AuditOptions.Chains"/> chains, each
/// guarded by its own transaction-scoped advisory lock, so that that many transactions append at once: it
/// takes a chain no other transaction of this process holds (or waits for a random one, see
/// <see cref="AuditChainHolds.HoldAsync"/>) and keeps it for every event it appends. An append is one round
/// trip: the chain's lock, tried, and an insert that holds only if the lock was got and the chain's head, read
/// under it, is the one this process saw its last transaction on the chain commit, with a number drawn ahead
/// from the database sequence (<see cref="AuditChainHolds"/>). When it is not (another node holds or wrote the
/// chain, a commit went unreported), nothing was written: the append takes a chain in the database (its own if
/// free, else the first free one, else it waits for a random one), reads the head under the lock and writes
/// after it. Each event's number is larger than its chain's head's, so that numbers increase along each chain.
/// SQLite's write transactions are exclusive: it appends to chain 0 and numbers events one after the other.
/// </summary>
public sealed class AuditTrail(AriadneDbContext db, TimeProvider time, Crypto.KeyRing keys, IOptions<AuditOptions> options,
    AuditChainHolds holds, IHttpContextAccessor? http = null) : IDisposable
{
    private static readonly string MachineNode = Environment.MachineName.Length > 64 ? Environment.MachineName[..64] : Environment.MachineName;

    /// <summary>The advisory lock key that serialises writers handing out a "next" key (see <see cref="SerializeWritersAsync"/>).</summary>
    public const long WritersLock = 0x41_72_69_61_64_6E_65; // "Ariadne"

    /// <summary>The first half of each chain's advisory lock key (the two-integer key space: chain lock = (this, chain)).</summary>
    private const int ChainLockClass = 0x41_75_64_74; // "Audt"

    /// <summary>The PostgreSQL sequence that numbers events (created by the migration that brought chains).</summary>
    public const string NumberSequence = "audit_event_numbers";

    /// <summary>How long a transaction waits for this process's other transaction on a chain before it waits in PostgreSQL.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMilliseconds(200);

    private IDbContextTransaction? _chainTransaction;
    private ChainHold? _hold;
    private bool _locked;

    public async Task<AuditEvent> AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Audit events are written only inside the transaction of the action they record.");
        var at = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        if (db.Database.IsNpgsql())
            return await AppendOnChainAsync(transaction, record, at, cancellationToken);
        var head = await AuditChains.HeadAsync(db, 0, cancellationToken);
        var last = await db.AuditEvents.MaxAsync(e => (long?)e.Sequence, cancellationToken) ?? 0;
        var entry = Sealed(record, at, 0, last + 1, (head?.Position ?? 0) + 1, head?.Hash ?? AuditHashing.Genesis);
        db.AuditEvents.Add(entry);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            // Not left tracked: a retry in this context must not write it again.
            db.Entry(entry).State = EntityState.Detached;
            throw;
        }
        return entry;
    }

    private async Task<AuditEvent> AppendOnChainAsync(IDbContextTransaction transaction, AuditRecord record, DateTimeOffset at, CancellationToken ct)
    {
        // What the caller changed and has not saved goes first (an append saves it with its event, as it always did). Saved, those
        // entities count as written even if the insert below fails and the transaction rolls back: the action fails whole.
        if (db.ChangeTracker.HasChanges())
            await db.SaveChangesAsync(ct);
        var dbTransaction = transaction.GetDbTransaction();
        var connection = (NpgsqlConnection)dbTransaction.Connection!;
        if (!ReferenceEquals(transaction, _chainTransaction))
        {
            // A transaction keeps its first chain: taking a second lock could deadlock with another writer.
            _hold?.Release();
            _hold = null;
            _hold = await holds.HoldAsync(Math.Max(1, options.Value.Chains), Patience, ct);
            _chainTransaction = transaction;
            _locked = false;
            holds.Track(dbTransaction, _hold);
        }
        AuditEvent? entry = null;
        if ((_hold!.Pending ?? holds.Head(_hold.Chain)) is { } seen)
        {
            var number = await holds.NumberAsync(connection, dbTransaction, ct);
            if (number > seen.Sequence)
            {
                entry = Sealed(record, at, _hold.Chain, number, seen.Position + 1, seen.Hash);
                if (!await InsertOnHeadAsync(connection, dbTransaction, entry, ct))
                {
                    entry = null;
                    if (_locked)
                        holds.Forget(_hold.Chain);
                }
            }
        }
        if (entry is null)
        {
            var head = await ReadHeadAsync(connection, dbTransaction, ct);
            var number = await holds.NumberAsync(connection, dbTransaction, ct);
            if (number <= (head?.Sequence ?? 0))
            {
                // Another process wrote the chain with a number drawn after this process's block: a new block is above it.
                holds.Discard();
                number = await holds.NumberAsync(connection, dbTransaction, ct);
            }
            entry = Sealed(record, at, _hold.Chain, number, (head?.Position ?? 0) + 1, head?.Hash ?? AuditHashing.Genesis);
            var insert = Insert(InsertSql, entry);
            await using var batch = new NpgsqlBatch(connection, (NpgsqlTransaction)dbTransaction) { BatchCommands = { insert } };
            await batch.ExecuteNonQueryAsync(ct);
            if (insert.RecordsAffected != 1)
                throw new InvalidOperationException("The audit event was not written.");
        }
        _hold.Pending = new ChainHead(_hold.Chain, entry.Position!.Value, entry.Sequence, entry.Hash);
        return entry;
    }

    private AuditEvent Sealed(AuditRecord record, DateTimeOffset at, int chain, long sequence, long position, byte[] previous)
    {
        var entry = new AuditEvent
        {
            Sequence = sequence,
            Chain = chain,
            Position = position,
            At = at,
            ActorUserId = record.ActorUserId,
            ActorInstitutionId = record.ActorInstitutionId,
            Action = record.Action.Code,
            TargetType = record.TargetType?.Code,
            TargetId = record.TargetId,
            CaseId = record.CaseId,
            Relation = record.Relation,
            Purpose = record.Purpose?.Code,
            Outcome = record.Outcome,
            Node = options.Value.NodeName is { Length: > 0 } node ? node[..Math.Min(node.Length, 64)] : MachineNode,
            // Only on behalf of a staff account: an anonymous visitor (chat, complaint) may be a victim, and is not traced.
            ClientAddress = record.ActorUserId is not null ? ClientAddressOf(http?.HttpContext) : null,
            PreviousHash = previous,
            Hash = [],
        };
        entry.Hash = AuditHashing.EventHash(entry);
        entry.Mac = AuditHashing.EventMac(keys.AuditMacKey, entry.Hash);
        return entry;
    }

    /// <summary>The request's client address as text (an IPv4-mapped address as IPv4, an IPv6 scope dropped), or null without a request.</summary>
    private static string? ClientAddressOf(HttpContext? context) =>
        context?.Connection.RemoteIpAddress is { } address
            ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : new System.Net.IPAddress(address.GetAddressBytes())).ToString()
            : null;

    private const string Columns = """
        "Sequence", "Chain", "Position", "At", "ActorUserId", "ActorInstitutionId", "Action", "TargetType", "TargetId", "CaseId", "Relation", "Purpose", "Outcome", "PreviousHash", "Hash", "Mac", "Node", "ClientAddress"
        """;

    private const string Values = "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18";

    /// <summary>The event, written only if the chain's last placed event is the one it follows (place, a smaller number, hash).</summary>
    private const string InsertOnHeadSql = $"""
        INSERT INTO audit_events ({Columns}) SELECT {Values}
        WHERE EXISTS (
            SELECT 1 FROM (SELECT "Position", "Sequence", "Hash" FROM audit_events WHERE "Chain" = $2 AND "Position" IS NOT NULL ORDER BY "Position" DESC LIMIT 1) AS h
            WHERE h."Position" = $3 - 1 AND h."Sequence" < $1 AND h."Hash" = $14)
        """;

    /// <summary>The same, and only if the batch's first statement got the chain's lock.</summary>
    private const string InsertOnHeadIfLockedSql = $"""
        INSERT INTO audit_events ({Columns}) SELECT {Values}
        WHERE current_setting('{LockedSetting}')::boolean AND EXISTS (
            SELECT 1 FROM (SELECT "Position", "Sequence", "Hash" FROM audit_events WHERE "Chain" = $2 AND "Position" IS NOT NULL ORDER BY "Position" DESC LIMIT 1) AS h
            WHERE h."Position" = $3 - 1 AND h."Sequence" < $1 AND h."Hash" = $14)
        """;

    private const string InsertSql = $"INSERT INTO audit_events ({Columns}) VALUES ({Values})";

    /// <summary>The transaction's setting that says whether it got its chain's lock, between the two statements of <see cref="InsertOnHeadAsync"/>.</summary>
    private const string LockedSetting = "ariadne.audit_locked";

    /// <summary>
    /// The event after the head this process saw, in one round trip: the chain's lock first if the transaction does not hold it
    /// yet — tried, not waited for: another node holding it makes the insert write nothing, and <see cref="ReadHeadAsync"/> takes a
    /// chain in the database — then the insert. False when nothing was written (the lock was not free, or the head moved).
    /// </summary>
    private async Task<bool> InsertOnHeadAsync(NpgsqlConnection connection, DbTransaction transaction, AuditEvent e, CancellationToken ct)
    {
        var insert = Insert(_locked ? InsertOnHeadSql : InsertOnHeadIfLockedSql, e);
        await using var batch = new NpgsqlBatch(connection, (NpgsqlTransaction)transaction);
        if (!_locked)
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                $"SELECT set_config('{LockedSetting}', pg_try_advisory_xact_lock({ChainLockClass}, {Invariant(e.Chain)})::text, true)"));
        batch.BatchCommands.Add(insert);
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            if (!_locked)
            {
                _locked = await reader.ReadAsync(ct) && reader.GetString(0) == "true";
                await reader.NextResultAsync(ct);
            }
        }
        return insert.RecordsAffected == 1;
    }

    private static NpgsqlBatchCommand Insert(string sql, AuditEvent e)
    {
        var insert = new NpgsqlBatchCommand(sql);
        insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = e.Sequence });
        insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = e.Chain });
        insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = e.Position!.Value });
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = e.At });
        insert.Parameters.Add(Nullable(NpgsqlDbType.Uuid, e.ActorUserId));
        insert.Parameters.Add(Nullable(NpgsqlDbType.Uuid, e.ActorInstitutionId));
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = e.Action });
        insert.Parameters.Add(Nullable(NpgsqlDbType.Text, e.TargetType));
        insert.Parameters.Add(Nullable(NpgsqlDbType.Uuid, e.TargetId));
        insert.Parameters.Add(Nullable(NpgsqlDbType.Uuid, e.CaseId));
        insert.Parameters.Add(Nullable(NpgsqlDbType.Text, e.Relation));
        insert.Parameters.Add(Nullable(NpgsqlDbType.Text, e.Purpose));
        insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = e.Outcome });
        insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = e.PreviousHash });
        insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = e.Hash });
        insert.Parameters.Add(Nullable(NpgsqlDbType.Bytea, e.Mac));
        insert.Parameters.Add(Nullable(NpgsqlDbType.Text, e.Node));
        insert.Parameters.Add(Nullable(NpgsqlDbType.Text, e.ClientAddress));
        return insert;
    }

    private static string Invariant(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static NpgsqlParameter Nullable(NpgsqlDbType type, object? value) => new() { NpgsqlDbType = type, Value = value ?? DBNull.Value };

    /// <summary>The transaction's setting that holds the chain it locked, between the two statements of <see cref="ReadHeadAsync"/>.</summary>
    private const string ChainSetting = "ariadne.audit_chain";

    /// <summary>
    /// The chain's head under its lock. When the transaction holds no lock yet, it takes one in the same round trip: its chain if
    /// free, else the first free chain, else it waits for a random one (COALESCE evaluates a later subquery only when the earlier
    /// ones found nothing); a chain other than its own is then held without this process's hint. The head is read by the second
    /// statement, whose snapshot is taken once the first holds the lock (read committed), so it sees everything the lock's last
    /// holder committed: the chain's last placed event, or on chain 0 before any, the last event written before chains (looked
    /// for only then: an index walk of the (chain, place) index otherwise, whatever the trail's length); null on an empty chain.
    /// </summary>
    private async Task<ChainHead?> ReadHeadAsync(NpgsqlConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection, (NpgsqlTransaction)transaction);
        string chain;
        if (_locked)
            chain = Invariant(_hold!.Chain);
        else
        {
            var chains = Math.Max(1, options.Value.Chains);
            var mine = _hold!.Chain;
            var fallback = Invariant(Random.Shared.Next(chains));
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
                SELECT set_config('{ChainSetting}', COALESCE(
                    (SELECT {Invariant(mine)} WHERE pg_try_advisory_xact_lock({ChainLockClass}, {Invariant(mine)})),
                    (SELECT c FROM generate_series(0, {chains - 1}) AS c WHERE c <> {Invariant(mine)} AND pg_try_advisory_xact_lock({ChainLockClass}, c) LIMIT 1),
                    (SELECT {fallback} FROM (SELECT pg_advisory_xact_lock({ChainLockClass}, {fallback})) AS waited))::text, true)
                """));
            chain = $"current_setting('{ChainSetting}')::integer";
        }
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
            SELECT k.chain, COALESCE(p."Position", l."Sequence"), COALESCE(p."Sequence", l."Sequence"), COALESCE(p."Hash", l."Hash")
            FROM (SELECT {chain} AS chain) AS k
            LEFT JOIN LATERAL (
                SELECT "Position", "Sequence", "Hash" FROM audit_events WHERE "Chain" = k.chain AND "Position" IS NOT NULL ORDER BY "Position" DESC LIMIT 1
            ) AS p ON true
            LEFT JOIN LATERAL (
                SELECT "Sequence", "Hash" FROM audit_events WHERE p."Position" IS NULL AND k.chain = 0 AND "Chain" = 0 AND "Position" IS NULL ORDER BY "Sequence" DESC LIMIT 1
            ) AS l ON true
            """));
        await using var reader = await batch.ExecuteReaderAsync(ct);
        if (batch.BatchCommands.Count == 2)
            await reader.NextResultAsync(ct);
        if (!await reader.ReadAsync(ct))
            throw new InvalidOperationException("The audit chain's head could not be read.");
        var locked = reader.GetInt32(0);
        _locked = true;
        if (locked != _hold.Chain)
        {
            // Another node holds this transaction's chain: it appends to the one it locked, without this process's hint.
            _hold.Release();
            _hold = new ChainHold(holds, locked, hinted: false);
            holds.Track(transaction, _hold);
        }
        return reader.IsDBNull(1) ? null : new ChainHead(locked, reader.GetInt64(1), reader.GetInt64(2), reader.GetFieldValue<byte[]>(3));
    }

    /// <summary>The transaction's hint on its chain goes with it (the commit or the rollback usually freed it already).</summary>
    public void Dispose() => _hold?.Release();

    /// <summary>
    /// Takes the writers' lock now, early in the transaction, for writers that also hand out a unique
    /// "next" key computed from the rows (a meeting's or request's number, …): taking it first keeps two of them
    /// from computing the same key (PostgreSQL; SQLite writes are exclusive). It is not the chains' lock: other
    /// appends go on. Case recency and referral sequence no longer need it: they come from sequences (NextKeys).
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
