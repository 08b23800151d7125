using Ariadne.Web.Platform.Crypto;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Features.Referrals;

/// <summary>How <see cref="ReferralFile"/> is stored; applied with every other configuration of the assembly.</summary>
internal sealed class ReferralFileConfiguration : IEntityTypeConfiguration<ReferralFile>
{
    public void Configure(EntityTypeBuilder<ReferralFile> e)
    {
        e.ToTable("referral_files");
        e.Property(f => f.ContentType).HasMaxLength(40);
        e.HasOne<Referral>().WithMany().HasForeignKey(f => f.ReferralId).OnDelete(DeleteBehavior.Restrict);
        // Ciphertexts under the data key (see EncryptedFields): the table and column are bound into each one.
        e.Property(f => f.NameEnc).IsEncrypted();
        e.Property(f => f.ContentEnc).IsEncrypted();
    }
}
