using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Features.Exchange;

/// <summary>How <see cref="CtdcReferenceCount"/> is stored: the counts of an import, gone with it.</summary>
internal sealed class CtdcReferenceCountConfiguration : IEntityTypeConfiguration<CtdcReferenceCount>
{
    public void Configure(EntityTypeBuilder<CtdcReferenceCount> e)
    {
        e.ToTable("ctdc_reference_counts");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedOnAdd();
        e.HasOne<CtdcImport>().WithMany().HasForeignKey(x => x.ImportId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.ImportId, x.Year });
        e.Property(x => x.Sex).HasMaxLength(1);
        e.Property(x => x.AgeBand).HasMaxLength(8);
        e.Property(x => x.Majority).HasMaxLength(8);
        e.Property(x => x.Citizenship).HasMaxLength(3);
        e.Property(x => x.Country).HasMaxLength(3);
        e.Property(x => x.Exploitation).HasMaxLength(200);
    }
}
