using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Ariadne.Web.Platform.Crypto;

/// <summary>
/// Seals each ASP.NET Core Data Protection key (the keys behind session cookies, antiforgery tokens and the
/// TOTP-pending cookies) before it is stored in the database's <c>data_protection_keys</c> table: AES-256-GCM under
/// a key derived (HKDF-SHA256) from the key ring's active master key, which never enters the database. Someone who
/// reads the database alone cannot mint a session cookie any more (ASVS 13.3.1). The sealed element names the
/// master key it was sealed under, so keys sealed before a <c>keys rotate</c> still open while that master key is
/// in the ring. Keys written before this existed stay readable (Data Protection reads unsealed keys as they are)
/// and age out with their 90-day lifetime.
/// </summary>
public sealed class KeyRingXmlEncryptor(Func<KeyRing> keyRing) : IXmlEncryptor
{
    /// <summary>The ring is asked for only when a key is sealed: verbs that never touch a key (e.g. <c>migrate</c>) run without one.</summary>
    public KeyRingXmlEncryptor(KeyRing ring) : this(() => ring)
    {
    }

    internal static readonly XName Element = "sealedKey";
    internal const int Version = 1;
    private const int NonceSize = 12, TagSize = 16;

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var ring = keyRing();
        var masterKeyId = ring.ActiveMasterKeyId;
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealedBytes = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(DeriveKey(ring, masterKeyId), TagSize))
            aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), AssociatedData(masterKeyId));
        CryptographicOperations.ZeroMemory(plaintext);
        var element = new XElement(Element,
            new XAttribute("version", Version.ToString(CultureInfo.InvariantCulture)),
            new XAttribute("masterKeyId", masterKeyId),
            new XComment(" Sealed with the Ariadne key ring (AES-256-GCM); the master key is not in the database. "),
            Convert.ToBase64String(sealedBytes));
        return new EncryptedXmlInfo(element, typeof(KeyRingXmlDecryptor));
    }

    private static readonly XNamespace DataProtection = "http://schemas.asp.net/2015/03/dataProtection";

    /// <summary>
    /// One stored key's XML made ready for the ring's active master key (for <c>keys rotate</c>, before old master
    /// keys leave the ring): each part sealed under another master key is sealed again, and each part still in clear
    /// (written before sealing existed) is sealed, the way Data Protection itself wraps a secret. Null when nothing
    /// changed.
    /// </summary>
    public static string? Reseal(string xml, KeyRing ring)
    {
        var root = XElement.Parse(xml);
        var changed = false;
        var encryptor = new KeyRingXmlEncryptor(ring);
        var decryptor = new KeyRingXmlDecryptor(new SingleService(ring));
        foreach (var sealedPart in root.Descendants(Element).ToList())
        {
            if ((string?)sealedPart.Attribute("masterKeyId") == ring.ActiveMasterKeyId)
                continue;
            sealedPart.ReplaceWith(encryptor.Encrypt(decryptor.Decrypt(sealedPart)).EncryptedElement);
            changed = true;
        }
        foreach (var clear in root.Descendants().Where(e => (bool?)e.Attribute(DataProtection + "requiresEncryption") == true).ToList())
        {
            var info = encryptor.Encrypt(clear);
            clear.ReplaceWith(new XElement(DataProtection + "encryptedSecret",
                new XAttribute("decryptorType", info.DecryptorType.AssemblyQualifiedName!), info.EncryptedElement));
            changed = true;
        }
        return changed ? root.ToString(SaveOptions.DisableFormatting) : null;
    }

    private sealed class SingleService(KeyRing ring) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(KeyRing) ? ring : null;
    }

    internal static byte[] DeriveKey(KeyRing ring, string masterKeyId) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, ring.MasterKey(masterKeyId), 32, info: "ariadne-data-protection-xml/v1"u8.ToArray());

    internal static byte[] AssociatedData(string masterKeyId) => Encoding.UTF8.GetBytes("ariadne-data-protection-xml/v1:" + masterKeyId);
}
