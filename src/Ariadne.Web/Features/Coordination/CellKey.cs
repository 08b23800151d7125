using System.Security.Cryptography;

namespace Ariadne.Web.Features.Coordination;

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
