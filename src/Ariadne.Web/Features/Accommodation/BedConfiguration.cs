using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Features.Accommodation;

/// <summary>How <see cref="Bed"/> is stored.</summary>
internal sealed class BedConfiguration : IEntityTypeConfiguration<Bed>
{
    public void Configure(EntityTypeBuilder<Bed> e)
    {
        e.ToTable("beds");
        e.Property(b => b.Label).HasMaxLength(50);
        e.Property(b => b.Restriction).HasConversion<string>().HasMaxLength(20);
        e.HasIndex(b => new { b.ShelterId, b.Label }).IsUnique();
        e.HasOne<Shelter>().WithMany().HasForeignKey(b => b.ShelterId).OnDelete(DeleteBehavior.Restrict);
    }
}
