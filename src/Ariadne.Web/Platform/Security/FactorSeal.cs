using System.Security.Cryptography;
using System.Text;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Platform.Security;

/// <summary>
/// Seals the second factors' secrets before they are stored: the authenticator (TOTP) seed and each passkey's public
/// key. AES-256-GCM under a key derived (HKDF-SHA256) from a master key of the key ring, which never enters the
/// database, with the account (and, for a passkey, its credential id) in the associated data. So someone who can read
/// the database learns no TOTP seed, and someone who can write it cannot plant a seed or a passkey of their own, nor
/// move one sealed value to another account: what does not open is no factor at all (ASVS 6.7.1, 14.2.4).
/// Layout: "ASF1" | length of the master key id (1) | master key id | nonce (12) | tag (16) | ciphertext.
/// </summary>
public static class FactorSeal
{
    public const string Totp = "totp";
    public const string Passkey = "passkey";
    public const string PendingTotp = "totp-pending";
    /// <summary>The authenticator seed's row in Identity's token table (Identity's own names).</summary>
    public const string TokenProvider = "[AspNetUserStore]", TokenName = "AuthenticatorKey";
    /// <summary>A replacement seed waiting for its first code (<c>Account/Mfa/Setup</c>): sealed the same way.</summary>
    public const string PendingTokenProvider = "[Ariadne]", PendingTokenName = "PendingAuthenticatorKey";
    private const string TextPrefix = "sealed1:";
    private const int NonceSize = 12, TagSize = 16;
    private static ReadOnlySpan<byte> Magic => "ASF1"u8;

    public static byte[] Seal(KeyRing ring, string purpose, Guid userId, ReadOnlySpan<byte> context, ReadOnlySpan<byte> clear)
    {
        var id = Encoding.ASCII.GetBytes(ring.ActiveMasterKeyId);
        var head = Magic.Length + 1 + id.Length;
        var output = new byte[head + NonceSize + TagSize + clear.Length];
        Magic.CopyTo(output);
        output[Magic.Length] = checked((byte)id.Length);
        id.CopyTo(output.AsSpan(Magic.Length + 1));
        var nonce = output.AsSpan(head, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(Key(ring, ring.ActiveMasterKeyId), TagSize);
        aes.Encrypt(nonce, clear, output.AsSpan(head + NonceSize + TagSize), output.AsSpan(head + NonceSize, TagSize),
            AssociatedData(purpose, userId, ring.ActiveMasterKeyId, context));
        return output;
    }

    /// <summary>The clear secret, or null when the stored value is not sealed, was sealed for another account or credential, under a master key no longer in the ring, or was altered.</summary>
    public static byte[]? Open(KeyRing ring, string purpose, Guid userId, ReadOnlySpan<byte> context, byte[] stored)
    {
        if (MasterKeyIdOf(stored) is not { } id || !ring.MasterKeyIds.Contains(id))
            return null;
        var head = Magic.Length + 1 + id.Length;
        if (stored.Length < head + NonceSize + TagSize)
            return null;
        var clear = new byte[stored.Length - head - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(Key(ring, id), TagSize);
            aes.Decrypt(stored.AsSpan(head, NonceSize), stored.AsSpan(head + NonceSize + TagSize), stored.AsSpan(head + NonceSize, TagSize), clear,
                AssociatedData(purpose, userId, id, context));
            return clear;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>The master key a value was sealed under; null when it is not sealed.</summary>
    public static string? MasterKeyIdOf(byte[] stored)
    {
        if (stored.Length < Magic.Length + 1 || !stored.AsSpan(0, Magic.Length).SequenceEqual(Magic))
            return null;
        var length = stored[Magic.Length];
        return stored.Length < Magic.Length + 1 + length ? null : Encoding.ASCII.GetString(stored, Magic.Length + 1, length);
    }

    public static string SealText(KeyRing ring, string purpose, Guid userId, string clear) =>
        TextPrefix + Convert.ToBase64String(Seal(ring, purpose, userId, [], Encoding.UTF8.GetBytes(clear)));

    public static string? OpenText(KeyRing ring, string purpose, Guid userId, string stored) =>
        BytesOfText(stored) is { } bytes && Open(ring, purpose, userId, [], bytes) is { } clear ? Encoding.UTF8.GetString(clear) : null;

    private static byte[]? BytesOfText(string stored)
    {
        if (!stored.StartsWith(TextPrefix, StringComparison.Ordinal))
            return null;
        try
        {
            return Convert.FromBase64String(stored[TextPrefix.Length..]);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// Every stored seed and passkey key sealed under the ring's active master key (for <c>keys rotate</c>, before the
    /// old master keys leave the ring). With <paramref name="sealClear"/>, values still in clear are sealed too: only
    /// the migration that introduces sealing does that, once (<see cref="Migrator"/>); at any other time a clear value
    /// is something written around the application and stays refused. Values that do not open are left as they are.
    /// </summary>
    public static async Task<(int Seeds, int Passkeys)> ResealAllAsync(AriadneDbContext db, KeyRing ring, bool sealClear, CancellationToken cancellationToken)
    {
        var seeds = 0;
        foreach (var token in await db.UserTokens.Where(t => t.LoginProvider == TokenProvider && t.Name == TokenName && t.Value != null).ToListAsync(cancellationToken))
        {
            var bytes = BytesOfText(token.Value!);
            string? clear = bytes is null
                ? (sealClear ? token.Value : null)
                : MasterKeyIdOf(bytes) == ring.ActiveMasterKeyId ? null : OpenText(ring, Totp, token.UserId, token.Value!);
            if (clear is null)
                continue;
            token.Value = SealText(ring, Totp, token.UserId, clear);
            seeds++;
        }
        var passkeys = 0;
        foreach (var passkey in await db.UserPasskeys.ToListAsync(cancellationToken))
        {
            var stored = passkey.Data.PublicKey;
            var id = MasterKeyIdOf(stored);
            var clear = id is null
                ? (sealClear ? stored : null)
                : id == ring.ActiveMasterKeyId ? null : Open(ring, Passkey, passkey.UserId, passkey.CredentialId, stored);
            if (clear is null)
                continue;
            passkey.Data.PublicKey = Seal(ring, Passkey, passkey.UserId, passkey.CredentialId, clear);
            passkeys++;
        }
        await db.SaveChangesAsync(cancellationToken);
        return (seeds, passkeys);
    }

    private static byte[] Key(KeyRing ring, string masterKeyId) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, ring.MasterKey(masterKeyId), 32, info: "ariadne-factor-seal/v1"u8.ToArray());

    private static byte[] AssociatedData(string purpose, Guid userId, string masterKeyId, ReadOnlySpan<byte> context) =>
        Encoding.UTF8.GetBytes($"ariadne-factor-seal/v1|{purpose}|{userId:N}|{masterKeyId}|{Convert.ToBase64String(context)}");
}
