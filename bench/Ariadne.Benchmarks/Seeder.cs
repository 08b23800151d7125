using System.Diagnostics;
using System.Security.Cryptography;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.Benchmarks;

/// <summary>
/// Generates the benchmark world: 1,000,000 cases (each with a person under its own wrapped data key and a
/// blind-indexed document number), 10,000 users in 200 institutions, 5,000,000 grants. Two subjects:
/// an investigator with about 300 grants of their own, and a squad unit whose supervisor grants number
/// about 100,000.
/// </summary>
public static class Seeder
{
    public const string SubjectFew = "bench.few";
    public const string SubjectMany = "bench.many";
    public const string TokenFew = "ariadne_benchfewbenchfewbenchfewbenchfewbenchfew0";
    public const string TokenMany = "ariadne_benchmanybenchmanybenchmanybenchmanybench";

    public static async Task RunAsync(IServiceProvider services, int caseCount, int userCount, int grantCount)
    {
        var clock = Stopwatch.StartNew();
        var random = new Random(20261130);
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AriadneDbContext>();
        if (await db.Cases.AnyAsync())
            throw new InvalidOperationException("The benchmark database is not empty.");
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var ring = sp.GetRequiredService<KeyRing>();
        var index = sp.GetRequiredService<BlindIndex>();
        var now = DateTimeOffset.UtcNow;

        // Institutions: 20 squad units and 180 others.
        var others = Enum.GetValues<InstitutionKind>().Where(k => k is not InstitutionKind.AntiTraffickingSquad and not InstitutionKind.PlatformAdministration and not InstitutionKind.Oversight).ToArray();
        var institutions = Enumerable.Range(0, 200).Select(i => new Institution
        {
            Name = $"Bench {i}",
            Code = $"B{i:D3}",
            Kind = i < 20 ? InstitutionKind.AntiTraffickingSquad : others[i % others.Length],
            CreatedAt = now,
        }).ToList();
        db.Institutions.AddRange(institutions);
        await db.SaveChangesAsync();

        // Users: identity rows without password hashing (benchmarks never sign in through the form).
        var roleIds = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id);
        var users = new List<(Guid Id, Institution Institution, string Role)>();
        for (var i = 0; i < userCount; i++)
        {
            var institution = institutions[i % institutions.Count];
            var role = institution.Kind == InstitutionKind.AntiTraffickingSquad
                ? (i / institutions.Count == 0 ? RoleCatalog.SquadChief : RoleCatalog.Investigator)
                : RoleCatalog.For(institution.Kind).First().Name;
            var name = i == 200 ? SubjectFew : i == 0 ? SubjectMany : $"bench{i:D5}";
            var user = new AriadneUser
            {
                UserName = name,
                NormalizedUserName = name.ToUpperInvariant(),
                DisplayName = name,
                InstitutionId = institution.Id,
                CreatedAt = now,
                SecurityStamp = Guid.NewGuid().ToString("N"),
                TwoFactorEnabled = true,
            };
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roleIds[role] });
            users.Add((user.Id, institution, role));
            if (i % 5000 == 4999)
                await FlushAsync(db);
        }
        await FlushAsync(db);
        var few = users[200];  // an investigator of squad unit 0, who will hold ~300 grants
        var many = users[0];   // the chief of squad unit 0, whose unit supervises ~100,000 cases
        foreach (var (name, token, id) in new[] { (SubjectFew, TokenFew, few.Id), (SubjectMany, TokenMany, many.Id) })
            db.ApiTokens.Add(new ApiToken
            {
                UserId = id,
                Name = name,
                Prefix = token[..14],
                SecretHash = ApiTokenSecrets.Hash(token),
                Scopes = CasesModule.ReadScope,
                CreatedAt = now,
                ExpiresAt = now.AddDays(30),
            });
        await FlushAsync(db);
        Console.WriteLine($"  {institutions.Count} institutions, {users.Count} users in {clock.Elapsed.TotalSeconds:F0} s");

        var squadInvestigators = users.Where(u => u.Role == RoleCatalog.Investigator && u != few).ToList();
        var unitZero = squadInvestigators.Where(u => u.Institution == institutions[0]).ToList();
        var supervisor = AccessMatrix.Default[Relation.SquadSupervisor];
        var investigator = AccessMatrix.Default[Relation.Investigator];
        var caseIds = new Guid[caseCount];
        var recencies = new long[caseCount];
        var grants = 0;
        var start = now.AddDays(-3650);
        for (var i = 0; i < caseCount; i++)
        {
            // Unit 0 holds 100,000 cases; "few" opened 300 of them.
            var unit = i % 10 == 0 ? institutions[0] : institutions[1 + random.Next(19)];
            var creator = i % 10 != 0 ? squadInvestigators[random.Next(squadInvestigators.Count)]
                : i / 10 < 300 ? few : unitZero[random.Next(unitZero.Count)];
            var key = RandomNumberGenerator.GetBytes(32);
            var dataKey = new DataKey { MasterKeyId = ring.ActiveMasterKeyId, CreatedAt = now };
            dataKey.WrappedKey = FieldCipher.Wrap(ring.MasterKey(dataKey.MasterKeyId), key, dataKey.Id, dataKey.MasterKeyId);
            var person = new Person { DataKeyId = dataKey.Id, CreatedAt = now, DocumentNumberIndex = index.DocumentNumber($"DOC{i:D7}") };
            person.GivenNameEnc = FieldCipher.Encrypt(key, $"Given{i}", "people", nameof(Person.GivenNameEnc), person.Id, dataKey.Id);
            var createdAt = start.AddSeconds(i * 300.0);
            var c = new ProtectionCase
            {
                Number = $"BN-{i:D7}",
                PersonId = person.Id,
                ResponsibleInstitutionId = unit.Id,
                CreatedAt = createdAt,
                UpdatedAt = createdAt,
                CreatedBy = creator.Id,
                Recency = (createdAt - DateTimeOffset.UnixEpoch).Ticks / 10,
            };
            caseIds[i] = c.Id;
            recencies[i] = c.Recency;
            db.DataKeys.Add(dataKey);
            db.People.Add(person);
            db.Cases.Add(c);
            db.Grants.Add(new Grant
            {
                CaseId = c.Id,
                CaseRecency = c.Recency,
                GranteeUserId = creator.Id,
                Relation = Relation.Investigator,
                Read = investigator.Read,
                Write = investigator.Write,
                ValidFrom = createdAt,
                GrantedBy = creator.Id,
                Reason = "bench",
            });
            db.Grants.Add(new Grant
            {
                CaseId = c.Id,
                CaseRecency = c.Recency,
                GranteeInstitutionId = unit.Id,
                Relation = Relation.SquadSupervisor,
                Read = supervisor.Read,
                ValidFrom = createdAt,
                GrantedBy = creator.Id,
                Reason = "bench",
            });
            grants += 2;
            if (i % 5000 == 4999)
            {
                await FlushAsync(db);
                if (i % 100_000 == 99_999)
                    Console.WriteLine($"  {i + 1} cases in {clock.Elapsed.TotalSeconds:F0} s");
            }
        }
        await FlushAsync(db);

        // The rest of the grants: other relations, to users and institutions outside the squads; some ended.
        var outsiders = users.Where(u => u.Institution.Kind != InstitutionKind.AntiTraffickingSquad).ToList();
        var outsiderInstitutions = institutions.Skip(20).ToList();
        var relations = new[] { Relation.Shelter, Relation.ServiceProvider, Relation.Prosecutor, Relation.Court, Relation.RepatriationPartner, Relation.Referrer };
        for (var n = 0; grants < grantCount; n++)
        {
            var i = random.Next(caseCount);
            var relation = relations[random.Next(relations.Length)];
            var toUser = random.Next(10) < 6;
            db.Grants.Add(new Grant
            {
                CaseId = caseIds[i],
                CaseRecency = recencies[i],
                Relation = relation,
                Read = AccessMatrix.Default[relation].Read,
                GranteeUserId = toUser ? outsiders[random.Next(outsiders.Count)].Id : null,
                GranteeInstitutionId = toUser ? null : outsiderInstitutions[random.Next(outsiderInstitutions.Count)].Id,
                ValidFrom = now.AddDays(-30),
                ValidUntil = random.Next(5) == 0 ? now.AddDays(-1) : null,
                GrantedBy = few.Id,
                Reason = "bench",
            });
            grants++;
            if (n % 10000 == 9999)
            {
                await FlushAsync(db);
                if (grants % 500_000 < 10_000)
                    Console.WriteLine($"  {grants} grants in {clock.Elapsed.TotalSeconds:F0} s");
            }
        }
        await FlushAsync(db);
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlRawAsync(NextKeys.CatchUpSql(NextKeys.Sequence.CaseRecency)); // past the recencies written here
        Console.WriteLine($"Seeded {caseCount} cases, {userCount} users, {grants} grants in {clock.Elapsed.TotalSeconds:F0} s");
    }

    private static async Task FlushAsync(AriadneDbContext db)
    {
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }
}
