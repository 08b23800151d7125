using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Platform.Security;

/// <summary>
/// A context a user has signed in from before (ASVS 6.3.5, 8.2.4): the keyed hash of the client's network (IPv4 /24,
/// IPv6 /48) and of its browser and system family, never the address or the user-agent string themselves.
/// </summary>
public sealed class KnownSignInContext
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    /// <summary>Base64 of HMAC-SHA256 under the blind-index key of "network|device" (<see cref="ClientContext"/>).</summary>
    public required string Fingerprint { get; set; }
    public DateTimeOffset FirstSeenAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
}

/// <summary>How <see cref="KnownSignInContext"/> is stored.</summary>
internal sealed class KnownSignInContextConfiguration : IEntityTypeConfiguration<KnownSignInContext>
{
    public void Configure(EntityTypeBuilder<KnownSignInContext> e)
    {
        e.ToTable("known_sign_in_contexts");
        e.Property(c => c.Fingerprint).HasMaxLength(64);
        // Not unique: two sign-ins of one user from one new context at the same moment may both add it (harmless, pruned).
        e.HasIndex(c => c.UserId);
        e.HasOne<AriadneUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
