using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Platform.Audit;

/// <summary>How <see cref="AuditEvent"/> is stored; applied with every other configuration of the assembly.</summary>
internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> e)
    {
        e.ToTable("audit_events");
        e.HasKey(a => a.Sequence);
        e.Property(a => a.Sequence).ValueGeneratedNever();
        e.Property(a => a.Action).HasMaxLength(60);
        e.Property(a => a.TargetType).HasMaxLength(40);
        // What rights came through (CaseRights.Through): every relation a viewer holds, comma-separated, so room for all of them.
        // A new relation lengthens the column and asks for a migration (the pending-model check fails until one is added).
        e.Property(a => a.Relation).HasMaxLength(Math.Max(40, string.Join(',', Enum.GetNames<Access.Relation>()).Length));
        e.Property(a => a.Purpose).HasMaxLength(80);
        e.Property(a => a.Outcome).HasMaxLength(16);
        e.Property(a => a.Node).HasMaxLength(64);
        e.Property(a => a.ClientAddress).HasMaxLength(45); // the longest text form of an IPv6 address
        e.HasIndex(a => new { a.CaseId, a.Sequence });
        e.HasIndex(a => new { a.ActorUserId, a.Sequence });
        // A chain's head, and a fork refused: two events never hold one place in a chain (events before chains have no place: NULLs are distinct).
        e.HasIndex(a => new { a.Chain, a.Position }).IsUnique();
    }
}
