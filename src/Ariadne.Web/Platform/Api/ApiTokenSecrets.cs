using System.Security.Cryptography;
using System.Text;

namespace Ariadne.Web.Platform.Api;

/// <summary>Makes and hashes API token secrets. A secret is 256 random bits; only its SHA-256 is stored.</summary>
public static class ApiTokenSecrets
{
    public const string Marker = "ariadne_";

    public static (string Secret, string Prefix, byte[] Hash) Create()
    {
        var secret = Marker + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        return (secret, secret[..(Marker.Length + 6)], Hash(secret));
    }

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
