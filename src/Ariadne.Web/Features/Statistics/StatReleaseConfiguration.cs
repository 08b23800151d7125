using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Features.Statistics;

/// <summary>How <see cref="StatRelease"/> is stored; applied with every other configuration of the assembly.</summary>
internal sealed class StatReleaseConfiguration : IEntityTypeConfiguration<StatRelease>
{
    public void Configure(EntityTypeBuilder<StatRelease> e)
    {
        e.ToTable("stat_releases");
        e.HasIndex(x => x.Number).IsUnique();
        e.HasIndex(x => new { x.PeriodKind, x.Year, x.Status });
        e.Property(x => x.Number).HasMaxLength(20);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Ignore(x => x.Period);
    }
}
