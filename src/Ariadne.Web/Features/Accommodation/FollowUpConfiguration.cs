using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Crypto;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Features.Accommodation;

/// <summary>How <see cref="FollowUp"/> is stored.</summary>
internal sealed class FollowUpConfiguration : IEntityTypeConfiguration<FollowUp>
{
    public void Configure(EntityTypeBuilder<FollowUp> e)
    {
        e.ToTable("follow_ups");
        e.Property(f => f.Situation).HasConversion<string>().HasMaxLength(20);
        e.HasIndex(f => new { f.PlacementId, f.Month }).IsUnique();
        e.HasIndex(f => new { f.ResponsibleUserId, f.DoneAt, f.DueOn });
        e.HasIndex(f => new { f.DoneAt, f.EscalatedAt, f.DueOn });
        e.HasOne<ProtectionCase>().WithMany().HasForeignKey(f => f.CaseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Placement>().WithMany().HasForeignKey(f => f.PlacementId).OnDelete(DeleteBehavior.Restrict);
        e.Property(f => f.NotesEnc).IsEncrypted();
    }
}
