using Ariadne.Web.Platform.Crypto;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Features.Cases;

/// <summary>How <see cref="AgeAssessment"/> is stored; applied with every other configuration of the assembly.</summary>
internal sealed class AgeAssessmentConfiguration : IEntityTypeConfiguration<AgeAssessment>
{
    public void Configure(EntityTypeBuilder<AgeAssessment> e)
    {
        e.ToTable("age_assessments");
        e.HasIndex(x => new { x.CaseId, x.RecordedAt });
        e.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Method).HasConversion<string>().HasMaxLength(30);
        e.HasOne<ProtectionCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        // Ciphertexts under the data key (see EncryptedFields): the table and column are bound into each one.
        e.Property(x => x.RationaleEnc).IsEncrypted();
    }
}
