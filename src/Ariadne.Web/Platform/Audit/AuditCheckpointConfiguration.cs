using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Platform.Audit;

/// <summary>How <see cref="AuditCheckpoint"/> is stored; applied with every other configuration of the assembly.</summary>
internal sealed class AuditCheckpointConfiguration : IEntityTypeConfiguration<AuditCheckpoint>
{
    public void Configure(EntityTypeBuilder<AuditCheckpoint> e)
    {
        e.ToTable("audit_checkpoints");
        e.Property(c => c.KeyId).HasMaxLength(64);
    }
}
