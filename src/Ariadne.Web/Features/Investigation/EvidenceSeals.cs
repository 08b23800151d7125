using Ariadne.Web.Platform.Cli;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Investigation;

/// <summary>
/// Evidence intake timestamps sealed again under the active audit signing key after a rotation (<c>keys rotate-signing</c>,
/// <c>keys reseal</c>). Only a seal that verifies under the key that made it, dated before that key's retirement, is sealed again;
/// the others are left for <c>evidence verify</c> to name. Afterwards the locker trusts the active key alone.
/// </summary>
public sealed class EvidenceSeals : ISignedWithAuditKey
{
    public string What => "evidence item(s)";

    public async Task<(int Resealed, int NotVerified)> ResealAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<AriadneDbContext>();
        var ring = services.GetRequiredService<KeyRing>();
        var active = ring.AuditSigningKeyId;
        var (resealed, notVerified) = (0, 0);
        var left = new List<Guid>(); // seals that did not verify: not asked for again
        while (true)
        {
            var batch = await db.EvidenceItems.Where(i => i.SigningKeyId != active && !left.Contains(i.Id))
                .OrderBy(i => i.Id).Take(500).ToListAsync(cancellationToken);
            if (batch.Count == 0)
                return (resealed, notVerified);
            foreach (var item in batch)
            {
                var statement = EvidenceLocker.TimestampStatement(item.Id, item.Sha256, item.ReceivedAt);
                if (!ring.VerifySigned(item.SigningKeyId, item.ReceivedAt, statement, item.TimestampSignature))
                {
                    notVerified++;
                    left.Add(item.Id);
                    continue;
                }
                item.TimestampSignature = ring.AuditSigningKey.SignData(statement, System.Security.Cryptography.HashAlgorithmName.SHA256);
                item.SigningKeyId = active;
                resealed++;
            }
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }
}
