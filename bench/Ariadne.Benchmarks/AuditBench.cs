using System.Diagnostics;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.Benchmarks;

/// <summary>Audit append throughput through the real trail, then <c>audit verify</c> over a million events.</summary>
public static class AuditBench
{
    public static async Task RunAsync(IServiceProvider services, int events)
    {
        if (events == 0)
        {
            await using var only = services.CreateAsyncScope();
            var clock0 = Stopwatch.StartNew();
            var verified = await only.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync();
            Console.WriteLine($"| audit verify | {verified.Events} events, intact={verified.Intact}, {clock0.Elapsed.TotalSeconds:F2} s |");
            return;
        }
        // Append throughput: each append is a transaction of its own, as for a read of a case.
        var clock = Stopwatch.StartNew();
        const int appends = 2000;
        for (var i = 0; i < appends; i++)
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AuditTrail>().RecordAsync(
                new AuditRecord(CasesAudit.CaseViewed, ActorUserId: Guid.NewGuid(), TargetType: AuditTarget.Case, TargetId: Guid.NewGuid(), Purpose: new AuditPurpose("bench")));
        }
        Console.WriteLine($"| audit append, one transaction each | {appends / clock.Elapsed.TotalSeconds:F0} events/s |");

        // Bulk-extend the chain to the target size (valid hashes), then verify all of it.
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AriadneDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var head = await db.AuditEvents.OrderByDescending(e => e.Sequence).FirstAsync();
            var macKey = scope.ServiceProvider.GetRequiredService<Ariadne.Web.Platform.Crypto.KeyRing>().AuditMacKey;
            var previous = head.Hash;
            var at = head.At;
            for (var seq = head.Sequence + 1; seq <= events; seq++)
            {
                var e = new AuditEvent
                {
                    Sequence = seq,
                    At = at,
                    ActorUserId = Guid.NewGuid(),
                    Action = CasesAudit.CaseViewed,
                    TargetType = "case",
                    TargetId = Guid.NewGuid(),
                    Purpose = "bench",
                    Outcome = AuditOutcome.Allowed,
                    PreviousHash = previous,
                    Hash = [],
                };
                e.Hash = AuditHashing.EventHash(e);
                e.Mac = AuditHashing.EventMac(macKey, e.Hash);
                previous = e.Hash;
                db.AuditEvents.Add(e);
                if (seq % 20_000 == 0)
                {
                    db.ChangeTracker.DetectChanges();
                    await db.SaveChangesAsync();
                    db.ChangeTracker.Clear();
                }
            }
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
            await scope.ServiceProvider.GetRequiredService<AuditCheckpoints>().WriteAsync();
        }
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AriadneDbContext>();
            clock.Restart();
            long after = 0, rows = 0;
            while (true)
            {
                var batch = await db.AuditEvents.AsNoTracking().Where(e => e.Sequence > after).OrderBy(e => e.Sequence).Take(50_000).ToListAsync();
                rows += batch.Count;
                if (batch.Count < 50_000)
                    break;
                after = batch[^1].Sequence;
            }
            Console.WriteLine($"| (reading {rows} events alone) | {clock.Elapsed.TotalSeconds:F2} s |");
        }
        await using (var scope = services.CreateAsyncScope())
        {
            clock.Restart();
            var result = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync();
            Console.WriteLine($"| audit verify | {result.Events} events, intact={result.Intact}, {clock.Elapsed.TotalSeconds:F2} s |");
        }
    }
}
