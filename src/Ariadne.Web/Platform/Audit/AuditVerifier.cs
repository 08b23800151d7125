using System.Security.Cryptography;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Platform.Audit;

/// <summary>
/// Checks the whole trail: sequence numbers run 1, 2, 3… without gaps; every event's hash matches its
/// content; every event links to the hash of the one before; and every signed checkpoint's Merkle
/// root equals the root recomputed over that many events, under a signature by the audit key.
/// Alteration, removal, reordering and insertion each break at least one of these.
/// </summary>
public sealed class AuditVerifier(AriadneDbContext db, KeyRing keys)
{
    public sealed record Result(bool Intact, long Events, int Checkpoints, long? FirstBadSequence, string? Problem);

    private const int Batch = 20_000;

    public async Task<Result> VerifyAsync(CancellationToken cancellationToken = default)
    {
        var checkpoints = await db.AuditCheckpoints.AsNoTracking().OrderBy(c => c.TreeSize).ThenBy(c => c.Id).ToListAsync(cancellationToken);
        var pending = new Queue<AuditCheckpoint>(checkpoints);
        var merkle = new MerkleAccumulator();
        var previous = AuditHashing.Genesis;
        long expected = 1;
        long after = 0;
        long lastGoodCheckpoint = 0;

        while (true)
        {
            var batch = await db.AuditEvents.AsNoTracking().Where(e => e.Sequence > after).OrderBy(e => e.Sequence).Take(Batch).ToListAsync(cancellationToken);
            foreach (var e in batch)
            {
                if (e.Sequence != expected)
                    return Broken(expected, e.Sequence > expected ? $"event #{expected} is missing" : $"event #{e.Sequence} is out of order", merkle.Size);
                if (!CryptographicOperations.FixedTimeEquals(e.PreviousHash, previous))
                    return Broken(e.Sequence, $"event #{e.Sequence} does not link to event #{e.Sequence - 1}", merkle.Size);
                if (!CryptographicOperations.FixedTimeEquals(AuditHashing.EventHash(e), e.Hash))
                    return Broken(e.Sequence, $"event #{e.Sequence} was altered (its hash does not match its content)", merkle.Size);
                merkle.Add(e.Hash);
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
            if (batch.Count < Batch)
                break;
            after = batch[^1].Sequence;
        }

        if (pending.Count > 0)
        {
            var lost = pending.Peek();
            return Broken(merkle.Size + 1, $"checkpoint {lost.Id} covers {lost.TreeSize} events but only {merkle.Size} remain: events were removed from the end", merkle.Size);
        }
        return new Result(true, merkle.Size, checkpoints.Count, null, null);
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
