namespace Ariadne.Web.Platform.Audit;

/// <summary>A signed Merkle root (RFC 9162) over the first <see cref="TreeSize"/> events.</summary>
public sealed class AuditCheckpoint
{
    public long Id { get; set; }
    public long TreeSize { get; set; }
    public required byte[] RootHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required byte[] Signature { get; set; }
    /// <summary>SHA-256 of the signing public key (SubjectPublicKeyInfo), hex.</summary>
    public required string KeyId { get; set; }
}
