using System.Buffers.Binary;

namespace Ariadne.Web.Platform.Audit;

/// <summary>The last event of one chain: where it stands (<see cref="Position"/>), its global number and its hash.</summary>
public sealed record ChainHead(int Chain, long Position, long Sequence, byte[] Hash)
{
    public const int Size = 4 + 8 + 8 + 32;

    private void Write(Span<byte> into)
    {
        BinaryPrimitives.WriteInt32BigEndian(into, Chain);
        BinaryPrimitives.WriteInt64BigEndian(into[4..], Position);
        BinaryPrimitives.WriteInt64BigEndian(into[12..], Sequence);
        Hash.CopyTo(into[20..]);
    }

    /// <summary>The heads as stored in a checkpoint: one fixed-size record each, by chain.</summary>
    public static byte[] Encode(IEnumerable<ChainHead> heads)
    {
        var list = heads.OrderBy(h => h.Chain).ToList();
        var bytes = new byte[list.Count * Size];
        for (var i = 0; i < list.Count; i++)
            list[i].Write(bytes.AsSpan(i * Size, Size));
        return bytes;
    }

    /// <summary>The heads of a stored checkpoint, or null when the bytes are not a list of heads in chain order.</summary>
    public static List<ChainHead>? Decode(byte[] bytes)
    {
        if (bytes.Length % Size != 0)
            return null;
        var heads = new List<ChainHead>(bytes.Length / Size);
        for (var at = 0; at < bytes.Length; at += Size)
        {
            var record = bytes.AsSpan(at, Size);
            var head = new ChainHead(BinaryPrimitives.ReadInt32BigEndian(record), BinaryPrimitives.ReadInt64BigEndian(record[4..]),
                BinaryPrimitives.ReadInt64BigEndian(record[12..]), record[20..].ToArray());
            if (head.Position < 1 || (heads.Count > 0 && heads[^1].Chain >= head.Chain))
                return null;
            heads.Add(head);
        }
        return heads;
    }

    /// <summary>The RFC 9162 Merkle tree hash over the heads' records (leaf = H(0x00 || record)), in chain order.</summary>
    public static byte[] Root(byte[] encoded)
    {
        var merkle = new MerkleAccumulator();
        for (var at = 0; at < encoded.Length; at += Size)
            merkle.AddLeaf(AuditHashing.LeafHashOf(encoded.AsSpan(at, Size)));
        return merkle.Root();
    }
}
