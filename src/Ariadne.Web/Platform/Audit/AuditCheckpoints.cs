using System.Security.Cryptography;
using System.Text.Json;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ariadne.Web.Platform.Audit;

/// <summary>
/// Writes a signed checkpoint (version 2): the head of every chain — its place, number and hash, which commits
/// to every event before it in the chain — and the RFC 9162 Merkle root over those heads, under the audit key.
/// </summary>
public sealed class AuditCheckpoints(AriadneDbContext db, KeyRing keys, TimeProvider time, IOptions<AuditOptions> options)
{
    /// <summary>
    /// A checkpoint when one is due: events exist that none covers, and either no checkpoint exists yet,
    /// <see cref="AuditOptions.CheckpointEveryEvents"/> are uncovered, or the last one is
    /// <see cref="AuditOptions.CheckpointInterval"/> old.
    /// </summary>
    public async Task<AuditCheckpoint?> WriteIfDueAsync(CancellationToken cancellationToken = default)
    {
        var heads = await AuditChains.HeadsAsync(db, cancellationToken);
        var last = await db.AuditCheckpoints.AsNoTracking().OrderByDescending(c => c.TreeSize).ThenByDescending(c => c.Id)
            .Select(c => new { c.TreeSize, c.CreatedAt }).FirstOrDefaultAsync(cancellationToken);
        var uncovered = heads.Sum(h => h.Position) - (last?.TreeSize ?? 0);
        if (uncovered <= 0)
            return null;
        if (last is null || uncovered >= options.Value.CheckpointEveryEvents || time.GetUtcNow() - last.CreatedAt >= options.Value.CheckpointInterval)
            return await WriteAsync(heads, cancellationToken);
        return null;
    }

    public async Task<AuditCheckpoint?> WriteAsync(CancellationToken cancellationToken = default) =>
        await WriteAsync(await AuditChains.HeadsAsync(db, cancellationToken), cancellationToken);

    private async Task<AuditCheckpoint?> WriteAsync(List<ChainHead> heads, CancellationToken cancellationToken)
    {
        if (heads.Count == 0)
            return null;
        var size = heads.Sum(h => h.Position);
        var encoded = ChainHead.Encode(heads);
        var last = await db.AuditCheckpoints.AsNoTracking().OrderByDescending(c => c.TreeSize).ThenByDescending(c => c.Id).FirstOrDefaultAsync(cancellationToken);
        if (last?.TreeSize == size)
        {
            SaveHeadCopy(last); // nothing new since the last checkpoint; the copy outside the database is brought up to it
            return null;
        }
        // keys rotate-signing ran and this node still holds the retired key: a checkpoint signed now would never verify (and
        // checkpoints cannot be deleted). The node must be restarted with the new ring.
        if (keys.SigningKeyRetiredOnDisk())
            throw new SigningKeyRetiredException();

        var root = ChainHead.Root(encoded);
        var at = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        var checkpoint = new AuditCheckpoint
        {
            TreeSize = size,
            RootHash = root,
            CreatedAt = at,
            Signature = keys.AuditSigningKey.SignData(AuditHashing.CheckpointStatementV2(size, root, at), HashAlgorithmName.SHA256),
            KeyId = keys.AuditSigningKeyId,
            Heads = encoded,
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
