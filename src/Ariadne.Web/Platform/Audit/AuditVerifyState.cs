using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ariadne.Web.Platform.Crypto;

namespace Ariadne.Web.Platform.Audit;

/// <summary>
/// What <c>audit verify --incremental FILE</c> remembers: the last signed checkpoint a verification found
/// intact, with every chain's head at it, under an HMAC whose key is derived (HKDF) from the key ring's audit
/// MAC key. The next run starts from those heads; a file written by anyone without the key ring is refused,
/// so that nobody can make the verifier skip what it has not verified.
/// </summary>
public sealed record AuditVerifyState(long CheckpointId, long TreeSize, string RootHash, string Heads, string Mac)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static AuditVerifyState Create(KeyRing keys, AuditCheckpoint checkpoint, IEnumerable<ChainHead> heads)
    {
        var encoded = Convert.ToBase64String(ChainHead.Encode(heads));
        var root = Convert.ToHexString(checkpoint.RootHash);
        return new AuditVerifyState(checkpoint.Id, checkpoint.TreeSize, root, encoded,
            Convert.ToBase64String(Compute(keys, checkpoint.Id, checkpoint.TreeSize, root, encoded)));
    }

    /// <summary>The heads this state vouches for, or null when the file was not written by this deployment's verifier.</summary>
    public List<ChainHead>? VerifiedHeads(KeyRing keys)
    {
        try
        {
            if (!CryptographicOperations.FixedTimeEquals(Compute(keys, CheckpointId, TreeSize, RootHash, Heads), Convert.FromBase64String(Mac)))
                return null;
            return ChainHead.Decode(Convert.FromBase64String(Heads));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static byte[] Compute(KeyRing keys, long id, long treeSize, string root, string heads)
    {
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, keys.AuditMacKey, 32, info: "ariadne-audit-verify-state/v1"u8.ToArray());
        return HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"ariadne-audit-verify-state/v1\n{id}\n{treeSize}\n{root}\n{heads}\n"));
    }

    public void Save(string file)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(folder))
            Directory.CreateDirectory(folder);
        var temporary = file + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, Json));
        File.Move(temporary, file, overwrite: true);
    }

    /// <summary>The state in the file; null when there is none yet (a first run verifies everything); a problem when it is unreadable.</summary>
    public static (AuditVerifyState? State, string? Problem) Load(string file)
    {
        if (!File.Exists(file))
            return (null, null);
        try
        {
            var state = JsonSerializer.Deserialize<AuditVerifyState>(File.ReadAllText(file));
            return state is null ? (null, $"the state file {file} is empty") : (state, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or NotSupportedException)
        {
            return (null, $"the state file {file} cannot be read ({ex.GetType().Name})");
        }
    }
}
