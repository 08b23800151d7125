using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Platform.Audit;

/// <summary>Reads the chains' heads: what a checkpoint signs, and where verification starts and stops.</summary>
public static class AuditChains
{
    /// <summary>Every chain that holds an event, found by skipping along the (Chain, Position) index.</summary>
    public static Task<List<int>> ChainsAsync(AriadneDbContext db, CancellationToken ct) =>
        db.Database.SqlQueryRaw<int>("""
            WITH RECURSIVE c("Value") AS (
                SELECT MIN("Chain") FROM audit_events
                UNION ALL
                SELECT (SELECT MIN(e."Chain") FROM audit_events e WHERE e."Chain" > c."Value") FROM c WHERE c."Value" IS NOT NULL)
            SELECT "Value" FROM c WHERE "Value" IS NOT NULL
            """).ToListAsync(ct);

    /// <summary>The head of every chain, by chain. Each is a committed prefix of its chain, which no later append changes.</summary>
    public static async Task<List<ChainHead>> HeadsAsync(AriadneDbContext db, CancellationToken ct)
    {
        var heads = new List<ChainHead>();
        foreach (var chain in await ChainsAsync(db, ct))
            if (await HeadAsync(db, chain, ct) is { } head)
                heads.Add(head);
        return heads;
    }

    /// <summary>The last event of one chain; on chain 0 before any event with a place, the last event written before chains.</summary>
    public static async Task<ChainHead?> HeadAsync(AriadneDbContext db, int chain, CancellationToken ct)
    {
        var last = await db.AuditEvents.AsNoTracking().Where(e => e.Chain == chain && e.Position != null).OrderByDescending(e => e.Position)
            .Select(e => new { e.Sequence, e.Position, e.Hash }).FirstOrDefaultAsync(ct);
        if (last is not null)
            return new ChainHead(chain, last.Position!.Value, last.Sequence, last.Hash);
        var legacy = await db.AuditEvents.AsNoTracking().Where(e => e.Chain == chain).OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(ct);
        return legacy is null ? null : new ChainHead(chain, legacy.Sequence, legacy.Sequence, legacy.Hash);
    }
}
