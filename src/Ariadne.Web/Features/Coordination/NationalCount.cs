using System.Security.Cryptography;
using System.Text.Json;
using Ariadne.Linkage;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Features.Referrals;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Coordination;

/// <summary>
/// The National Coordinator's count of unique people across institutions, without identities
/// (privacy-preserving record linkage). Each institution's records — the people of the cases it is
/// responsible for, and the people it referred — are encoded on their own as keyed, XOR-folded
/// 1024-bit Bloom filters under the deployment's linkage key; the counting step receives only
/// (institution kind, encoding) and links encodings by Dice similarity. No name, number or identifier
/// leaves the service.
/// <para>
/// A reader who can add records (the Coordinator refers) could otherwise move a count to a rounding
/// boundary and learn from one more record whether a person is already known elsewhere. So the count is
/// served only as a stored snapshot taken at most once a day (<see cref="NationalCountJob"/>), and each
/// published cell is perturbed by the cell-key method (<see cref="CellKey"/>): the same records always
/// give the same published value, and one more record draws a fresh perturbation whether or not the
/// unique count moved.
/// </para>
/// </summary>
public sealed class NationalCount(AriadneDbContext db, DataKeys dataKeys, KeyRing keys, AuditedWrites writes, TimeProvider time, PersonVault vault)
{
    public const int SmallCell = CellKey.SmallCell;

    /// <summary>The least time between two snapshots.</summary>
    public static readonly TimeSpan Cadence = TimeSpan.FromDays(1);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record Overlap(InstitutionKind A, InstitutionKind B, int? People);

    public sealed record Result(int? Records, int? UniquePeople, IReadOnlyList<Overlap> Overlaps, DateTimeOffset At);

    /// <summary>One record as the count sees it: a stable identity (for its record key), its institution's kind, and the person.</summary>
    public sealed record Contribution(string Identity, InstitutionKind Kind, Ariadne.Linkage.PersonRecord Person);

    /// <summary>The deployment's linkage key: derived from the key ring, never stored, the same on every node.</summary>
    private byte[] LinkageKey() => HKDF.DeriveKey(HashAlgorithmName.SHA256, keys.BlindIndexKey, 32, info: "ariadne/clk-linkage/v1"u8.ToArray());

    /// <summary>The key of the record keys of the cell-key method: derived from the key ring, never stored.</summary>
    private byte[] CellKeySecret() => HKDF.DeriveKey(HashAlgorithmName.SHA256, keys.BlindIndexKey, 32, info: "ariadne/cell-key/v1"u8.ToArray());

    /// <summary>The latest snapshot, or null if none was taken yet. The read is audited with the snapshot's id.</summary>
    public Task<(Result Result, Guid Id)?> LatestAsync(Viewer reader, CancellationToken ct = default) =>
        writes.RunAsync(reader, async ct =>
        {
            var snapshot = await db.NationalCountSnapshots.AsNoTracking().OrderByDescending(s => s.TakenAt).FirstOrDefaultAsync(ct);
            (Result, Guid)? result = snapshot is null ? null
                : (new Result(snapshot.Records, snapshot.UniquePeople, JsonSerializer.Deserialize<List<Overlap>>(snapshot.Overlaps, Json)!, snapshot.TakenAt), snapshot.Id);
            return new Audited<(Result, Guid)?>(result, new AuditRecord(CoordinationAudit.NationalCount,
                TargetType: CoordinationAudit.Snapshot, TargetId: snapshot?.Id, Purpose: CoordinationAudit.ReadCount));
        }, ct);

    /// <summary>
    /// Takes and stores a snapshot, unless one was taken less than <see cref="Cadence"/> ago (then null).
    /// Called by the job; the check and the insert are in one audited transaction.
    /// </summary>
    public async Task<Guid?> SnapshotAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var since = now - Cadence;
        if (await db.NationalCountSnapshots.AnyAsync(s => s.TakenAt > since, ct))
            return null;
        var result = Compute(await ContributionsAsync(ct), LinkageKey(), CellKeySecret(), now);
        return await writes.RunSerializedAsync<Guid?>(null, async ct =>
        {
            if (await db.NationalCountSnapshots.AnyAsync(s => s.TakenAt > since, ct))
                return new Audited<Guid?>(null, new AuditRecord(CoordinationAudit.NationalCountSnapshot, AuditOutcome.Denied, Purpose: CoordinationAudit.SnapshotTooSoon));
            var snapshot = new NationalCountSnapshot
            {
                TakenAt = now,
                Records = result.Records,
                UniquePeople = result.UniquePeople,
                Overlaps = JsonSerializer.Serialize(result.Overlaps, Json),
            };
            db.NationalCountSnapshots.Add(snapshot);
            return new Audited<Guid?>(snapshot.Id, new AuditRecord(CoordinationAudit.NationalCountSnapshot, TargetType: CoordinationAudit.Snapshot, TargetId: snapshot.Id,
                Purpose: CoordinationAudit.TakeSnapshot));
        }, ct);
    }

    /// <summary>Each institution's records, decrypted one institution's row at a time, as the count's input.</summary>
    private async Task<List<Contribution>> ContributionsAsync(CancellationToken ct)
    {
        var contributions = new List<Contribution>();
        var kinds = await db.Institutions.AsNoTracking().ToDictionaryAsync(i => i.Id, i => i.Kind, ct);
        var people = await db.Cases.AsNoTracking().Select(c => new { c.Id, c.ResponsibleInstitutionId, Person = c.Person! }).ToListAsync(ct);
        var personKeys = await dataKeys.UnwrapManyAsync(people.Select(p => p.Person.DataKeyId), ct);
        foreach (var row in people)
        {
            if (!personKeys.TryGetValue(row.Person.DataKeyId, out var key))
                continue;
            contributions.Add(new Contribution("case:" + row.Id, kinds[row.ResponsibleInstitutionId], LinkageRecords.From("", vault.Open(row.Person, key))));
        }
        var referrals = await db.Referrals.AsNoTracking().Where(r => !r.Anonymous).Select(r => new { r.Id, r.ReferringInstitutionId, r.DataKeyId, r.ContentEnc }).ToListAsync(ct);
        var referralKeys = await dataKeys.UnwrapManyAsync(referrals.Select(r => r.DataKeyId), ct);
        foreach (var r in referrals)
        {
            if (!referralKeys.TryGetValue(r.DataKeyId, out var key))
                continue;
            var c = ReferralVault.OpenContent(db, r.Id, r.ContentEnc, r.DataKeyId, key);
            if (c.GivenName is null && c.FamilyName is null && c.DocumentNumber is null)
                continue;
            contributions.Add(new Contribution("referral:" + r.Id, kinds[r.ReferringInstitutionId], ReferralLinkage.From("", c)));
        }
        return contributions;
    }

    /// <summary>A cell before publication: its true value and its cell key. Never shown.</summary>
    public sealed record Cell(int Value, uint Key);

    public sealed record Cells(Cell Records, Cell UniquePeople, IReadOnlyList<(InstitutionKind A, InstitutionKind B, Cell People)> Overlaps);

    /// <summary>The published count of these records (pure: the same records and keys give the same result).</summary>
    public static Result Compute(IReadOnlyList<Contribution> records, byte[] linkageKey, byte[] cellKeySecret, DateTimeOffset at) =>
        Publish(Link(records, linkageKey, cellKeySecret), at);

    /// <summary>Each cell perturbed by its cell key, and suppressed when small.</summary>
    public static Result Publish(Cells cells, DateTimeOffset at) =>
        new(CellKey.Publish(cells.Records), CellKey.Publish(cells.UniquePeople),
            cells.Overlaps.Select(o => new Overlap(o.A, o.B, CellKey.Publish(o.People))).ToList(), at);

    /// <summary>
    /// Links the records by their encodings only and makes the cells: each cell's key is the sum of the
    /// record keys of every record in it.
    /// </summary>
    public static Cells Link(IReadOnlyList<Contribution> records, byte[] linkageKey, byte[] cellKeySecret)
    {
        // 1. Each institution encodes its own records.
        var encoded = new List<(InstitutionKind Kind, ulong[] Clk)>(records.Count);
        using (var encoder = new ClkEncoder(linkageKey))
            foreach (var r in records)
                encoded.Add((r.Kind, LinkageCommand.Encode(encoder, r.Person)));
        var recordKeys = records.Select(r => CellKey.RecordKey(cellKeySecret, r.Identity)).ToArray();

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
        var people = Enumerable.Range(0, encoded.Count).GroupBy(Find)
            .Select(g => (Kinds: g.Select(i => encoded[i].Kind).ToHashSet(), Records: g.ToList())).ToList();

        // 3. The cells, each with the key of the records in it.
        Cell Of(IEnumerable<int> cellRecords, int value) => new(value, CellKey.Of(cellRecords.Select(i => recordKeys[i])));
        var all = Enumerable.Range(0, encoded.Count).ToList();
        var present = people.SelectMany(p => p.Kinds).Distinct().Order().ToList();
        var overlaps = new List<(InstitutionKind, InstitutionKind, Cell)>();
        for (var x = 0; x < present.Count; x++)
            for (var y = x + 1; y < present.Count; y++)
            {
                var both = people.Where(p => p.Kinds.Contains(present[x]) && p.Kinds.Contains(present[y])).ToList();
                overlaps.Add((present[x], present[y], Of(both.SelectMany(p => p.Records), both.Count)));
            }
        return new Cells(Of(all, encoded.Count), Of(all, people.Count), overlaps);
    }
}
