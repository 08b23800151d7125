using System.Security.Cryptography;

namespace Ariadne.Web.Platform.Crypto;

/// <summary>A signing key rotated out of the ring: its id, its public part and when it was retired.</summary>
public sealed record RetiredSigningKey(string KeyId, ECDsa PublicKey, DateTimeOffset RetiredAt);
