using Ariadne.Web.Features.Cases;
using Ariadne.Web.Features.Investigation;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Backup;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Operations;

/// <summary>What <c>restore</c> does after loading: the erasure list applied again, then the trail, the evidence and a sample decrypt checked.</summary>
public sealed class RestoreChecks(AriadneDbContext db, ErasureList erasures, PersonEraser eraser, AuditVerifier audit, EvidenceLocker evidence,
    DataKeys dataKeys, PersonVault vault)
{
    /// <summary>Erases again each listed person whom the restored database still holds unerased.</summary>
    public async Task<(int Listed, int Erased, int Refused)> EraseAgainAsync(CancellationToken ct = default)
    {
        var (ids, refused) = erasures.Read();
        var erased = 0;
        foreach (var id in ids)
            if (await eraser.EraseAgainAsync(id, ct))
                erased++;
        return (ids.Count, erased, refused);
    }

    /// <summary>True when every check passes; and one clause per check, naming no data.</summary>
    public async Task<(bool Ok, string Summary)> VerifyAsync(CancellationToken ct = default)
    {
        var trail = await audit.VerifyAsync(null, ct);
        var (items, problem) = await evidence.VerifyAllAsync(ct);
        var (decrypted, decryptProblem) = await SampleDecryptAsync(ct);
        var parts = new[]
        {
            trail.Intact ? $"audit verify: intact, {trail.Events} events" : $"audit verify: BROKEN at event #{trail.FirstBadSequence}",
            problem is null ? $"evidence verify: OK, {items} items" : $"evidence verify: FAILED at item {items}",
            decryptProblem is null ? (decrypted == 0 ? "sample decrypt: no data keys to try" : $"sample decrypt: OK, {decrypted} data key(s)") : $"sample decrypt: FAILED ({decryptProblem})",
        };
        return (trail.Intact && problem is null && decryptProblem is null, string.Join("; ", parts));
    }

    /// <summary>
    /// The first and the last live data key unwrapped with the key ring, and the first person not erased opened
    /// whole under theirs: proves the key ring fits the restored keys and the ciphertext came back intact.
    /// </summary>
    private async Task<(int Keys, string? Problem)> SampleDecryptAsync(CancellationToken ct)
    {
        try
        {
            var live = db.DataKeys.AsNoTracking().Where(k => k.WrappedKey != null);
            var sample = new List<Guid?>
            {
                await live.OrderBy(k => k.Id).Select(k => (Guid?)k.Id).FirstOrDefaultAsync(ct),
                await live.OrderByDescending(k => k.Id).Select(k => (Guid?)k.Id).FirstOrDefaultAsync(ct),
            }.OfType<Guid>().Distinct().ToList();
            foreach (var id in sample)
                if (await dataKeys.UnwrapAsync(id, ct) is null)
                    return (0, "a live data key did not unwrap");
            var person = await db.People.AsNoTracking().Where(p => p.ErasedAt == null).OrderBy(p => p.Id).FirstOrDefaultAsync(ct);
            if (person is not null)
            {
                var key = await dataKeys.UnwrapAsync(person.DataKeyId, ct);
                if (key is null)
                    return (0, "a person's data key is gone but the person is not marked erased");
                vault.Open(person, key);
                if (!sample.Contains(person.DataKeyId))
                    sample.Add(person.DataKeyId);
            }
            return (sample.Count, null);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return (0, "a ciphertext did not open with the key ring");
        }
    }
}
