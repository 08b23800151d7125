using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Platform.Api;

/// <summary>
/// The shared rules of <c>Idempotency-Key</c> for creating endpoints: a key is required; the same key
/// with the same body means "the resource made the first time"; the same key with another body, or for
/// another kind of resource, is a client error.
/// </summary>
public static class Idempotency
{
    public const int MaxKeyLength = 100;

    public enum Outcome { New, Replay, Conflict }

    public static bool IsValidKey(string? key) => !string.IsNullOrWhiteSpace(key) && key.Length <= MaxKeyLength;

    /// <summary>
    /// The key a page puts in a form when it renders it (the hidden <c>FormKey</c> field): a double-submitted form, or one sent
    /// again after a lost answer, carries the same key and records once.
    /// </summary>
    public static string NewFormKey() => "form-" + Guid.NewGuid().ToString("N");

    public static string RequestHash<T>(T body) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(body))));

    public static async Task<(Outcome Outcome, Guid ResourceId)> LookupAsync(
        AriadneDbContext db, Guid userId, string key, string requestHash, string resourceType, CancellationToken ct)
    {
        var previous = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.UserId == userId && r.Key == key, ct);
        if (previous is null)
            return (Outcome.New, Guid.Empty);
        return previous.RequestHash == requestHash && previous.ResourceType == resourceType
            ? (Outcome.Replay, previous.ResourceId)
            : (Outcome.Conflict, Guid.Empty);
    }

    /// <summary>Remembers the resource; saved with it, so a concurrent twin fails on the (user, key) primary key.</summary>
    public static void Remember(AriadneDbContext db, Guid userId, string key, string requestHash, string resourceType, Guid resourceId, DateTimeOffset now) =>
        db.IdempotencyRecords.Add(new IdempotencyRecord
        {
            UserId = userId,
            Key = key,
            RequestHash = requestHash,
            ResourceType = resourceType,
            ResourceId = resourceId,
            CreatedAt = now,
        });
}
