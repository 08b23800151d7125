using Ariadne.Web.Platform.Crypto;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Platform.Access;

/// <summary>How <see cref="BreakGlassAccess"/> is stored; applied with every other configuration of the assembly.</summary>
internal sealed class BreakGlassAccessConfiguration : IEntityTypeConfiguration<BreakGlassAccess>
{
    public void Configure(EntityTypeBuilder<BreakGlassAccess> e)
    {
        e.ToTable("break_glass");
        e.Property(b => b.Reason).HasConversion<string>().HasMaxLength(40);
        e.HasIndex(b => new { b.UserId, b.ExpiresAt });
        e.HasIndex(b => b.ReviewedAt);
        // Ciphertexts under the data key (see EncryptedFields): the table and column are bound into each one.
        e.Property(b => b.ExplanationEnc).IsEncrypted();
    }
}
