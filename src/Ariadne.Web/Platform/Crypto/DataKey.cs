namespace Ariadne.Web.Platform.Crypto;

/// <summary>
/// One person's data key, stored only wrapped (AES-256-GCM) under a master key that lives outside the
/// database. Destroying it (crypto-shredding) makes everything encrypted under it unreadable for good.
/// </summary>
public sealed class DataKey
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public byte[]? WrappedKey { get; set; }
    public required string MasterKeyId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DestroyedAt { get; set; }
}
