using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Features.Statistics;

/// <summary>How <see cref="StatReleaseCut"/> is stored; applied with every other configuration of the assembly.</summary>
internal sealed class StatReleaseCutConfiguration : IEntityTypeConfiguration<StatReleaseCut>
{
    public void Configure(EntityTypeBuilder<StatReleaseCut> e)
    {
        e.ToTable("stat_release_cuts");
        e.HasIndex(x => new { x.TableCode, x.From });
        e.HasIndex(x => x.ReleaseId);
        e.Property(x => x.TableCode).HasMaxLength(60);
    }
}
