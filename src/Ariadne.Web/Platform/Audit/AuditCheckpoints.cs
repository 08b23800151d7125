using System.Security.Cryptography;
using System.Text.Json;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ariadne.Web.Platform.Audit;

/// <summary>Writes a signed checkpoint: the RFC 9162 Merkle root over every event so far.</summary>
public sealed class AuditCheckpoints(AriadneDbContext db, KeyRing keys, TimeProvider time, IOptions<AuditOptions> options)
{
    /// <summary>
    /// A checkpoint when one is due: events exist that none covers, and either no checkpoint exists yet,
    /// <see cref="AuditOptions.CheckpointEveryEvents"/> are uncovered, or the last one is
    /// <see cref="AuditOptions.CheckpointInterval"/> old.
    /// </summary>
    public async Task<AuditCheckpoint?> WriteIfDueAsync(CancellationToken cancellationToken = default)
    {
        var head = await db.AuditEvents.MaxAsync(e => (long?)e.Sequence, cancellationToken) ?? 0;
        var last = await db.AuditCheckpoints.AsNoTracking().OrderByDescending(c => c.TreeSize).ThenByDescending(c => c.Id)
            .Select(c => new { c.TreeSize, c.CreatedAt }).FirstOrDefaultAsync(cancellationToken);
        var uncovered = head - (last?.TreeSize ?? 0);
        if (uncovered <= 0)
            return null;
        if (last is null || uncovered >= options.Value.CheckpointEveryEvents || time.GetUtcNow() - last.CreatedAt >= options.Value.CheckpointInterval)
            return await WriteAsync(cancellationToken);
        return null;
    }

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
        var last = await db.AuditCheckpoints.AsNoTracking().OrderByDescending(c => c.TreeSize).ThenByDescending(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        if (last?.TreeSize == merkle.Size)
        {
            SaveHeadCopy(last); // nothing new since the last checkpoint; the copy outside the database is brought up to it
            return null;
        }

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
        SaveHeadCopy(checkpoint);
        return checkpoint;
    }

    /// <summary>Writes the checkpoint to <see cref="AuditOptions.HeadCopyFile"/>, if set, replacing the file in one step.</summary>
    private void SaveHeadCopy(AuditCheckpoint checkpoint)
    {
        if (string.IsNullOrWhiteSpace(options.Value.HeadCopyFile))
            return;
        AuditHead.From(checkpoint).Save(options.Value.HeadCopyFile);
    }
}
