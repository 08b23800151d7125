namespace Ariadne.Web.Platform.Data;

/// <summary>
/// Remembers which resource an API request with an <c>Idempotency-Key</c> created, so that a retry
/// returns the same resource instead of creating a second one.
/// </summary>
public sealed class IdempotencyRecord
{
    public Guid UserId { get; set; }
    public required string Key { get; set; }
    /// <summary>SHA-256 of the request body: the same key with a different body is a client error.</summary>
    public required string RequestHash { get; set; }
    public required string ResourceType { get; set; }
    public Guid ResourceId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
