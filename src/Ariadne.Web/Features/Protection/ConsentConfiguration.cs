using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Features.Protection;

/// <summary>How <see cref="Consent"/> is stored; applied with every other configuration of the assembly.</summary>
internal sealed class ConsentConfiguration : IEntityTypeConfiguration<Consent>
{
    public void Configure(EntityTypeBuilder<Consent> e)
    {
        e.ToTable("consents");
        e.Property(c => c.Purpose).HasConversion<string>().HasMaxLength(20);
        e.Property(c => c.Form).HasConversion<string>().HasMaxLength(20);
        e.HasIndex(c => c.CaseId);
        e.HasOne<ProtectionCase>().WithMany().HasForeignKey(c => c.CaseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Institution>().WithMany().HasForeignKey(c => c.RecipientInstitutionId).OnDelete(DeleteBehavior.Restrict);
    }
}
