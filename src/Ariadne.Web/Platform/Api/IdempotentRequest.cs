namespace Ariadne.Web.Platform.Api;

/// <summary>
/// An <c>Idempotency-Key</c> with the fingerprint of the request's body and the kind of resource it creates
/// (see <see cref="Idempotency"/>). A body holding personal data is fingerprinted with a keyed hash.
/// </summary>
public sealed record IdempotentRequest(string Key, string RequestHash, string ResourceType);
