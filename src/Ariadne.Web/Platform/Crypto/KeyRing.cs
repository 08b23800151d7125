using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ariadne.Web.Platform.Crypto;

/// <summary>
/// The secrets that never enter the database: master keys (which wrap the per-person data keys), the
/// blind-index key and the audit signing key. Read from a key file (<c>Crypto:KeyRingFile</c>) or from
/// the environment (<c>ARIADNE_KEYRING</c>, the same JSON). Rotation writes the file anew.
/// </summary>
public sealed class KeyRing
{
    public const string EnvironmentVariable = "ARIADNE_KEYRING";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
    private readonly Dictionary<string, byte[]> _masterKeys;

    private KeyRing(string activeMasterKeyId, Dictionary<string, byte[]> masterKeys, byte[] blindIndexKey, ECDsa signingKey, string? file)
    {
        ActiveMasterKeyId = activeMasterKeyId;
        _masterKeys = masterKeys;
        BlindIndexKey = blindIndexKey;
        AuditSigningKey = signingKey;
        File = file;
    }

    public string ActiveMasterKeyId { get; private set; }
    public byte[] BlindIndexKey { get; }

    /// <summary>The active audit signing key: it signs new checkpoints and evidence seals.</summary>
    public ECDsa AuditSigningKey { get; private set; }

    /// <summary>The active signing key's id (SHA-256 of its public key, hex), as checkpoints and seals record it.</summary>
    public string AuditSigningKeyId => _auditSigningKeyId ??= SigningKeyIdOf(AuditSigningKey);

    private string? _auditSigningKeyId;

    /// <summary>When the active signing key was made; null for a ring written before key ages were recorded.</summary>
    public DateTimeOffset? AuditSigningKeySince { get; private set; }

    /// <summary>Signing keys rotated out: their public part only, kept to verify what they signed before they were retired.</summary>
    public IReadOnlyList<RetiredSigningKey> RetiredSigningKeys => _retiredSigningKeys;

    private readonly List<RetiredSigningKey> _retiredSigningKeys = [];

    /// <summary>
    /// The key of each audit event's MAC, derived (HKDF-SHA256) from the first audit signing key's private part: an event
    /// written by anyone without the key ring cannot carry a valid MAC. Events carry no key id, so the MAC key outlives a
    /// rotation of the signing key: the first rotation writes it into the ring (<c>auditMacKey</c>).
    /// </summary>
    public byte[] AuditMacKey => _auditMacKey ??= HKDF.DeriveKey(HashAlgorithmName.SHA256, AuditSigningKey.ExportParameters(true).D!, 32,
        info: "ariadne-audit-event-mac/v1"u8.ToArray());

    private byte[]? _auditMacKey;

    /// <summary>Whether <see cref="AuditMacKey"/> is kept in the ring file (after a signing-key rotation) rather than derived.</summary>
    private bool _auditMacKeyPinned;

    /// <summary>
    /// Whether <paramref name="signature"/> over <paramref name="data"/> was made by the signing key <paramref name="keyId"/> names:
    /// the active key, or a retired one for what it signed before its retirement. An unknown key, or a retired key's signature
    /// dated at or after its retirement, is refused. The date is the signer's word: a stolen retired key can still backdate, which
    /// is why a rotation re-seals the evidence under the new key and the verifier refuses a retired key's checkpoint that comes
    /// after a later key's (<see cref="SigningKeyRank"/>).
    /// </summary>
    public bool VerifySigned(string? keyId, DateTimeOffset signedAt, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (keyId is null)
            return false;
        if (string.Equals(keyId, AuditSigningKeyId, StringComparison.Ordinal))
            return AuditSigningKey.VerifyData(data, signature, HashAlgorithmName.SHA256);
        var retired = _retiredSigningKeys.FirstOrDefault(r => string.Equals(r.KeyId, keyId, StringComparison.Ordinal));
        return retired is not null && signedAt < retired.RetiredAt
            && retired.PublicKey.VerifyData(data, signature, HashAlgorithmName.SHA256);
    }

    /// <summary>The order of the signing keys: 0 for the first retired, … , the active key last; -1 for a key this ring does not know.</summary>
    public int SigningKeyRank(string? keyId)
    {
        if (string.Equals(keyId, AuditSigningKeyId, StringComparison.Ordinal))
            return _retiredSigningKeys.Count;
        return _retiredSigningKeys.FindIndex(r => string.Equals(r.KeyId, keyId, StringComparison.Ordinal));
    }

    /// <summary>
    /// Whether the ring file this ring came from now lists this process's signing key as retired: <c>keys rotate-signing</c> ran
    /// and this node was not restarted. Such a node must not sign (its signatures would be dated after the retirement). False
    /// when the ring came from the environment or the file cannot be read.
    /// </summary>
    public bool SigningKeyRetiredOnDisk()
    {
        if (File is null)
            return false;
        try
        {
            var model = JsonSerializer.Deserialize<KeyRingFile>(System.IO.File.ReadAllText(File));
            return model?.RetiredSigningKeys.Any(r => string.Equals(r.KeyId, AuditSigningKeyId, StringComparison.Ordinal)) == true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// A new audit signing key (ECDSA P-256) becomes the active one; the old one's public part is kept, with the time it was
    /// retired, to verify the checkpoints and seals it signed. Its private part is dropped. The events' MAC key stays as it was.
    /// </summary>
    public string RotateSigningKey(TimeProvider time)
    {
        var now = time.GetUtcNow();
        _auditMacKey = AuditMacKey;
        _auditMacKeyPinned = true;
        var old = AuditSigningKey;
        var publicPart = ECDsa.Create();
        publicPart.ImportSubjectPublicKeyInfo(old.ExportSubjectPublicKeyInfo(), out _);
        _retiredSigningKeys.Add(new RetiredSigningKey(AuditSigningKeyId, publicPart, now));
        AuditSigningKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        AuditSigningKeySince = now;
        _auditSigningKeyId = null;
        old.Dispose();
        return AuditSigningKeyId;
    }

    /// <summary>A signing key's id: SHA-256 of its SubjectPublicKeyInfo, lower-case hex.</summary>
    public static string SigningKeyIdOf(ECDsa key) => Convert.ToHexString(SHA256.HashData(key.ExportSubjectPublicKeyInfo())).ToLowerInvariant();

    /// <summary>When a master key was made, read from its id (<c>mk-yyyyMMddHHmmss-…</c>); null for an id of another form.</summary>
    public static DateTimeOffset? MasterKeySince(string id) =>
        id.Length >= 17 && id.StartsWith("mk-", StringComparison.Ordinal)
        && DateTimeOffset.TryParseExact(id.AsSpan(3, 14), "yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var since)
            ? since
            : null;

    /// <summary>The file it came from; null when it came from the environment.</summary>
    public string? File { get; }
    public IReadOnlyCollection<string> MasterKeyIds => _masterKeys.Keys;

    public byte[] MasterKey(string id) =>
        _masterKeys.TryGetValue(id, out var key) ? key : throw new CryptographicException($"Master key '{id}' is not in the key ring.");

    /// <summary>Adds a fresh master key and makes it the active one.</summary>
    public string AddMasterKey(TimeProvider time)
    {
        var id = "mk-" + time.GetUtcNow().ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture) + "-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(3)).ToLowerInvariant();
        _masterKeys[id] = RandomNumberGenerator.GetBytes(32);
        ActiveMasterKeyId = id;
        return id;
    }

    public void RemoveMasterKey(string id)
    {
        if (id == ActiveMasterKeyId)
            throw new InvalidOperationException("The active master key cannot be removed.");
        CryptographicOperations.ZeroMemory(_masterKeys[id]);
        _masterKeys.Remove(id);
    }

    public static KeyRing Create(TimeProvider time, string? file)
    {
        var ring = new KeyRing("", [], RandomNumberGenerator.GetBytes(32), ECDsa.Create(ECCurve.NamedCurves.nistP256), file)
        {
            AuditSigningKeySince = time.GetUtcNow(),
        };
        ring.AddMasterKey(time);
        return ring;
    }

    /// <summary>The ring from <see cref="EnvironmentVariable"/> or else the file; the demo passes <paramref name="fileOnly"/> and never sees production's.</summary>
    public static KeyRing? Load(string? file, bool fileOnly = false)
    {
        var json = fileOnly ? null : Environment.GetEnvironmentVariable(EnvironmentVariable);
        string? source = null;
        if (string.IsNullOrWhiteSpace(json))
        {
            if (file is null || !System.IO.File.Exists(file))
                return null;
            json = System.IO.File.ReadAllText(file);
            source = file;
        }
        var model = JsonSerializer.Deserialize<KeyRingFile>(json) ?? throw new CryptographicException("The key ring is empty.");
        var signing = ECDsa.Create();
        signing.ImportFromPem(model.AuditSigningKey);
        var ring = new KeyRing(model.ActiveMasterKey,
            model.MasterKeys.ToDictionary(kv => kv.Key, kv => Convert.FromBase64String(kv.Value)),
            Convert.FromBase64String(model.BlindIndexKey), signing, source)
        {
            AuditSigningKeySince = model.AuditSigningKeySince,
            _auditMacKey = model.AuditMacKey is { } mac ? Convert.FromBase64String(mac) : null,
            _auditMacKeyPinned = model.AuditMacKey is not null,
        };
        // After a rotation the MAC key is no longer the active signing key's: without it every event's MAC would fail.
        if (model.RetiredSigningKeys.Count > 0 && model.AuditMacKey is null)
            throw new CryptographicException("The key ring has retired signing keys but no audit MAC key (auditMacKey).");
        foreach (var retired in model.RetiredSigningKeys)
        {
            var key = ECDsa.Create();
            key.ImportFromPem(retired.PublicKey);
            if (SigningKeyIdOf(key) != retired.KeyId)
                throw new CryptographicException("A retired signing key in the key ring does not match its id.");
            ring._retiredSigningKeys.Add(new RetiredSigningKey(retired.KeyId, key, retired.RetiredAt));
        }
        return ring;
    }

    /// <summary>Writes the ring to its file, readable by the owner only, replacing the old one atomically.</summary>
    public void Save(string file)
    {
        var model = new KeyRingFile
        {
            ActiveMasterKey = ActiveMasterKeyId,
            MasterKeys = _masterKeys.ToDictionary(kv => kv.Key, kv => Convert.ToBase64String(kv.Value)),
            BlindIndexKey = Convert.ToBase64String(BlindIndexKey),
            AuditSigningKey = AuditSigningKey.ExportPkcs8PrivateKeyPem(),
            AuditSigningKeySince = AuditSigningKeySince,
            AuditMacKey = _auditMacKeyPinned ? Convert.ToBase64String(AuditMacKey) : null,
            RetiredSigningKeys = _retiredSigningKeys.Select(r => new RetiredSigningKeyFile
            {
                KeyId = r.KeyId,
                PublicKey = r.PublicKey.ExportSubjectPublicKeyInfoPem(),
                RetiredAt = r.RetiredAt,
            }).ToList(),
        };
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        var temporary = file + ".tmp";
        System.IO.File.WriteAllText(temporary, JsonSerializer.Serialize(model, Indented));
        if (!OperatingSystem.IsWindows())
            System.IO.File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        System.IO.File.Move(temporary, file, overwrite: true);
    }

    private sealed class KeyRingFile
    {
        [JsonPropertyName("activeMasterKey")] public string ActiveMasterKey { get; set; } = "";
        [JsonPropertyName("masterKeys")] public Dictionary<string, string> MasterKeys { get; set; } = [];
        [JsonPropertyName("blindIndexKey")] public string BlindIndexKey { get; set; } = "";
        [JsonPropertyName("auditSigningKey")] public string AuditSigningKey { get; set; } = "";
        [JsonPropertyName("auditSigningKeySince")] public DateTimeOffset? AuditSigningKeySince { get; set; }
        [JsonPropertyName("auditMacKey")] public string? AuditMacKey { get; set; }
        [JsonPropertyName("retiredSigningKeys")] public List<RetiredSigningKeyFile> RetiredSigningKeys { get; set; } = [];
    }

    private sealed class RetiredSigningKeyFile
    {
        [JsonPropertyName("keyId")] public string KeyId { get; set; } = "";
        [JsonPropertyName("publicKey")] public string PublicKey { get; set; } = "";
        [JsonPropertyName("retiredAt")] public DateTimeOffset RetiredAt { get; set; }
    }
}
