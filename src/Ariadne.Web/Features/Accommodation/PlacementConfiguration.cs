using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Crypto;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Features.Accommodation;

/// <summary>How <see cref="Placement"/> is stored.</summary>
internal sealed class PlacementConfiguration : IEntityTypeConfiguration<Placement>
{
    public void Configure(EntityTypeBuilder<Placement> e)
    {
        e.ToTable("placements");
        e.Property(p => p.Reason).HasConversion<string>().HasMaxLength(30);
        e.Property(p => p.Destination).HasConversion<string>().HasMaxLength(30);
        // A person is in one shelter at a time, and a bed holds one person at a time.
        e.HasIndex(p => p.CaseId).IsUnique().HasFilter("\"DischargedAt\" IS NULL").HasDatabaseName("ux_placement_open_case");
        e.HasIndex(p => p.BedId).IsUnique().HasFilter("\"DischargedAt\" IS NULL").HasDatabaseName("ux_placement_open_bed");
        e.HasIndex(p => new { p.ShelterId, p.DischargedAt });
        e.HasOne<ProtectionCase>().WithMany().HasForeignKey(p => p.CaseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Shelter>().WithMany().HasForeignKey(p => p.ShelterId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Bed>().WithMany().HasForeignKey(p => p.BedId).OnDelete(DeleteBehavior.Restrict);
        e.Property(p => p.NotesEnc).IsEncrypted();
        e.Property(p => p.AliasEnc).IsEncrypted();
        e.Property(p => p.HouseRulesLanguage).HasMaxLength(2);
        e.Property(p => p.Conditions).HasMaxLength(300);
        e.Property(p => p.ComplaintCodeHash).HasMaxLength(64);
        e.HasIndex(p => p.ComplaintCodeHash).IsUnique().HasFilter("\"ComplaintCodeHash\" IS NOT NULL").HasDatabaseName("ux_placement_complaint_code");
    }
}
