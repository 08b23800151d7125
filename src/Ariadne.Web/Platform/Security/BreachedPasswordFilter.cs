using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Ariadne.Web.Platform.Security;

/// <summary>
/// An offline set of breached passwords (ASVS 6.2.12) as a Bloom filter over their SHA-1 digests, the form in which
/// Have I Been Pwned publishes them: a password is asked about without any call out (13.2.4), and the file holds no
/// password. A false positive refuses a good password (at the rate the file was built for, e.g. 0.1 %); there are no
/// false negatives. Built by the operator's verb <c>passwords breached-filter</c>.
/// <para>
/// File: the ASCII line <c>ariadne-breached-bloom-1</c>, then the number of probes k (int32), the number of bits m
/// (int64) and the number of entries n (int64), all little-endian, then ⌈m / 8⌉ bytes of bits. Probe i of a digest is
/// bit (h1 + i·h2) mod m, with h1 and h2 its first two big-endian 64-bit words (h2 made odd).
/// </para>
/// </summary>
public sealed class BreachedPasswordFilter
{
    private static readonly byte[] Magic = "ariadne-breached-bloom-1\n"u8.ToArray();
    private const int HeaderLength = 24 + 1 + 4 + 8 + 8;

    /// <summary>The largest filter: one array of bits (about 2 GiB), enough for about 1.2 billion entries at 0.1 %.</summary>
    public static readonly long MaxBits = Array.MaxLength * 8L;

    private readonly byte[] _bits;
    private readonly long _bitCount;

    private BreachedPasswordFilter(int probes, long bitCount, long entries, byte[] bits)
    {
        Probes = probes;
        _bitCount = bitCount;
        Entries = entries;
        _bits = bits;
    }

    public int Probes { get; }
    public long Entries { get; }

    /// <summary>The SHA-1 of the password as typed (UTF-8, no normalisation: the breach lists hold the exact strings).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350:Do not use weak cryptographic algorithms",
        Justification = "A lookup key matching the published breach lists, not a protection: the filter holds no password and SHA-1 protects nothing here.")]
    public static byte[] Digest(string password) => SHA1.HashData(Encoding.UTF8.GetBytes(password));

    public bool Contains(string password) => Contains(Digest(password));

    public bool Contains(ReadOnlySpan<byte> sha1)
    {
        var (h1, h2) = Words(sha1);
        for (var i = 0; i < Probes; i++)
        {
            var bit = (long)(unchecked(h1 + (ulong)i * h2) % (ulong)_bitCount);
            if ((_bits[bit >> 3] & (1 << (int)(bit & 7))) == 0)
                return false;
        }
        return true;
    }

    /// <summary>The size of a filter for <paramref name="entries"/> entries at the false-positive rate <paramref name="rate"/>.</summary>
    public static (int Probes, long Bits) Size(long entries, double rate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(entries, 1);
        if (rate is <= 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(rate));
        var bits = (long)Math.Ceiling(-entries * Math.Log(rate) / (Math.Log(2) * Math.Log(2)));
        var probes = (int)Math.Clamp(Math.Round(bits / (double)entries * Math.Log(2)), 1, 30);
        return (probes, Math.Max(bits, 64));
    }

    /// <summary>
    /// Writes a filter of <paramref name="entries"/> SHA-1 digests, sized for <paramref name="entries"/> at
    /// <paramref name="rate"/>; returns how many digests were added. Fewer digests than planned only lowers the rate.
    /// </summary>
    public static long Write(Stream output, IEnumerable<byte[]> digests, long entries, double rate)
    {
        var (probes, bitCount) = Size(entries, rate);
        if (bitCount > MaxBits)
            throw new ArgumentOutOfRangeException(nameof(entries), "The filter would exceed 2 GiB; raise the false-positive rate or keep fewer entries.");
        var bits = new byte[(bitCount + 7) / 8];
        long added = 0;
        foreach (var digest in digests)
        {
            var (h1, h2) = Words(digest);
            for (var i = 0; i < probes; i++)
            {
                var bit = (long)(unchecked(h1 + (ulong)i * h2) % (ulong)bitCount);
                bits[bit >> 3] |= (byte)(1 << (int)(bit & 7));
            }
            added++;
        }
        Span<byte> header = stackalloc byte[HeaderLength];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header[Magic.Length..], probes);
        BinaryPrimitives.WriteInt64LittleEndian(header[(Magic.Length + 4)..], bitCount);
        BinaryPrimitives.WriteInt64LittleEndian(header[(Magic.Length + 12)..], added);
        output.Write(header);
        output.Write(bits);
        return added;
    }

    /// <summary>Reads a filter; null, with the reason, when the file is not one or is cut short.</summary>
    public static BreachedPasswordFilter? Read(string path, out string? problem)
    {
        try
        {
            using var file = File.OpenRead(path);
            if (!TryHeader(file, out var probes, out var bitCount, out var entries, out problem))
                return null;
            var bits = new byte[(bitCount + 7) / 8];
            file.ReadExactly(bits);
            return new BreachedPasswordFilter(probes, bitCount, entries, bits);
        }
        catch (OutOfMemoryException)
        {
            problem = "larger than this node's memory allows";
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = "a file that cannot be read (" + ex.GetType().Name + ")";
            return null;
        }
    }

    /// <summary>Whether <paramref name="path"/> is a whole filter, by its header and length, without reading its bits (for the check at start).</summary>
    public static bool IsFilterFile(string path, out string? problem)
    {
        try
        {
            using var file = File.OpenRead(path);
            return TryHeader(file, out _, out _, out _, out problem);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = "a file that cannot be read (" + ex.GetType().Name + ")";
            return false;
        }
    }

    private static bool TryHeader(FileStream file, out int probes, out long bitCount, out long entries, out string? problem)
    {
        probes = 0;
        bitCount = entries = 0;
        problem = null;
        Span<byte> header = stackalloc byte[HeaderLength];
        if (file.ReadAtLeast(header, HeaderLength, throwOnEndOfStream: false) < HeaderLength || !header[..Magic.Length].SequenceEqual(Magic))
        {
            problem = "not a breached-password filter";
            return false;
        }
        probes = BinaryPrimitives.ReadInt32LittleEndian(header[Magic.Length..]);
        bitCount = BinaryPrimitives.ReadInt64LittleEndian(header[(Magic.Length + 4)..]);
        entries = BinaryPrimitives.ReadInt64LittleEndian(header[(Magic.Length + 12)..]);
        if (probes is < 1 or > 30 || bitCount < 64 || bitCount > MaxBits || entries < 0 || file.Length != HeaderLength + (bitCount + 7) / 8)
        {
            problem = "a damaged breached-password filter (its header does not match its length)";
            return false;
        }
        return true;
    }

    private static (ulong H1, ulong H2) Words(ReadOnlySpan<byte> sha1)
    {
        if (sha1.Length != 20)
            throw new ArgumentException("A SHA-1 digest has 20 bytes.", nameof(sha1));
        return (BinaryPrimitives.ReadUInt64BigEndian(sha1), BinaryPrimitives.ReadUInt64BigEndian(sha1[8..]) | 1);
    }
}
