namespace Ariadne.Web.Platform.Audit;

/// <summary>
/// A signed Merkle root (RFC 9162). Version 1 (no <see cref="Heads"/>): over the first <see cref="TreeSize"/> events.
/// Version 2: over the head of every chain (<see cref="Heads"/>), and <see cref="TreeSize"/> counts the events of all chains.
/// </summary>
public sealed class AuditCheckpoint
{
    public long Id { get; set; }
    public long TreeSize { get; set; }
    public required byte[] RootHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required byte[] Signature { get; set; }
    /// <summary>SHA-256 of the signing public key (SubjectPublicKeyInfo), hex.</summary>
    public required string KeyId { get; set; }
    /// <summary>Every chain's head (<see cref="ChainHead.Encode"/>); null on checkpoints written before chains.</summary>
    public byte[]? Heads { get; set; }
}
