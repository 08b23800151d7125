namespace Ariadne.Web.Platform.Api;

/// <summary>A machine client's credential. Only its SHA-256 hash is kept; the secret is shown once.</summary>
public sealed class ApiToken
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public required string Name { get; set; }
    /// <summary>A short, non-secret prefix shown in lists so that a user can tell tokens apart.</summary>
    public required string Prefix { get; set; }
    public required byte[] SecretHash { get; set; }
    /// <summary>Space-separated scopes from <see cref="ApiScopes"/>.</summary>
    public required string Scopes { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    /// <summary>How many reminders of the expiry the owner has had (<see cref="ApiTokenExpiryJob"/>): 1 at 14 days, 2 at 3 days.</summary>
    public int ExpiryReminders { get; set; }

    public bool IsActive(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now;
}
