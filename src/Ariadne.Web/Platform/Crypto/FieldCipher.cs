using System.Security.Cryptography;
using System.Text;

namespace Ariadne.Web.Platform.Crypto;

/// <summary>
/// AES-256-GCM for one field. The associated data binds the ciphertext to its table, column, row and
/// data key, so a value copied to another row or column fails to decrypt instead of being misread.
/// Layout: version (1) | nonce (12) | tag (16) | ciphertext.
/// </summary>
public static class FieldCipher
{
    private const byte Version = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public static byte[]? Encrypt(ReadOnlySpan<byte> key, string? plaintext, string table, string column, Guid rowId, Guid keyId)
    {
        if (plaintext is null)
            return null;
        var clear = Encoding.UTF8.GetBytes(plaintext);
        var output = EncryptBytes(key, clear, table, column, rowId, keyId);
        CryptographicOperations.ZeroMemory(clear);
        return output;
    }

    public static string? Decrypt(ReadOnlySpan<byte> key, byte[]? ciphertext, string table, string column, Guid rowId, Guid keyId) =>
        ciphertext is null ? null : Encoding.UTF8.GetString(DecryptBytes(key, ciphertext, table, column, rowId, keyId));

    /// <summary>The same format for binary content (supporting files).</summary>
    public static byte[] EncryptBytes(ReadOnlySpan<byte> key, ReadOnlySpan<byte> clear, string table, string column, Guid rowId, Guid keyId)
    {
        var output = new byte[1 + NonceSize + TagSize + clear.Length];
        output[0] = Version;
        var nonce = output.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, clear, output.AsSpan(1 + NonceSize + TagSize), output.AsSpan(1 + NonceSize, TagSize), Aad(table, column, rowId, keyId));
        return output;
    }

    public static byte[] DecryptBytes(ReadOnlySpan<byte> key, byte[] ciphertext, string table, string column, Guid rowId, Guid keyId)
    {
        if (ciphertext.Length < 1 + NonceSize + TagSize || ciphertext[0] != Version)
            throw new CryptographicException("Unknown ciphertext format.");
        var clear = new byte[ciphertext.Length - 1 - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(ciphertext.AsSpan(1, NonceSize), ciphertext.AsSpan(1 + NonceSize + TagSize), ciphertext.AsSpan(1 + NonceSize, TagSize), clear,
            Aad(table, column, rowId, keyId));
        return clear;
    }

    /// <summary>Wraps a data key under a master key, bound to the data key's id and the master key's id.</summary>
    public static byte[] Wrap(ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> dataKey, Guid dataKeyId, string masterKeyId)
    {
        var output = new byte[NonceSize + TagSize + dataKey.Length];
        RandomNumberGenerator.Fill(output.AsSpan(0, NonceSize));
        using var aes = new AesGcm(masterKey, TagSize);
        aes.Encrypt(output.AsSpan(0, NonceSize), dataKey, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), WrapAad(dataKeyId, masterKeyId));
        return output;
    }

    public static byte[] Unwrap(ReadOnlySpan<byte> masterKey, byte[] wrapped, Guid dataKeyId, string masterKeyId)
    {
        var key = new byte[wrapped.Length - NonceSize - TagSize];
        using var aes = new AesGcm(masterKey, TagSize);
        aes.Decrypt(wrapped.AsSpan(0, NonceSize), wrapped.AsSpan(NonceSize + TagSize), wrapped.AsSpan(NonceSize, TagSize), key, WrapAad(dataKeyId, masterKeyId));
        return key;
    }

    private static byte[] Aad(string table, string column, Guid rowId, Guid keyId) =>
        Encoding.UTF8.GetBytes($"ariadne/field/v1|{table}|{column}|{rowId:N}|{keyId:N}");

    private static byte[] WrapAad(Guid dataKeyId, string masterKeyId) =>
        Encoding.UTF8.GetBytes($"ariadne/datakey/v1|{dataKeyId:N}|{masterKeyId}");
}
