using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Platform.Data;

/// <summary>How <see cref="IdempotencyRecord"/> is stored; applied with every other configuration of the assembly.</summary>
internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> e)
    {
        e.ToTable("idempotency_records");
        e.HasKey(r => new { r.UserId, r.Key });
        e.Property(r => r.Key).HasMaxLength(100);
        e.Property(r => r.RequestHash).HasMaxLength(64);
        e.Property(r => r.ResourceType).HasMaxLength(40);
    }
}
