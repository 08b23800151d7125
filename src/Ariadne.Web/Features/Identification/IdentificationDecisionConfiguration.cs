using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Crypto;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Features.Identification;

/// <summary>How <see cref="IdentificationDecision"/> is stored; applied with every other configuration of the assembly.</summary>
internal sealed class IdentificationDecisionConfiguration : IEntityTypeConfiguration<IdentificationDecision>
{
    public void Configure(EntityTypeBuilder<IdentificationDecision> e)
    {
        e.ToTable("identification_decisions");
        e.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(d => d.Body).HasConversion<string>().HasMaxLength(30);
        e.HasIndex(d => new { d.CaseId, d.RecordedAt });
        e.HasOne<ProtectionCase>().WithMany().HasForeignKey(d => d.CaseId).OnDelete(DeleteBehavior.Restrict);
        // Ciphertexts under the data key (see EncryptedFields): the table and column are bound into each one.
        e.Property(d => d.RationaleEnc).IsEncrypted();
    }
}
