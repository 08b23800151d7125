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
public sealed class NationalCount(AriadneDbContext db, DataKeys dataKeys, KeyRing keys, AuditTrail audit, TimeProvider time)
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
    public async Task<(Result Result, Guid Id)?> LatestAsync(Viewer reader, CancellationToken ct = default) =>
        await audit.InTransactionAsync(async () =>
        {
            var snapshot = await db.NationalCountSnapshots.AsNoTracking().OrderByDescending(s => s.TakenAt).FirstOrDefaultAsync(ct);
            (Result, Guid)? result = snapshot is null ? null
                : (new Result(snapshot.Records, snapshot.UniquePeople, JsonSerializer.Deserialize<List<Overlap>>(snapshot.Overlaps, Json)!, snapshot.TakenAt), snapshot.Id);
            return (result, new AuditRecord(CoordinationAudit.NationalCount, ActorUserId: reader.UserId, ActorInstitutionId: reader.InstitutionId,
                TargetType: "national-count-snapshot", TargetId: snapshot?.Id, Purpose: "linkage.national-count"));
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
        return await audit.InTransactionAsync(async () =>
        {
            await audit.SerializeWritersAsync(ct);
            if (await db.NationalCountSnapshots.AnyAsync(s => s.TakenAt > since, ct))
                return ((Guid?)null, new AuditRecord(CoordinationAudit.NationalCountSnapshot, AuditOutcome.Denied, Purpose: "linkage.snapshot.too-soon"));
            var snapshot = new NationalCountSnapshot
            {
                TakenAt = now,
                Records = result.Records,
                UniquePeople = result.UniquePeople,
                Overlaps = JsonSerializer.Serialize(result.Overlaps, Json),
            };
            db.NationalCountSnapshots.Add(snapshot);
            await db.SaveChangesAsync(ct);
            return ((Guid?)snapshot.Id, new AuditRecord(CoordinationAudit.NationalCountSnapshot, TargetType: "national-count-snapshot", TargetId: snapshot.Id,
                Purpose: "linkage.snapshot"));
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
            contributions.Add(new Contribution("case:" + row.Id, kinds[row.ResponsibleInstitutionId], LinkageRecords.From("", PersonVault.Read(row.Person, key))));
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

/// <summary>A stored snapshot of the national count: what was published, and when.</summary>
public sealed class NationalCountSnapshot
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public DateTimeOffset TakenAt { get; set; }
    public int? Records { get; set; }
    public int? UniquePeople { get; set; }
    /// <summary>The overlaps between kinds of institution, as published (JSON).</summary>
    public required string Overlaps { get; set; }
}

/// <summary>
/// The cell-key method (Australian Bureau of Statistics, TableBuilder). Each record has a record key,
/// a pseudo-random number in [0, 1) from a keyed HMAC of its stable identity; a cell's key is the sum of
/// its records' keys modulo 1; the published value is the true value plus a perturbation read from a
/// fixed, bounded table at the cell key, and a published value under <see cref="SmallCell"/> is
/// suppressed. The key is secret, so to a reader a changed cell's perturbation is a fresh draw.
/// </summary>
public static class CellKey
{
    public const int SmallCell = 5;

    /// <summary>The largest perturbation, either way.</summary>
    public const int Bound = 8;

    /// <summary>Record keys and cell keys are fixed-point fractions of 2^32.</summary>
    private const double Scale = 4294967296.0;

    public static uint RecordKey(byte[] secret, string identity)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(secret, System.Text.Encoding.UTF8.GetBytes(identity), mac);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(mac);
    }

    /// <summary>The sum of the record keys modulo 1 (2^32 wrap-around is exactly "modulo 1").</summary>
    public static uint Of(IEnumerable<uint> recordKeys)
    {
        uint sum = 0;
        foreach (var k in recordKeys)
            sum = unchecked(sum + k);
        return sum;
    }

    /// <summary>
    /// The perturbation table: a row per cell value (values from <see cref="Bound"/> up share the last row),
    /// each row a uniform distribution over the perturbations that keep the value non-negative, read at
    /// the cell key. Uniform over 2·Bound + 1 values, one more or one fewer true person changes the
    /// distribution of the published value by at most 1/(2·Bound + 1) in total variation.
    /// </summary>
    public static int Perturbation(uint cellKey, int value)
    {
        var low = -Math.Min(value, Bound);
        var width = Bound - low + 1;
        return low + (int)(cellKey / Scale * width);
    }

    /// <summary>The published value of a cell: perturbed, then suppressed (null) when under <see cref="SmallCell"/>, zeros included.</summary>
    public static int? Publish(NationalCount.Cell cell) => Publish(cell.Key, cell.Value);

    public static int? Publish(uint cellKey, int value)
    {
        var published = value + Perturbation(cellKey, value);
        return published < SmallCell ? null : published;
    }
}
