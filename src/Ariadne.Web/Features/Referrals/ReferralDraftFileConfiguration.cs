using Ariadne.Web.Platform.Crypto;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Features.Referrals;

/// <summary>How <see cref="ReferralDraftFile"/> is stored; applied with every other configuration of the assembly.</summary>
internal sealed class ReferralDraftFileConfiguration : IEntityTypeConfiguration<ReferralDraftFile>
{
    public void Configure(EntityTypeBuilder<ReferralDraftFile> e)
    {
        e.ToTable("referral_draft_files");
        e.Property(f => f.ContentType).HasMaxLength(40);
        e.HasIndex(f => new { f.OwnerUserId, f.SubmissionId });
        e.HasIndex(f => f.CreatedAt);
        e.Property(f => f.NameEnc).IsEncrypted();
        e.Property(f => f.ContentEnc).IsEncrypted();
    }
}
