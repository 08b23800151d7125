using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Features.Reintegration;

/// <summary>How <see cref="Repatriation"/> is stored: one per case.</summary>
internal sealed class RepatriationConfiguration : IEntityTypeConfiguration<Repatriation>
{
    public void Configure(EntityTypeBuilder<Repatriation> e)
    {
        e.ToTable("repatriations");
        e.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        e.HasIndex(r => r.CaseId).IsUnique();
        e.HasIndex(r => r.PartnerInstitutionId);
        e.HasOne<ProtectionCase>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Institution>().WithMany().HasForeignKey(r => r.PartnerInstitutionId).OnDelete(DeleteBehavior.Restrict);
        e.Property(r => r.ContentEnc).IsEncrypted();
        e.Property(r => r.DocumentNumbersEnc).IsEncrypted();
    }
}
