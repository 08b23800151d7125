using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Features.Coordination;

/// <summary>How <see cref="NationalCountSnapshot"/> is stored; applied with every other configuration of the assembly.</summary>
internal sealed class NationalCountSnapshotConfiguration : IEntityTypeConfiguration<NationalCountSnapshot>
{
    public void Configure(EntityTypeBuilder<NationalCountSnapshot> e)
    {
        e.ToTable("national_count_snapshots");
        e.HasIndex(x => x.TakenAt);
    }
}
