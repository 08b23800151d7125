using Ariadne.Web.Features.Accommodation;
using Ariadne.Web.Features.Helpline;
using Ariadne.Web.Features.Investigation;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.Benchmarks.Crash;

/// <summary>
/// What must hold after a crash, read straight from the database while the server is down: every acknowledged
/// write is there with its audit event; no case without its person, no record without its wrapped data key, no
/// evidence item without its sealed content (the bytes live in the database, evidence_contents) nor content
/// without its item, no stay in a bed that does not exist and no bed held twice, no idempotency record whose
/// resource is missing. Returns the problems found (identifiers only).
/// </summary>
public static class CrashCheck
{
    private static readonly IServiceProvider Design = new ServiceCollection()
        .Configure<IdentityOptions>(o => o.Stores.SchemaVersion = IdentitySchemaVersions.Version3).BuildServiceProvider();

    public static AriadneDbContext Open(string provider, string connection) => provider == DataServices.SqliteProvider
        ? new SqliteAriadneDbContext(new DbContextOptionsBuilder<SqliteAriadneDbContext>().UseSqlite(connection).UseApplicationServiceProvider(Design).Options)
        : new PostgresAriadneDbContext(new DbContextOptionsBuilder<PostgresAriadneDbContext>().UseNpgsql(connection).UseApplicationServiceProvider(Design).Options);

    public static async Task<List<string>> RunAsync(string provider, string connection, IReadOnlyCollection<Ack> acks)
    {
        await using var db = Open(provider, connection);
        var problems = new List<string>();
        var referrals = await db.Set<Referral>().AsNoTracking().Select(r => new { r.Id, r.DataKeyId }).ToListAsync();
        var cases = await db.Set<ProtectionCase>().AsNoTracking().Select(c => new { c.Id, c.PersonId }).ToListAsync();
        var people = (await db.Set<Person>().AsNoTracking().Select(p => new { p.Id, p.DataKeyId }).ToListAsync());
        var contacts = await db.Set<HelplineContact>().AsNoTracking().Select(c => new { c.Id, c.DataKeyId }).ToListAsync();
        var files = await db.Set<CriminalFile>().AsNoTracking().Select(f => f.Id).ToListAsync();
        var items = await db.Set<EvidenceItem>().AsNoTracking().Select(i => new { i.Id, i.FileId }).ToListAsync();
        var contents = await db.Set<EvidenceContent>().AsNoTracking().Select(c => c.ItemId).ToListAsync();
        var placements = await db.Set<Placement>().AsNoTracking().Select(p => new { p.Id, p.CaseId, p.BedId, p.DischargedAt }).ToListAsync();
        var beds = (await db.Set<Bed>().AsNoTracking().Select(b => b.Id).ToListAsync()).ToHashSet();
        var keys = (await db.Set<DataKey>().AsNoTracking().Select(k => k.Id).ToListAsync()).ToHashSet();
        var audited = (await db.Set<AuditEvent>().AsNoTracking().Where(e => e.TargetId != null).Select(e => e.TargetId!.Value).Distinct().ToListAsync()).ToHashSet();
        foreach (var c in await db.Set<AuditEvent>().AsNoTracking().Where(e => e.CaseId != null).Select(e => e.CaseId!.Value).Distinct().ToListAsync())
            audited.Add(c);
        var idempotency = await db.Set<IdempotencyRecord>().AsNoTracking().Select(r => new { r.ResourceType, r.ResourceId }).ToListAsync();

        var present = new Dictionary<string, HashSet<Guid>>
        {
            ["referral"] = referrals.Select(r => r.Id).ToHashSet(),
            ["case"] = cases.Select(c => c.Id).ToHashSet(),
            ["contact"] = contacts.Select(c => c.Id).ToHashSet(),
            ["investigation"] = files.ToHashSet(),
            ["evidence"] = items.Select(i => i.Id).ToHashSet(),
            ["placement"] = placements.Select(p => p.Id).ToHashSet(),
            ["discharge"] = placements.Where(p => p.DischargedAt != null).Select(p => p.Id).ToHashSet(),
        };
        foreach (var ack in acks.Where(a => a.Kind != "read"))
        {
            if (!present[ack.Kind].Contains(ack.Id))
                problems.Add($"acknowledged {ack.Kind} {ack.Id} (run {ack.Run}{(ack.Replayed ? ", replayed" : "")}) is missing");
            else if (!audited.Contains(ack.Id))
                problems.Add($"acknowledged {ack.Kind} {ack.Id} has no audit event");
        }

        var personIds = people.Select(p => p.Id).ToHashSet();
        problems.AddRange(cases.Where(c => !personIds.Contains(c.PersonId)).Select(c => $"case {c.Id} without its person"));
        problems.AddRange(cases.Where(c => !audited.Contains(c.Id)).Select(c => $"case {c.Id} without an audit event"));
        problems.AddRange(people.Where(p => !keys.Contains(p.DataKeyId)).Select(p => $"person {p.Id} without its data key"));
        problems.AddRange(referrals.Where(r => !keys.Contains(r.DataKeyId)).Select(r => $"referral {r.Id} without its data key"));
        problems.AddRange(referrals.Where(r => !audited.Contains(r.Id)).Select(r => $"referral {r.Id} without an audit event"));
        problems.AddRange(contacts.Where(c => !keys.Contains(c.DataKeyId)).Select(c => $"helpline contact {c.Id} without its data key"));
        problems.AddRange(contacts.Where(c => !audited.Contains(c.Id)).Select(c => $"helpline contact {c.Id} without an audit event"));
        var contentSet = contents.ToHashSet();
        var itemSet = items.Select(i => i.Id).ToHashSet();
        var fileSet = files.ToHashSet();
        problems.AddRange(items.Where(i => !contentSet.Contains(i.Id)).Select(i => $"evidence item {i.Id} without its content"));
        problems.AddRange(contents.Where(c => !itemSet.Contains(c)).Select(c => $"evidence content {c} without its item"));
        problems.AddRange(items.Where(i => !fileSet.Contains(i.FileId)).Select(i => $"evidence item {i.Id} without its criminal file"));
        problems.AddRange(items.Where(i => !audited.Contains(i.Id)).Select(i => $"evidence item {i.Id} without an audit event"));
        var caseSet = present["case"];
        problems.AddRange(placements.Where(p => !beds.Contains(p.BedId) || !caseSet.Contains(p.CaseId)).Select(p => $"placement {p.Id} without its bed or case"));
        problems.AddRange(placements.Where(p => !audited.Contains(p.Id)).Select(p => $"placement {p.Id} without an audit event"));
        problems.AddRange(placements.Where(p => p.DischargedAt is null).GroupBy(p => p.BedId).Where(g => g.Count() > 1).Select(g => $"bed {g.Key} held by {g.Count()} open stays"));
        problems.AddRange(placements.Where(p => p.DischargedAt is null).GroupBy(p => p.CaseId).Where(g => g.Count() > 1).Select(g => $"case {g.Key} in {g.Count()} open stays"));
        var byType = new Dictionary<string, HashSet<Guid>>
        {
            [nameof(Placement)] = present["placement"],
            [nameof(HelplineContact)] = present["contact"],
            [nameof(Referral)] = present["referral"],
        };
        foreach (var record in idempotency)
            if (byType.TryGetValue(record.ResourceType, out var set) && !set.Contains(record.ResourceId))
                problems.Add($"idempotency record for {record.ResourceType} {record.ResourceId} whose resource is missing");
        return problems;
    }

    /// <summary>Row counts, for the report.</summary>
    public static async Task<string> CountsAsync(string provider, string connection)
    {
        await using var db = Open(provider, connection);
        return $"referrals {await db.Set<Referral>().CountAsync()}, cases {await db.Set<ProtectionCase>().CountAsync()}, contacts {await db.Set<HelplineContact>().CountAsync()}, "
            + $"evidence {await db.Set<EvidenceItem>().CountAsync()}, placements {await db.Set<Placement>().CountAsync()}, audit events {await db.Set<AuditEvent>().CountAsync()}";
    }
}
