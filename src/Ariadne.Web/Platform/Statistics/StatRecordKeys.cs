using System.Security.Cryptography;

namespace Ariadne.Web.Platform.Statistics;

/// <summary>The record keys of the cell-key method: 32 bits of HMAC-SHA256 under a secret derived from the key ring, never stored.</summary>
public sealed class StatRecordKeys(byte[] secret)
{
    public long Of(string identity)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(secret, System.Text.Encoding.UTF8.GetBytes(identity), mac);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(mac);
    }
}
