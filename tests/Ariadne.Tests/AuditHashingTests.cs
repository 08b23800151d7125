using System.Security.Cryptography;
using Ariadne.Web.Platform.Audit;

namespace Ariadne.Tests;

public sealed class AuditHashingTests
{
    /// <summary>RFC 9162 §2.1.1, written the slow, obvious way.</summary>
    private static byte[] ReferenceRoot(IReadOnlyList<byte[]> leaves)
    {
        if (leaves.Count == 0)
            return SHA256.HashData([]);
        if (leaves.Count == 1)
            return SHA256.HashData([0x00, .. leaves[0]]);
        var k = 1;
        while (k * 2 < leaves.Count)
            k *= 2;
        return SHA256.HashData([0x01, .. ReferenceRoot(leaves.Take(k).ToList()), .. ReferenceRoot(leaves.Skip(k).ToList())]);
    }

    [Fact]
    public void The_streaming_tree_head_equals_the_rfc_9162_definition_at_every_size()
    {
        var leaves = new List<byte[]>();
        var accumulator = new MerkleAccumulator();
        Assert.Equal(ReferenceRoot(leaves), accumulator.Root());
        for (var n = 1; n <= 70; n++)
        {
            var leaf = SHA256.HashData(BitConverter.GetBytes(n));
            leaves.Add(leaf);
            accumulator.Add(leaf);
            Assert.Equal(ReferenceRoot(leaves), accumulator.Root());
        }
    }

    [Fact]
    public void Every_field_of_an_event_changes_its_hash()
    {
        AuditEvent Event() => new()
        {
            Sequence = 7,
            At = DateTimeOffset.FromUnixTimeMilliseconds(1_780_000_000_000),
            ActorUserId = Guid.Parse("0190b0a0-0000-7000-8000-000000000001"),
            ActorInstitutionId = Guid.Parse("0190b0a0-0000-7000-8000-000000000002"),
            Action = "case.viewed",
            TargetType = "case",
            TargetId = Guid.Parse("0190b0a0-0000-7000-8000-000000000003"),
            CaseId = Guid.Parse("0190b0a0-0000-7000-8000-000000000003"),
            Relation = "Investigator",
            Purpose = "case.view",
            Outcome = "allowed",
            PreviousHash = new byte[32],
            Hash = [],
        };
        var original = AuditHashing.EventHash(Event());
        var changes = new Action<AuditEvent>[]
        {
            e => e.Sequence++, e => e.At = e.At.AddMilliseconds(1), e => e.ActorUserId = null, e => e.ActorInstitutionId = Guid.NewGuid(),
            e => e.Action = "case.updated", e => e.TargetType = null, e => e.TargetId = Guid.NewGuid(), e => e.CaseId = null,
            e => e.Relation = "break-glass", e => e.Purpose = "case.view ", e => e.Outcome = "denied", e => e.PreviousHash = Enumerable.Repeat((byte)1, 32).ToArray(),
            // moving text between adjacent fields must not give the same encoding
            e => { e.TargetType = "cas"; e.Action = "case.viewede"; },
        };
        foreach (var change in changes)
        {
            var e = Event();
            change(e);
            Assert.NotEqual(original, AuditHashing.EventHash(e));
        }
        Assert.Equal(original, AuditHashing.EventHash(Event()));
    }

    [Fact]
    public void In_version_3_where_the_event_was_written_changes_its_hash_and_cannot_be_dropped_to_pass_as_version_2()
    {
        AuditEvent Event() => new()
        {
            Sequence = 7,
            Chain = 2,
            Position = 3,
            At = DateTimeOffset.FromUnixTimeMilliseconds(1_780_000_000_000),
            ActorUserId = Guid.Parse("0190b0a0-0000-7000-8000-000000000001"),
            Action = "case.viewed",
            Outcome = "allowed",
            Node = "node-a",
            ClientAddress = "10.20.3.4",
            PreviousHash = new byte[32],
            Hash = [],
        };
        var original = AuditHashing.EventHash(Event());
        var changes = new Action<AuditEvent>[]
        {
            e => e.Node = "node-b", e => e.ClientAddress = "10.20.3.5", e => e.ClientAddress = null,
            e => { e.Node = "node-a1"; e.ClientAddress = "0.20.3.4"; }, // text moved between the two fields
            e => { e.Node = null; e.ClientAddress = null; }, // the same event as version 2
        };
        foreach (var change in changes)
        {
            var e = Event();
            change(e);
            Assert.NotEqual(original, AuditHashing.EventHash(e));
        }
        Assert.Equal(original, AuditHashing.EventHash(Event()));

        // An address planted on a version 2 event, or a node on an event without a place: hashed as version 3, so they differ.
        var v2 = Event();
        (v2.Node, v2.ClientAddress) = (null, null);
        var v2Hash = AuditHashing.EventHash(v2);
        v2.ClientAddress = "10.0.0.1";
        Assert.NotEqual(v2Hash, AuditHashing.EventHash(v2));
        var placeless = Event();
        placeless.Position = null;
        Assert.NotEqual(original, AuditHashing.EventHash(placeless));
    }
}
