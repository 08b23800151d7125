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
    public ECDsa AuditSigningKey { get; }

    /// <summary>
    /// The key of each audit event's MAC, derived (HKDF-SHA256) from the audit signing key's private part:
    /// an event written by anyone without the key ring cannot carry a valid MAC.
    /// </summary>
    public byte[] AuditMacKey => _auditMacKey ??= HKDF.DeriveKey(HashAlgorithmName.SHA256, AuditSigningKey.ExportParameters(true).D!, 32,
        info: "ariadne-audit-event-mac/v1"u8.ToArray());

    private byte[]? _auditMacKey;
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
        var ring = new KeyRing("", [], RandomNumberGenerator.GetBytes(32), ECDsa.Create(ECCurve.NamedCurves.nistP256), file);
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
        return new KeyRing(model.ActiveMasterKey,
            model.MasterKeys.ToDictionary(kv => kv.Key, kv => Convert.FromBase64String(kv.Value)),
            Convert.FromBase64String(model.BlindIndexKey), signing, source);
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
    }
}
