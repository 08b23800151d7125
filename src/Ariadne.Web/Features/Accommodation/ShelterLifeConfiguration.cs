using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Crypto;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Features.Accommodation;

/// <summary>How <see cref="ShelterInspection"/> is stored.</summary>
internal sealed class ShelterInspectionConfiguration : IEntityTypeConfiguration<ShelterInspection>
{
    public void Configure(EntityTypeBuilder<ShelterInspection> e)
    {
        e.ToTable("shelter_inspections");
        e.Property(i => i.FollowUpAction).HasMaxLength(500);
        e.HasIndex(i => new { i.ShelterId, i.InspectedOn });
        e.HasOne<Shelter>().WithMany().HasForeignKey(i => i.ShelterId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(i => i.Items).WithOne().HasForeignKey(x => x.InspectionId).OnDelete(DeleteBehavior.Cascade);
        e.Property(i => i.FindingsEnc).IsEncrypted();
    }
}

/// <summary>How <see cref="InspectionItem"/> is stored.</summary>
internal sealed class InspectionItemConfiguration : IEntityTypeConfiguration<InspectionItem>
{
    public void Configure(EntityTypeBuilder<InspectionItem> e)
    {
        e.ToTable("inspection_items");
        e.Property(x => x.Condition).HasConversion<string>().HasMaxLength(40);
        e.Property(x => x.Result).HasConversion<string>().HasMaxLength(20);
        e.HasIndex(x => new { x.InspectionId, x.Condition }).IsUnique();
    }
}

/// <summary>How <see cref="Movement"/> is stored.</summary>
internal sealed class MovementConfiguration : IEntityTypeConfiguration<Movement>
{
    public void Configure(EntityTypeBuilder<Movement> e)
    {
        e.ToTable("movements");
        e.Property(m => m.Direction).HasConversion<string>().HasMaxLength(20);
        e.HasIndex(m => new { m.PlacementId, m.At });
        e.HasOne<Placement>().WithMany().HasForeignKey(m => m.PlacementId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<ProtectionCase>().WithMany().HasForeignKey(m => m.CaseId).OnDelete(DeleteBehavior.Restrict);
        e.Property(m => m.NoteEnc).IsEncrypted();
    }
}

/// <summary>How <see cref="ResidentComplaint"/> is stored.</summary>
internal sealed class ResidentComplaintConfiguration : IEntityTypeConfiguration<ResidentComplaint>
{
    public void Configure(EntityTypeBuilder<ResidentComplaint> e)
    {
        e.ToTable("resident_complaints");
        e.Property(c => c.Channel).HasConversion<string>().HasMaxLength(20);
        e.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        e.HasIndex(c => new { c.Status, c.ReceivedAt });
        e.HasOne<Placement>().WithMany().HasForeignKey(c => c.PlacementId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Shelter>().WithMany().HasForeignKey(c => c.ShelterId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<DataKey>().WithMany().HasForeignKey(c => c.DataKeyId).OnDelete(DeleteBehavior.Restrict);
        e.Property(c => c.TextEnc).IsEncrypted();
        e.Property(c => c.OutcomeEnc).IsEncrypted();
    }
}
