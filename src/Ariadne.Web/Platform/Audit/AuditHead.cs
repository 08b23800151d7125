using System.Security.Cryptography;
using System.Text.Json;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ariadne.Web.Platform.Audit;

/// <summary>
/// The latest signed checkpoint as kept outside the database (<c>Audit:HeadCopyFile</c>, read by
/// <c>audit verify --head-file</c>): whoever rewrites or cuts the trail in the database cannot reach it.
/// A head of a version 2 checkpoint carries every chain's head (<see cref="Heads"/>, base64 of <see cref="ChainHead.Encode"/>).
/// </summary>
public sealed record AuditHead(long TreeSize, string RootHash, long CreatedAtMs, string Signature, string KeyId, string? Heads = null)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static AuditHead From(AuditCheckpoint c) =>
        new(c.TreeSize, Convert.ToHexString(c.RootHash), c.CreatedAt.ToUnixTimeMilliseconds(), Convert.ToBase64String(c.Signature), c.KeyId,
            c.Heads is null ? null : Convert.ToBase64String(c.Heads));

    /// <summary>The chains' heads of a version 2 head (signature not checked here), or null for version 1.</summary>
    public List<ChainHead>? ChainHeads() => Heads is null ? null : ChainHead.Decode(Convert.FromBase64String(Heads));

    public void Save(string file)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(folder))
            Directory.CreateDirectory(folder);
        var temporary = file + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, Json));
        File.Move(temporary, file, overwrite: true);
    }

    /// <summary>The head in the file, or null with the reason it cannot be used.</summary>
    public static (AuditHead? Head, string? Problem) Load(string file)
    {
        try
        {
            var head = JsonSerializer.Deserialize<AuditHead>(File.ReadAllText(file));
            return head is null ? (null, $"the head copy {file} is empty") : (head, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or NotSupportedException)
        {
            return (null, $"the head copy {file} cannot be read ({ex.GetType().Name})");
        }
    }

    /// <summary>Whether the ring's audit signing key, or a retired one before its retirement, signed this head (and, for version 2, the heads make up its root and size).</summary>
    public bool IsSignedBy(KeyRing keys)
    {
        try
        {
            var root = Convert.FromHexString(RootHash);
            if (Heads is not null)
            {
                var encoded = Convert.FromBase64String(Heads);
                if (ChainHead.Decode(encoded) is not { } heads || heads.Sum(h => h.Position) != TreeSize
                    || !CryptographicOperations.FixedTimeEquals(ChainHead.Root(encoded), root))
                    return false;
            }
            var at = DateTimeOffset.FromUnixTimeMilliseconds(CreatedAtMs);
            return keys.VerifySigned(KeyId, at, AuditHashing.CheckpointStatement(TreeSize, root, at, Heads is not null), Convert.FromBase64String(Signature));
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
