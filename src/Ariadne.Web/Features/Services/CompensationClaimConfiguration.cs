using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Crypto;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Features.Services;

/// <summary>How <see cref="CompensationClaim"/> is stored.</summary>
internal sealed class CompensationClaimConfiguration : IEntityTypeConfiguration<CompensationClaim>
{
    public void Configure(EntityTypeBuilder<CompensationClaim> e)
    {
        e.ToTable("compensation_claims");
        e.Property(c => c.Stage).HasConversion<string>().HasMaxLength(20);
        e.HasIndex(c => new { c.CaseId, c.RecordedAt });
        e.HasOne<ProtectionCase>().WithMany().HasForeignKey(c => c.CaseId).OnDelete(DeleteBehavior.Restrict);
        e.Property(c => c.ContentEnc).IsEncrypted();
    }
}
