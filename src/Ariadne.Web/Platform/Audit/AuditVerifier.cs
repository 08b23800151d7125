using System.Security.Cryptography;
using System.Threading.Channels;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Platform.Audit;

/// <summary>
/// Checks the whole trail: sequence numbers run 1, 2, 3… without gaps; every event's hash matches its
/// content; every event links to the hash of the one before; and every signed checkpoint's Merkle
/// root equals the root recomputed over that many events, under a signature by the audit key.
/// Alteration, removal, reordering and insertion each break at least one of these.
/// Each event's MAC (key ring only) must match its hash: a rewritten or forged event is named where it
/// starts, even before a checkpoint covers it; an event without a MAC is accepted only where a signed
/// checkpoint covers it (events from before MACs) and never after one with a MAC. With a head copy kept
/// outside the database, events and checkpoints cut from the end are caught too. The result counts the
/// events that no checkpoint covers yet.
/// </summary>
public sealed class AuditVerifier(AriadneDbContext db, KeyRing keys, IServiceScopeFactory scopes)
{
    public sealed record Result(bool Intact, long Events, int Checkpoints, long? FirstBadSequence, string? Problem, long Uncovered = 0, bool HeadChecked = false);

    private const int Batch = 50_000;

    /// <param name="headFile">A head copy (<c>Audit:HeadCopyFile</c>) to check the trail against, or null.</param>
    public async Task<Result> VerifyAsync(string? headFile = null, CancellationToken cancellationToken = default)
    {
        var checkpoints = await db.AuditCheckpoints.AsNoTracking().OrderBy(c => c.TreeSize).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        AuditHead? head = null;
        if (headFile is not null)
        {
            (head, var unreadable) = AuditHead.Load(headFile);
            if (head is null)
                return Broken(1, unreadable!, 0);
            if (!head.IsSignedBy(keys.AuditSigningKey))
                return Broken(1, $"the head copy {headFile} has no valid signature", 0);
        }
        var pending = new Queue<AuditCheckpoint>(checkpoints);
        var merkle = new MerkleAccumulator();
        var previous = AuditHashing.Genesis;
        long expected = 1;
        long lastGoodCheckpoint = 0;
        var covered = Math.Max(checkpoints.Count > 0 ? checkpoints[^1].TreeSize : 0, head?.TreeSize ?? 0);
        var macKey = keys.AuditMacKey;
        long firstMac = 0;

        // Two readers, each with its own connection, fetch alternate ranges of sequence numbers while this
        // thread checks them in order: reading, not hashing, is the slow part. Each reader runs at most two
        // batches ahead, so memory stays bounded however long the trail.
        var last = await db.AuditEvents.MaxAsync(e => (long?)e.Sequence, cancellationToken) ?? 0;
        var batchCount = (int)((last + Batch - 1) / Batch);
        var lanes = new[] { Channel.CreateBounded<List<AuditEvent>>(2), Channel.CreateBounded<List<AuditEvent>>(2) };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var readers = lanes.Select((lane, parity) => Task.Run(async () =>
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var laneDb = scope.ServiceProvider.GetRequiredService<AriadneDbContext>();
                await laneDb.Database.OpenConnectionAsync(stop.Token);
                var sqlite = laneDb.Database.IsSqlite();
                for (var k = parity; k < batchCount; k += lanes.Length)
                    await lane.Writer.WriteAsync(await ReadRangeAsync(laneDb.Database.GetDbConnection(), sqlite, (long)k * Batch + 1, (long)(k + 1) * Batch, stop.Token), stop.Token);
                lane.Writer.Complete();
            }
            catch (Exception ex)
            {
                lane.Writer.Complete(ex);
            }
        }, stop.Token)).ToArray();
        var batches = Ordered();

        async IAsyncEnumerable<List<AuditEvent>> Ordered()
        {
            for (var k = 0; k < batchCount; k++)
                yield return await lanes[k % lanes.Length].Reader.ReadAsync(cancellationToken);
        }

        try
        {
            await foreach (var batch in batches)
                foreach (var e in batch)
                {
                    if (e.Sequence != expected)
                        return Broken(expected, e.Sequence > expected ? $"event #{expected} is missing" : $"event #{e.Sequence} is out of order", merkle.Size);
                    if (!CryptographicOperations.FixedTimeEquals(e.PreviousHash, previous))
                        return Broken(e.Sequence, $"event #{e.Sequence} does not link to event #{e.Sequence - 1}", merkle.Size);
                    if (!CryptographicOperations.FixedTimeEquals(AuditHashing.EventHash(e), e.Hash))
                        return Broken(e.Sequence, $"event #{e.Sequence} was altered (its hash does not match its content)", merkle.Size);
                    if (e.Mac is not null)
                    {
                        if (!CryptographicOperations.FixedTimeEquals(AuditHashing.EventMac(macKey, e.Hash), e.Mac))
                            return Broken(e.Sequence, $"event #{e.Sequence} was rewritten or forged (its MAC does not match)", merkle.Size);
                        if (firstMac == 0)
                            firstMac = e.Sequence;
                    }
                    else if (firstMac != 0)
                        return Broken(e.Sequence, $"event #{e.Sequence} has no MAC although event #{firstMac} before it has one: it was rewritten or forged", merkle.Size);
                    else if (e.Sequence > covered)
                        return Broken(e.Sequence, $"event #{e.Sequence} has no MAC and no signed checkpoint covers it: Ariadne did not write it", merkle.Size);
                    merkle.Add(e.Hash);
                    if (head is not null && merkle.Size == head.TreeSize && !CryptographicOperations.FixedTimeEquals(merkle.Root(), Convert.FromHexString(head.RootHash)))
                        return Broken(lastGoodCheckpoint + 1, $"events up to #{head.TreeSize} do not match the head copy kept outside the database: the chain was rewritten", merkle.Size);
                    previous = e.Hash;
                    expected++;
                    while (pending.Count > 0 && pending.Peek().TreeSize == merkle.Size)
                    {
                        var checkpoint = pending.Dequeue();
                        // A rewritten chain is consistent in itself; the signed root shows where: after the last good checkpoint.
                        if (CheckCheckpoint(checkpoint, merkle.Root()) is { } problem)
                            return Broken(lastGoodCheckpoint + 1, problem, merkle.Size);
                        lastGoodCheckpoint = checkpoint.TreeSize;
                    }
                }
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await Task.WhenAll(readers);
            }
            catch (OperationCanceledException)
            {
                // stopped early: the verdict is already known
            }
        }

        if (pending.Count > 0)
        {
            var lost = pending.Peek();
            return Broken(merkle.Size + 1, $"checkpoint {lost.Id} covers {lost.TreeSize} events but only {merkle.Size} remain: events were removed from the end", merkle.Size);
        }
        if (head is not null)
        {
            if (merkle.Size < head.TreeSize)
                return Broken(merkle.Size + 1, $"the head copy kept outside the database covers {head.TreeSize} events but only {merkle.Size} remain: events were removed from the end", merkle.Size);
            var root = Convert.FromHexString(head.RootHash);
            if (!checkpoints.Any(c => c.TreeSize == head.TreeSize && CryptographicOperations.FixedTimeEquals(c.RootHash, root)))
                return Broken(head.TreeSize + 1, $"the signed checkpoint over {head.TreeSize} events in the head copy is missing from the database: checkpoints were removed", merkle.Size);
        }
        var uncovered = merkle.Size - (checkpoints.Count > 0 ? checkpoints[^1].TreeSize : 0);
        return new Result(true, merkle.Size, checkpoints.Count, null, null, Math.Max(0, uncovered), head is not null);
    }

    private static readonly Func<long, DateTimeOffset> FromSqliteTime =
        (Func<long, DateTimeOffset>)new Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter().ConvertFromProviderExpression.Compile();

    /// <summary>
    /// One range of events with a plain data reader: the verifier reads every row once, and EF Core's
    /// materialisation was most of its cost. Column order and conversions mirror the model exactly.
    /// </summary>
    private static async Task<List<AuditEvent>> ReadRangeAsync(System.Data.Common.DbConnection connection, bool sqlite, long low, long high, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT "Sequence", "At", "ActorUserId", "ActorInstitutionId", "Action", "TargetType", "TargetId", "CaseId", "Relation", "Purpose", "Outcome", "PreviousHash", "Hash", "Mac"
            FROM audit_events WHERE "Sequence" >= @low AND "Sequence" <= @high ORDER BY "Sequence"
            """;
        foreach (var (name, value) in new[] { ("@low", low), ("@high", high) })
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        var events = new List<AuditEvent>(Batch);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            Guid? G(int i) => reader.IsDBNull(i) ? null : reader.GetGuid(i);
            string? S(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            events.Add(new AuditEvent
            {
                Sequence = reader.GetInt64(0),
                At = sqlite ? FromSqliteTime(reader.GetInt64(1)) : reader.GetFieldValue<DateTimeOffset>(1),
                ActorUserId = G(2),
                ActorInstitutionId = G(3),
                Action = reader.GetString(4),
                TargetType = S(5),
                TargetId = G(6),
                CaseId = G(7),
                Relation = S(8),
                Purpose = S(9),
                Outcome = reader.GetString(10),
                PreviousHash = reader.GetFieldValue<byte[]>(11),
                Hash = reader.GetFieldValue<byte[]>(12),
                Mac = reader.IsDBNull(13) ? null : reader.GetFieldValue<byte[]>(13),
            });
        }
        return events;
    }

    private string? CheckCheckpoint(AuditCheckpoint checkpoint, byte[] root)
    {
        var statement = AuditHashing.CheckpointStatement(checkpoint.TreeSize, checkpoint.RootHash, checkpoint.CreatedAt);
        if (checkpoint.KeyId != AuditHashing.KeyId(keys.AuditSigningKey)
            || !keys.AuditSigningKey.VerifyData(statement, checkpoint.Signature, HashAlgorithmName.SHA256))
            return $"checkpoint {checkpoint.Id} has no valid signature";
        if (!CryptographicOperations.FixedTimeEquals(root, checkpoint.RootHash))
            return $"events up to #{checkpoint.TreeSize} do not match signed checkpoint {checkpoint.Id}: the chain was rewritten";
        return null;
    }

    private static Result Broken(long sequence, string problem, long verified) => new(false, verified, 0, sequence, problem);
}
