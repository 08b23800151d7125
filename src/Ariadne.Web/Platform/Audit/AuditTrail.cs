using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Platform.Audit;

/// <summary>
/// Appends events to the hash chain inside the caller's database transaction: if the action's
/// transaction rolls back, so does its audit event, and if the event cannot be written, the action
/// fails ("no audit, no access"). Appends are serialised — SQLite's write transactions are exclusive,
/// and on PostgreSQL a transaction-scoped advisory lock guards the head of the chain.
/// </summary>
public sealed class AuditTrail(AriadneDbContext db, TimeProvider time, Crypto.KeyRing keys)
{
    /// <summary>The advisory lock key that guards the chain's head on PostgreSQL.</summary>
    private const long ChainLock = 0x41_72_69_61_64_6E_65; // "Ariadne"

    public async Task<AuditEvent> AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Audit events are written only inside the transaction of the action they record.");
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ChainLock})", cancellationToken);

        var head = await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(cancellationToken);
        var now = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        var entry = new AuditEvent
        {
            Sequence = (head?.Sequence ?? 0) + 1,
            At = now,
            ActorUserId = record.ActorUserId,
            ActorInstitutionId = record.ActorInstitutionId,
            Action = record.Action.Code,
            TargetType = record.TargetType?.Code,
            TargetId = record.TargetId,
            CaseId = record.CaseId,
            Relation = record.Relation,
            Purpose = record.Purpose?.Code,
            Outcome = record.Outcome,
            PreviousHash = head?.Hash ?? AuditHashing.Genesis,
            Hash = [],
        };
        entry.Hash = AuditHashing.EventHash(entry);
        entry.Mac = AuditHashing.EventMac(keys.AuditMacKey, entry.Hash);
        db.AuditEvents.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        return entry;
    }

    /// <summary>
    /// Takes the chain's lock now, early in the transaction, for writers that also hand out a unique
    /// "next" key (case recency, referral sequence): their appends are serialised anyway, and taking
    /// the lock first keeps two of them from computing the same key (PostgreSQL; SQLite writes are exclusive).
    /// </summary>
    public async Task SerializeWritersAsync(CancellationToken cancellationToken = default)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Only inside a transaction.");
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ChainLock})", cancellationToken);
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
