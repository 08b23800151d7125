using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Platform.Statistics;

/// <summary>How <see cref="StatFact"/> is stored: one narrow table, indexed by subject and month (every table is a GROUP BY over a subject's facts in a period).</summary>
internal sealed class StatFactConfiguration : IEntityTypeConfiguration<StatFact>
{
    public void Configure(EntityTypeBuilder<StatFact> e)
    {
        e.ToTable("stat_facts");
        e.HasKey(f => f.Id);
        e.Property(f => f.Id).ValueGeneratedOnAdd();
        e.HasIndex(f => new { f.Subject, f.Month });
        e.Property(f => f.Sex).HasMaxLength(1);
        e.Property(f => f.AgeBand).HasMaxLength(8);
        e.Property(f => f.Citizenship).HasMaxLength(3);
        e.Property(f => f.Exploitation).HasMaxLength(24);
        e.Property(f => f.Country).HasMaxLength(3);
        e.Property(f => f.Stage).HasMaxLength(32);
        e.Property(f => f.Category).HasMaxLength(40);
    }
}
