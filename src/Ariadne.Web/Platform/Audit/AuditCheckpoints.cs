using System.Security.Cryptography;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Platform.Audit;

/// <summary>Writes a signed checkpoint: the RFC 9162 Merkle root over every event so far.</summary>
public sealed class AuditCheckpoints(AriadneDbContext db, KeyRing keys, TimeProvider time)
{
    public async Task<AuditCheckpoint?> WriteAsync(CancellationToken cancellationToken = default)
    {
        var merkle = new MerkleAccumulator();
        long after = 0;
        while (true)
        {
            var hashes = await db.AuditEvents.AsNoTracking().Where(e => e.Sequence > after).OrderBy(e => e.Sequence)
                .Take(50_000).Select(e => new { e.Sequence, e.Hash }).ToListAsync(cancellationToken);
            foreach (var h in hashes)
                merkle.Add(h.Hash);
            if (hashes.Count < 50_000)
                break;
            after = hashes[^1].Sequence;
        }
        if (merkle.Size == 0)
            return null;
        var last = await db.AuditCheckpoints.AsNoTracking().OrderByDescending(c => c.TreeSize).Select(c => (long?)c.TreeSize).FirstOrDefaultAsync(cancellationToken);
        if (last == merkle.Size)
            return null; // nothing new since the last checkpoint

        var root = merkle.Root();
        var at = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        var checkpoint = new AuditCheckpoint
        {
            TreeSize = merkle.Size,
            RootHash = root,
            CreatedAt = at,
            Signature = keys.AuditSigningKey.SignData(AuditHashing.CheckpointStatement(merkle.Size, root, at), HashAlgorithmName.SHA256),
            KeyId = AuditHashing.KeyId(keys.AuditSigningKey),
        };
        db.AuditCheckpoints.Add(checkpoint);
        await db.SaveChangesAsync(cancellationToken);
        return checkpoint;
    }
}
