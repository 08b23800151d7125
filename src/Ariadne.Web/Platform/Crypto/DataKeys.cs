using System.Security.Cryptography;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Platform.Crypto;

/// <summary>Creates, unwraps, re-wraps and destroys per-person data keys.</summary>
public sealed class DataKeys(AriadneDbContext db, KeyRing keys, TimeProvider time)
{
    /// <summary>A new data key, wrapped under the active master key and added to the context (saved with the caller's changes).</summary>
    public (DataKey Entity, byte[] Key) Create()
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var entity = new DataKey { MasterKeyId = keys.ActiveMasterKeyId, CreatedAt = time.GetUtcNow() };
        entity.WrappedKey = FieldCipher.Wrap(keys.MasterKey(entity.MasterKeyId), key, entity.Id, entity.MasterKeyId);
        db.DataKeys.Add(entity);
        return (entity, key);
    }

    /// <summary>The clear data key, or null once it was destroyed (the person was erased).</summary>
    public async Task<byte[]?> UnwrapAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var entity = await db.DataKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        return entity?.WrappedKey is null ? null : FieldCipher.Unwrap(keys.MasterKey(entity.MasterKeyId), entity.WrappedKey, entity.Id, entity.MasterKeyId);
    }

    /// <summary>Many data keys in one query (lists, searches, counts); a destroyed key is absent from the result.</summary>
    public async Task<Dictionary<Guid, byte[]>> UnwrapManyAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken = default)
    {
        var wanted = ids.Distinct().ToList();
        var result = new Dictionary<Guid, byte[]>(wanted.Count);
        foreach (var chunk in wanted.Chunk(1000))
        {
            var entities = await db.DataKeys.AsNoTracking().Where(k => chunk.Contains(k.Id) && k.WrappedKey != null).ToListAsync(cancellationToken);
            foreach (var entity in entities)
                result[entity.Id] = FieldCipher.Unwrap(keys.MasterKey(entity.MasterKeyId), entity.WrappedKey!, entity.Id, entity.MasterKeyId);
        }
        return result;
    }

    /// <summary>Crypto-shredding: the wrapped key is overwritten and cannot be recovered.</summary>
    public async Task DestroyAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var entity = await db.DataKeys.FirstAsync(k => k.Id == id, cancellationToken);
        entity.WrappedKey = null;
        entity.DestroyedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Re-wraps every live data key under the active master key; the data itself is untouched.</summary>
    public async Task<int> RewrapAllAsync(CancellationToken cancellationToken = default)
    {
        var count = 0;
        while (true)
        {
            var batch = await db.DataKeys.Where(k => k.WrappedKey != null && k.MasterKeyId != keys.ActiveMasterKeyId)
                .Take(1000).ToListAsync(cancellationToken);
            if (batch.Count == 0)
                return count;
            foreach (var entity in batch)
            {
                var clear = FieldCipher.Unwrap(keys.MasterKey(entity.MasterKeyId), entity.WrappedKey!, entity.Id, entity.MasterKeyId);
                entity.MasterKeyId = keys.ActiveMasterKeyId;
                entity.WrappedKey = FieldCipher.Wrap(keys.MasterKey(entity.MasterKeyId), clear, entity.Id, entity.MasterKeyId);
                CryptographicOperations.ZeroMemory(clear);
            }
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            count += batch.Count;
        }
    }
}
