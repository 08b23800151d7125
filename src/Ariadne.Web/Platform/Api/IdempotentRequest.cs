using System.Text.Json;
using Ariadne.Web.Platform.Crypto;

namespace Ariadne.Web.Platform.Api;

/// <summary>
/// An <c>Idempotency-Key</c> with the fingerprint of the request's body and the kind of resource it creates
/// (see <see cref="Idempotency"/>). A body holding personal data is fingerprinted with a keyed hash.
/// </summary>
public sealed record IdempotentRequest(string Key, string RequestHash, string ResourceType)
{
    /// <summary>
    /// A record added to a parent (a party to a file, an item to a request): the body is fingerprinted with the parent's id and the
    /// keyed hash. The API (the <c>Idempotency-Key</c> header) and the pages (a form key) fingerprint alike. Null without a valid key.
    /// </summary>
    public static IdempotentRequest? ForAddition(BlindIndex index, string? key, string resourceType, Guid parentId, object body) =>
        Idempotency.IsValidKey(key) ? new(key!, index.Fingerprint(parentId + JsonSerializer.Serialize(body)), resourceType) : null;
}
