using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Platform.Api;

/// <summary>How <see cref="ApiToken"/> is stored; applied with every other configuration of the assembly.</summary>
internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> e)
    {
        e.ToTable("api_tokens");
        e.Property(t => t.Name).HasMaxLength(100);
        e.Property(t => t.Prefix).HasMaxLength(16);
        e.Property(t => t.Scopes).HasMaxLength(200);
        e.HasIndex(t => t.SecretHash).IsUnique();
        e.HasIndex(t => t.UserId);
        e.HasOne<AriadneUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
