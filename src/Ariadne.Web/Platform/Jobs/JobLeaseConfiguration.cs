using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Platform.Jobs;

/// <summary>How <see cref="JobLease"/> is stored; applied with every other configuration of the assembly.</summary>
internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> e)
    {
        e.ToTable("job_leases");
        e.HasKey(l => l.Name);
        e.Property(l => l.Name).HasMaxLength(60);
        e.Property(l => l.Holder).HasMaxLength(120);
    }
}
