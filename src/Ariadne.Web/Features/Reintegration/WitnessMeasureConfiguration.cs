using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Features.Reintegration;

/// <summary>How <see cref="WitnessMeasure"/> is stored.</summary>
internal sealed class WitnessMeasureConfiguration : IEntityTypeConfiguration<WitnessMeasure>
{
    public void Configure(EntityTypeBuilder<WitnessMeasure> e)
    {
        e.ToTable("witness_measures");
        e.Property(m => m.Kind).HasConversion<string>().HasMaxLength(30);
        e.Property(m => m.Status).HasConversion<string>().HasMaxLength(20);
        e.HasIndex(m => new { m.CaseId, m.RecordedAt });
        e.HasOne<ProtectionCase>().WithMany().HasForeignKey(m => m.CaseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Institution>().WithMany().HasForeignKey(m => m.HeldByInstitutionId).OnDelete(DeleteBehavior.Restrict);
        // Only a relocation names the institution that holds the location.
        e.ToTable(t => t.HasCheckConstraint("ck_witness_measure_held_by", "(\"Kind\" = 'Relocation') = (\"HeldByInstitutionId\" IS NOT NULL)"));
        e.Property(m => m.ReferenceEnc).IsEncrypted();
    }
}
