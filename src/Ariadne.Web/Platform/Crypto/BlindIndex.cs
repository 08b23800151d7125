using System.Security.Cryptography;
using System.Text;

namespace Ariadne.Web.Platform.Crypto;

/// <summary>
/// Keyed HMAC-SHA256 of a normalised value, for exact-match search over encrypted fields (document
/// numbers, phones). Without the key an index value reveals nothing and cannot be brute-forced offline.
/// </summary>
public sealed class BlindIndex(KeyRing keys)
{
    public byte[]? DocumentNumber(string? value) => Compute("document", NormalizeDocument(value));

    public byte[]? Phone(string? value) => Compute("phone", NormalizePhone(value));

    /// <summary>A keyed match key (base64) of an already normalised value under a purpose ("entity|Phone"); null for null.</summary>
    public string? Key(string purpose, string? normalized) => Compute(purpose, normalized) is { } h ? Convert.ToBase64String(h) : null;

    /// <summary>A keyed fingerprint of a request body that holds personal data (idempotency), hex.</summary>
    public string Fingerprint(string body) => Convert.ToHexString(Compute("request", body)!);

    /// <summary>Upper-case letters and digits only: "AZE 123-456" and "aze123456" are one document.</summary>
    public static string? NormalizeDocument(string? value)
    {
        var normalized = new string((value ?? "").Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        return normalized.Length == 0 ? null : normalized;
    }

    /// <summary>Digits only (E.164 without the plus): "+994 50 123 45 67" and "994501234567" are one phone.</summary>
    public static string? NormalizePhone(string? value)
    {
        var digits = new string((value ?? "").Where(char.IsAsciiDigit).ToArray());
        if (digits.StartsWith("00", StringComparison.Ordinal))
            digits = digits[2..];
        return digits.Length == 0 ? null : digits;
    }

    private byte[]? Compute(string purpose, string? normalized) =>
        normalized is null ? null : HMACSHA256.HashData(keys.BlindIndexKey, Encoding.UTF8.GetBytes(purpose + "|" + normalized));
}
