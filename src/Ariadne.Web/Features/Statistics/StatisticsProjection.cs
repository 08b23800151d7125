using System.Security.Cryptography;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Statistics;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Statistics;

/// <summary>
/// Rebuilds the facts from every source, whole, in one audited transaction: a reader sees the old facts or the new ones,
/// never a mixture, and a person erased since the last rebuild is gone from the statistics after the next. Facts carry no
/// source identifier, so nothing is updated in place.
/// </summary>
public sealed class StatisticsProjection(AriadneDbContext db, IEnumerable<IStatisticsSource> sources, KeyRing keys, AuditedWrites writes)
{
    /// <summary>The key of the record keys: derived from the key ring (the same as the national count's, so a person has one key), never stored.</summary>
    public StatRecordKeys RecordKeys() =>
        new(HKDF.DeriveKey(HashAlgorithmName.SHA256, keys.BlindIndexKey, 32, info: "ariadne/cell-key/v1"u8.ToArray()));

    public IReadOnlyList<StatTable> Tables => [.. sources.SelectMany(s => s.Tables)];

    /// <summary>Rebuilds every source's facts; returns how many facts there are now.</summary>
    public async Task<int> RefreshAsync(Platform.Access.Viewer? by = null, CancellationToken ct = default)
    {
        var recordKeys = RecordKeys();
        var facts = new List<StatFact>();
        var subjects = new HashSet<StatSubject>();
        foreach (var source in sources)
        {
            subjects.UnionWith(source.Subjects);
            await foreach (var fact in source.FactsAsync(recordKeys, ct))
            {
                if (!source.Subjects.Contains(fact.Subject))
                    throw new InvalidOperationException($"{source.GetType().Name} gave a fact of a subject it does not declare.");
                facts.Add(fact);
            }
        }
        return await writes.RunSerializedAsync(by, async ct =>
        {
            var list = subjects.ToList();
            await db.Set<StatFact>().Where(f => list.Contains(f.Subject)).ExecuteDeleteAsync(ct);
            foreach (var chunk in facts.Chunk(5000))
            {
                db.Set<StatFact>().AddRange(chunk);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
            return new Audited<int>(facts.Count, new AuditRecord(StatisticsAudit.Refreshed, Purpose: StatisticsAudit.Production));
        }, ct);
    }
}
