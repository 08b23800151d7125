using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Crypto;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Features.Protection;

/// <summary>How <see cref="RiskAssessment"/> is stored; applied with every other configuration of the assembly.</summary>
internal sealed class RiskAssessmentConfiguration : IEntityTypeConfiguration<RiskAssessment>
{
    public void Configure(EntityTypeBuilder<RiskAssessment> e)
    {
        e.ToTable("risk_assessments");
        e.HasIndex(x => new { x.CaseId, x.RecordedAt });
        e.HasOne<ProtectionCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        // Ciphertexts under the data key (see EncryptedFields): the table and column are bound into each one.
        e.Property(x => x.ContentEnc).IsEncrypted();
    }
}
