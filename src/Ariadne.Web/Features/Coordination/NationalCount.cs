using System.Security.Cryptography;
using System.Text.Json;
using Ariadne.Linkage;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Features.Participants;
using Ariadne.Web.Features.Referrals;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Coordination;

/// <summary>
/// The National Coordinator's count of unique people across institutions, without identities
/// (privacy-preserving record linkage). Each institution's records — the people of the cases it is
/// responsible for, and the people it referred — are encoded on their own as keyed, XOR-folded
/// 1024-bit Bloom filters under the deployment's linkage key; the counting step receives only
/// (institution kind, encoding) and links encodings by Dice similarity. The Coordinator gets a
/// deduplicated total and overlaps between kinds of institution, with cells under
/// <see cref="SmallCell"/> suppressed and the others rounded to 5. No name, number or identifier leaves the service.
/// </summary>
public sealed class NationalCount(AriadneDbContext db, DataKeys dataKeys, KeyRing keys, AuditTrail audit, TimeProvider time)
{
    public const int SmallCell = 5;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record Overlap(InstitutionKind A, InstitutionKind B, int? People);

    public sealed record Result(int? Records, int? UniquePeople, IReadOnlyList<Overlap> Overlaps, DateTimeOffset At);

    /// <summary>The deployment's linkage key: derived from the key ring, never stored, the same on every node.</summary>
    private byte[] LinkageKey() => HKDF.DeriveKey(HashAlgorithmName.SHA256, keys.BlindIndexKey, 32, info: "ariadne/clk-linkage/v1"u8.ToArray());

    public async Task<Result> CountAsync(Viewer coordinator, CancellationToken ct = default)
    {
        // 1. Each institution encodes its own records (here, inside the platform, one institution at a time).
        var encoded = new List<(InstitutionKind Kind, ulong[] Clk)>();
        using (var encoder = new ClkEncoder(LinkageKey()))
        {
            var kinds = await db.Institutions.AsNoTracking().ToDictionaryAsync(i => i.Id, i => i.Kind, ct);
            var people = await db.Cases.AsNoTracking().Select(c => new { c.ResponsibleInstitutionId, Person = c.Person! }).ToListAsync(ct);
            var personKeys = await dataKeys.UnwrapManyAsync(people.Select(p => p.Person.DataKeyId), ct);
            foreach (var row in people)
            {
                if (!personKeys.TryGetValue(row.Person.DataKeyId, out var key))
                    continue;
                var p = PersonVault.Read(row.Person, key);
                encoded.Add((kinds[row.ResponsibleInstitutionId], LinkageCommand.Encode(encoder,
                    LinkageRecords.From("", p))));
            }
            var referrals = await db.Referrals.AsNoTracking().Where(r => !r.Anonymous).Select(r => new { r.Id, r.ReferringInstitutionId, r.DataKeyId, r.ContentEnc }).ToListAsync(ct);
            var referralKeys = await dataKeys.UnwrapManyAsync(referrals.Select(r => r.DataKeyId), ct);
            foreach (var r in referrals)
            {
                if (!referralKeys.TryGetValue(r.DataKeyId, out var key))
                    continue;
                var c = JsonSerializer.Deserialize<ReferralContent>(FieldCipher.Decrypt(key, r.ContentEnc, "referrals", nameof(Referral.ContentEnc), r.Id, r.DataKeyId) ?? "{}", Json)!;
                if (c.GivenName is null && c.FamilyName is null && c.DocumentNumber is null)
                    continue;
                encoded.Add((kinds[r.ReferringInstitutionId], LinkageCommand.Encode(encoder,
                    LinkageRecords.From("", c))));
            }
        }

        // 2. The count sees encodings and institution kinds only.
        var set = new ClkSet(capacity: encoded.Count);
        foreach (var (_, clk) in encoded)
            set.Add(clk);
        var parent = Enumerable.Range(0, encoded.Count).ToArray();
        int Find(int x)
        {
            while (parent[x] != x)
                x = parent[x] = parent[parent[x]];
            return x;
        }
        set.ForEachAbove(set, LinkageCommand.DefaultClkThreshold, (i, j, _) =>
        {
            lock (parent)
            {
                int a = Find(i), b = Find(j);
                if (a != b)
                    parent[Math.Max(a, b)] = Math.Min(a, b);
            }
        });
        var kindsOfPerson = Enumerable.Range(0, encoded.Count).GroupBy(Find).Select(g => g.Select(i => encoded[i].Kind).ToHashSet()).ToList();
        var present = kindsOfPerson.SelectMany(k => k).Distinct().Order().ToList();
        var overlaps = new List<Overlap>();
        for (var x = 0; x < present.Count; x++)
            for (var y = x + 1; y < present.Count; y++)
                overlaps.Add(new Overlap(present[x], present[y], Suppress(kindsOfPerson.Count(k => k.Contains(present[x]) && k.Contains(present[y])))));

        var result = new Result(Suppress(encoded.Count), Suppress(kindsOfPerson.Count), overlaps, time.GetUtcNow());
        await audit.RecordAsync(new AuditRecord(AuditAction.NationalCount, ActorUserId: coordinator.UserId, ActorInstitutionId: coordinator.InstitutionId,
            Purpose: "linkage.national-count"), ct);
        return result;
    }

    /// <summary>
    /// Small cells are not shown (a count of 1 to 4 could point at a person), and the rest are rounded to
    /// the nearest 5, so that two counts taken around one new record do not reveal whether that person was
    /// already known elsewhere.
    /// </summary>
    private static int? Suppress(int value) => value is > 0 and < SmallCell ? null : (int)(Math.Round(value / 5.0, MidpointRounding.AwayFromZero) * 5);
}
