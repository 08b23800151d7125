using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Ariadne.Web.Platform.Crypto;

/// <summary>Opens what <see cref="KeyRingXmlEncryptor"/> sealed. Data Protection creates it with the service provider.</summary>
public sealed class KeyRingXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    private const int NonceSize = 12, TagSize = 16;

    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        if (encryptedElement.Name != KeyRingXmlEncryptor.Element
            || (string?)encryptedElement.Attribute("version") != KeyRingXmlEncryptor.Version.ToString(CultureInfo.InvariantCulture)
            || (string?)encryptedElement.Attribute("masterKeyId") is not { Length: > 0 } masterKeyId)
            throw new CryptographicException("Not a data-protection key sealed by the key ring.");
        var ring = services.GetRequiredService<KeyRing>();
        var sealedBytes = Convert.FromBase64String(encryptedElement.Value.Trim());
        if (sealedBytes.Length < NonceSize + TagSize)
            throw new CryptographicException("A sealed data-protection key is truncated.");
        var plaintext = new byte[sealedBytes.Length - NonceSize - TagSize];
        using (var aes = new AesGcm(KeyRingXmlEncryptor.DeriveKey(ring, masterKeyId), TagSize))
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plaintext,
                KeyRingXmlEncryptor.AssociatedData(masterKeyId));
        try
        {
            return XElement.Parse(Encoding.UTF8.GetString(plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}
