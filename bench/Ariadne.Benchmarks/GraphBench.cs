using System.Diagnostics;
using System.Globalization;
using Ariadne.Web.Features.Investigation;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.Benchmarks;

/// <summary>
/// Link analysis at scale (issue 15): neighbours to depth 3 for an investigator who may see 1,000 of 100,000 criminal files.
/// Each file has a person, a phone, a company and an account (values sealed under the file's own data key, match keys
/// keyed), linked person→phone, person→company, company→account. Phones come from a pool of 20,000, people from 50,000 and
/// companies from 10,000, so that a value recurs in about 2–10 files: the walk crosses into visible files and meets
/// unseen ones ("ask the owner") as in a real register. Measured: <see cref="LinkAnalysis.GraphAsync"/> as the page calls it
/// (rights, the walk, decryption of every drawn value, and the audit event), over 300 random visible files.
/// </summary>
public static class GraphBench
{
    public static async Task<int> RunAsync(IServiceProvider services, int fileCount, int visibleCount, int samples)
    {
        var viewer = new Viewer(Guid.Parse("00000000-0000-7000-8000-00000000b001"), Guid.Parse("00000000-0000-7000-8000-00000000b002"), [Relation.Investigator]);
        var seeded = Stopwatch.StartNew();
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AriadneDbContext>();
            if (!await db.CriminalFiles.AnyAsync())
                await SeedAsync(services, viewer, fileCount, visibleCount);
        }
        Console.WriteLine($"world ready in {seeded.Elapsed.TotalSeconds:F0} s");

        List<Guid> visible;
        await using (var scope = services.CreateAsyncScope())
        {
            var access = scope.ServiceProvider.GetRequiredService<Ariadne.Web.Features.Investigation.FileAccess>();
            visible = await access.VisibleFileIds(viewer).ToListAsync();
            var db = scope.ServiceProvider.GetRequiredService<AriadneDbContext>();
            Console.WriteLine($"files {await db.CriminalFiles.CountAsync():N0}, visible {visible.Count:N0}, entities {await db.FileEntities.CountAsync():N0}, links {await db.FileLinks.CountAsync():N0}");
        }
        var random = new Random(15);
        var timings = new List<double>();
        var nodes = new List<int>();
        var hidden = new List<int>();
        for (var i = 0; i < samples + 20; i++)
        {
            var file = visible[random.Next(visible.Count)];
            await using var scope = services.CreateAsyncScope();
            var links = scope.ServiceProvider.GetRequiredService<LinkAnalysis>();
            var clock = Stopwatch.StartNew();
            var graph = await links.GraphAsync(viewer, file, 3) ?? throw new InvalidOperationException("a visible file was refused");
            clock.Stop();
            if (i < 20)
                continue; // warm-up
            timings.Add(clock.Elapsed.TotalMilliseconds);
            nodes.Add(graph.Nodes.Count);
            hidden.Add(graph.Nodes.Count(n => n.Hidden));
        }
        // Where the time goes: the visible-file set alone, and the walk without rights and audit.
        var parts = new List<(double Visible, double Walk)>();
        for (var i = 0; i < 50; i++)
        {
            var file = visible[random.Next(visible.Count)];
            await using var scope = services.CreateAsyncScope();
            var access = scope.ServiceProvider.GetRequiredService<Ariadne.Web.Features.Investigation.FileAccess>();
            var links = scope.ServiceProvider.GetRequiredService<LinkAnalysis>();
            var clock = Stopwatch.StartNew();
            _ = await access.VisibleFileIds(viewer).ToListAsync();
            var v = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            _ = await links.WalkAsync(viewer, file, 3);
            parts.Add((v, clock.Elapsed.TotalMilliseconds));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"parts (median of 50): visible-file set {parts.Select(p => p.Visible).Order().ElementAt(25):F2} ms, walk {parts.Select(p => p.Walk).Order().ElementAt(25):F2} ms"));
        timings.Sort();
        double P(double q) => timings[Math.Min(timings.Count - 1, (int)Math.Ceiling(q * timings.Count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"graph depth 3: n={timings.Count} p50={P(0.5):F2} ms p95={P(0.95):F2} ms p99={P(0.99):F2} ms max={timings[^1]:F2} ms; nodes mean {nodes.Average():F1} (max {nodes.Max()}), hidden mean {hidden.Average():F1}"));
        return 0;
    }

    private static async Task SeedAsync(IServiceProvider services, Viewer viewer, int fileCount, int visibleCount)
    {
        var random = new Random(20261204);
        var now = DateTimeOffset.UtcNow;
        var visibleEvery = fileCount / visibleCount;
        const int Batch = 2_000;
        // Owners: 50 Squads (the files' owner must be a real institution).
        var squads = new List<Guid>();
        await using (var setup = services.CreateAsyncScope())
        {
            var db = setup.ServiceProvider.GetRequiredService<AriadneDbContext>();
            for (var i = 0; i < 50; i++)
            {
                var institution = new Ariadne.Web.Platform.Participants.Institution
                {
                    Name = $"Bench Squad {i}",
                    Code = $"BSQ-{i}",
                    Kind = Ariadne.Web.Platform.Participants.InstitutionKind.AntiTraffickingSquad,
                    CreatedAt = now,
                };
                db.Institutions.Add(institution);
                squads.Add(institution.Id);
            }
            await db.SaveChangesAsync();
        }
        for (var start = 0; start < fileCount; start += Batch)
        {
            await using var scope = services.CreateAsyncScope();
            var sp = scope.ServiceProvider;
            var db = sp.GetRequiredService<AriadneDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var keys = sp.GetRequiredService<DataKeys>();
            var links = sp.GetRequiredService<LinkAnalysis>();
            for (var n = start; n < Math.Min(fileCount, start + Batch); n++)
            {
                var (keyEntity, key) = keys.Create();
                var squad = squads[n % squads.Count];
                var file = new CriminalFile
                {
                    Number = $"CF-B-{n:D7}",
                    OwnerInstitutionId = squad,
                    LeadInvestigatorId = Guid.CreateVersion7(),
                    OpenedAt = now,
                    UpdatedAt = now,
                    DataKeyId = keyEntity.Id,
                };
                file.TitleEnc = db.Seal(file, f => f.TitleEnc, "Bench file " + n, key, keyEntity.Id);
                db.CriminalFiles.Add(file);
                db.FileGrants.Add(new FileGrant { FileId = file.Id, GranteeUserId = file.LeadInvestigatorId, Relation = Relation.Investigator, ValidFrom = now, GrantedBy = file.LeadInvestigatorId, Reason = "bench" });
                db.FileGrants.Add(new FileGrant { FileId = file.Id, GranteeInstitutionId = squad, Relation = Relation.SquadSupervisor, ValidFrom = now, GrantedBy = file.LeadInvestigatorId, Reason = "bench" });
                if (n % visibleEvery == 0)
                    db.FileGrants.Add(new FileGrant { FileId = file.Id, GranteeUserId = viewer.UserId, Relation = Relation.Investigator, ValidFrom = now, GrantedBy = viewer.UserId, Reason = "bench" });

                FileEntity Entity(EntityKind kind, string value, string? detail)
                {
                    var e = new FileEntity
                    {
                        FileId = file.Id,
                        Kind = kind,
                        Reliability = "B2",
                        Handling = "H3",
                        RecordedAt = now,
                        RecordedBy = file.LeadInvestigatorId,
                        MatchKey = links.MatchKeyOf(kind, value, detail),
                    };
                    e.ValueEnc = db.Seal(e, x => x.ValueEnc, value, key, keyEntity.Id);
                    e.DetailEnc = db.Seal(e, x => x.DetailEnc, detail, key, keyEntity.Id);
                    e.SourceEnc = db.Seal(e, x => x.SourceEnc, "bench", key, keyEntity.Id);
                    db.FileEntities.Add(e);
                    return e;
                }
                var person = random.Next(50_000);
                var p = Entity(EntityKind.Person, $"Person {person}", new DateOnly(1960, 1, 1).AddDays(person % 15_000).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                var f = Entity(EntityKind.Phone, "+99450" + (1_000_000 + random.Next(20_000)).ToString(CultureInfo.InvariantCulture), null);
                var c = Entity(EntityKind.Company, $"Company {random.Next(10_000)} MMC", null);
                var a = Entity(EntityKind.BankAccount, $"AZ{n:D26}", null);
                foreach (var (from, kind, to) in new[] { (p, LinkKind.Uses, f), (p, LinkKind.Directs, c), (c, LinkKind.Owns, a) })
                {
                    var l = new FileLink { FileId = file.Id, FromId = from.Id, ToId = to.Id, Kind = kind, Reliability = "B2", Handling = "H3", RecordedAt = now, RecordedBy = file.LeadInvestigatorId };
                    l.SourceEnc = db.Seal(l, x => x.SourceEnc, "bench", key, keyEntity.Id);
                    db.FileLinks.Add(l);
                }
            }
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync();
            if (start % 20_000 == 0)
                Console.WriteLine($"seeded {start + Batch:N0} files");
        }
        await using var analyze = services.CreateAsyncScope();
        await analyze.ServiceProvider.GetRequiredService<AriadneDbContext>().Database.ExecuteSqlRawAsync("ANALYZE");
    }
}
