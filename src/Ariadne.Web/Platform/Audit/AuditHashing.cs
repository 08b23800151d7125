using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Ariadne.Web.Platform.Audit;

/// <summary>
/// The event hash (SHA-256 over a length-prefixed encoding of every field and the previous hash) and
/// the Merkle tree hash of RFC 9162 §2.1 (leaf = H(0x00 || event hash), node = H(0x01 || left || right)).
/// Version 1 (events without a <see cref="AuditEvent.Position"/>, written before chains) hashes the sequence
/// and the fields; version 2 starts with a domain tag and adds the chain and the place in it, so that an
/// event cannot be moved to another chain or place, nor passed off as version 1. Version 3 (events with a
/// <see cref="AuditEvent.Node"/> or a <see cref="AuditEvent.ClientAddress"/>) has its own tag and adds where the event was written: the node and the client's address.
/// </summary>
public static class AuditHashing
{
    public static readonly byte[] Genesis = new byte[32];

    [ThreadStatic]
    private static ArrayBufferWriterLite? _buffer;

    public static byte[] EventHash(AuditEvent e)
    {
        var buffer = _buffer ??= new ArrayBufferWriterLite();
        buffer.Reset();
        // Version 3 when either "where" field is set: an address planted on an older event changes its hash. A writer always gives a
        // v3 event its place; a row without one hashes with place -1, which no writer produced, so it is named, not thrown on.
        var v3 = e.Node is not null || e.ClientAddress is not null;
        if (v3)
        {
            buffer.Raw(V3Tag);
            buffer.Int64(e.Sequence);
            buffer.Int64(e.Chain);
            buffer.Int64(e.Position ?? -1);
        }
        else if (e.Position is { } position)
        {
            buffer.Raw(V2Tag);
            buffer.Int64(e.Sequence);
            buffer.Int64(e.Chain);
            buffer.Int64(position);
        }
        else
            buffer.Int64(e.Sequence);
        buffer.Int64(e.At.ToUnixTimeMilliseconds());
        buffer.Guid(e.ActorUserId);
        buffer.Guid(e.ActorInstitutionId);
        buffer.Text(e.Action);
        buffer.Text(e.TargetType);
        buffer.Guid(e.TargetId);
        buffer.Guid(e.CaseId);
        buffer.Text(e.Relation);
        buffer.Text(e.Purpose);
        buffer.Text(e.Outcome);
        if (v3)
        {
            buffer.Text(e.Node);
            buffer.Text(e.ClientAddress);
        }
        buffer.Bytes(e.PreviousHash);
        return SHA256.HashData(buffer.Written);
    }

    private static ReadOnlySpan<byte> V2Tag => "ariadne-audit-event/v2\n"u8;

    private static ReadOnlySpan<byte> V3Tag => "ariadne-audit-event/v3\n"u8;

    /// <summary>RFC 9162 leaf hash of any data: H(0x00 || data).</summary>
    public static byte[] LeafHashOf(ReadOnlySpan<byte> data)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([0x00]);
        hash.AppendData(data);
        return hash.GetHashAndReset();
    }

    public static byte[] LeafHash(ReadOnlySpan<byte> eventHash)
    {
        Span<byte> input = stackalloc byte[1 + 32];
        input[0] = 0x00;
        eventHash.CopyTo(input[1..]);
        return SHA256.HashData(input);
    }

    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> input = stackalloc byte[1 + 64];
        input[0] = 0x01;
        left.CopyTo(input[1..]);
        right.CopyTo(input[33..]);
        return SHA256.HashData(input);
    }

    /// <summary>The event's MAC: HMAC-SHA256 over its hash (which covers every field and the previous hash).</summary>
    public static byte[] EventMac(byte[] macKey, ReadOnlySpan<byte> eventHash) => HMACSHA256.HashData(macKey, eventHash);

    /// <summary>The text a checkpoint signature covers.</summary>
    public static byte[] CheckpointStatement(long treeSize, byte[] root, DateTimeOffset at) =>
        Encoding.UTF8.GetBytes($"ariadne-audit-checkpoint/v1\n{treeSize}\n{Convert.ToHexString(root)}\n{at.ToUnixTimeMilliseconds()}\n");

    /// <summary>The text a version 2 checkpoint signature covers: the root is the Merkle tree hash over every chain's head.</summary>
    public static byte[] CheckpointStatementV2(long treeSize, byte[] root, DateTimeOffset at) =>
        Encoding.UTF8.GetBytes($"ariadne-audit-checkpoint/v2\n{treeSize}\n{Convert.ToHexString(root)}\n{at.ToUnixTimeMilliseconds()}\n");

    /// <summary>The statement of a checkpoint of either version.</summary>
    public static byte[] CheckpointStatement(long treeSize, byte[] root, DateTimeOffset at, bool chains) =>
        chains ? CheckpointStatementV2(treeSize, root, at) : CheckpointStatement(treeSize, root, at);

    private sealed class ArrayBufferWriterLite
    {
        private byte[] _buffer = new byte[256];
        private int _length;

        public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _length);

        public void Reset() => _length = 0;

        private Span<byte> Take(int count)
        {
            if (_length + count > _buffer.Length)
                Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
            var span = _buffer.AsSpan(_length, count);
            _length += count;
            return span;
        }

        public void Raw(ReadOnlySpan<byte> value) => value.CopyTo(Take(value.Length));

        public void Int64(long value) => BinaryPrimitives.WriteInt64BigEndian(Take(8), value);

        public void Guid(Guid? value)
        {
            if (value is null)
                Take(1)[0] = 0;
            else
            {
                Take(1)[0] = 1;
                value.Value.TryWriteBytes(Take(16), bigEndian: true, out _);
            }
        }

        public void Text(string? value)
        {
            if (value is null)
            {
                BinaryPrimitives.WriteInt32BigEndian(Take(4), -1);
                return;
            }
            var count = Encoding.UTF8.GetByteCount(value);
            BinaryPrimitives.WriteInt32BigEndian(Take(4), count);
            Encoding.UTF8.GetBytes(value, Take(count));
        }

        public void Bytes(ReadOnlySpan<byte> value)
        {
            BinaryPrimitives.WriteInt32BigEndian(Take(4), value.Length);
            value.CopyTo(Take(value.Length));
        }
    }
}
