using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Features.Resources;

internal sealed class NeedConfiguration : IEntityTypeConfiguration<Need>
{
    public void Configure(EntityTypeBuilder<Need> e)
    {
        e.ToTable("resource_needs");
        e.Property(n => n.Category).HasConversion<string>().HasMaxLength(20);
        e.Property(n => n.Title).HasMaxLength(200);
        e.Property(n => n.Description).HasMaxLength(4000);
        e.Property(n => n.Language).HasMaxLength(2);
        e.Property(n => n.Regions).HasMaxLength(400);
        e.Property(n => n.Unit).HasMaxLength(40);
        e.Property(n => n.Amount).HasPrecision(18, 2);
        e.Property(n => n.Currency).HasConversion<string>().HasMaxLength(3);
        e.Property(n => n.Priority).HasConversion<string>().HasMaxLength(10);
        e.Property(n => n.Status).HasConversion<string>().HasMaxLength(10);
        e.Property(n => n.IatiIdentifier).HasMaxLength(200);
        e.HasIndex(n => n.IatiIdentifier).IsUnique();
        e.HasIndex(n => new { n.InstitutionId, n.Status });
        e.HasOne<Institution>().WithMany().HasForeignKey(n => n.InstitutionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DonorConfiguration : IEntityTypeConfiguration<Donor>
{
    public void Configure(EntityTypeBuilder<Donor> e)
    {
        e.ToTable("resource_donors");
        e.Property(d => d.Name).HasMaxLength(200);
        e.HasIndex(d => d.Name).IsUnique();
        e.Property(d => d.Ref).HasMaxLength(100);
        e.HasIndex(d => d.Ref).IsUnique();
        e.HasOne<Institution>().WithMany().HasForeignKey(d => d.InstitutionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DonorAreaConfiguration : IEntityTypeConfiguration<DonorArea>
{
    public void Configure(EntityTypeBuilder<DonorArea> e)
    {
        e.ToTable("resource_donor_areas");
        e.Property(a => a.Categories).HasMaxLength(200);
        e.Property(a => a.Regions).HasMaxLength(400);
        e.Property(a => a.Ceiling).HasPrecision(18, 2);
        e.Property(a => a.Currency).HasConversion<string>().HasMaxLength(3);
        e.HasOne<Donor>().WithMany().HasForeignKey(a => a.DonorId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ResourceFlowConfiguration : IEntityTypeConfiguration<ResourceFlow>
{
    public void Configure(EntityTypeBuilder<ResourceFlow> e)
    {
        e.ToTable("resource_flows");
        e.Property(f => f.Type).HasConversion<string>().HasMaxLength(20);
        e.Property(f => f.Amount).HasPrecision(18, 2);
        e.Property(f => f.Currency).HasConversion<string>().HasMaxLength(3);
        e.Property(f => f.Status).HasConversion<string>().HasMaxLength(10);
        e.Property(f => f.Ref).HasMaxLength(200);
        e.HasIndex(f => f.DonorId);
        e.HasOne<Donor>().WithMany().HasForeignKey(f => f.DonorId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FlowAllocationConfiguration : IEntityTypeConfiguration<FlowAllocation>
{
    public void Configure(EntityTypeBuilder<FlowAllocation> e)
    {
        e.ToTable("resource_flow_allocations");
        e.HasKey(a => new { a.FlowId, a.NeedId });
        e.HasIndex(a => a.NeedId);
        e.Property(a => a.Amount).HasPrecision(18, 2);
        e.HasOne<ResourceFlow>().WithMany().HasForeignKey(a => a.FlowId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Need>().WithMany().HasForeignKey(a => a.NeedId).OnDelete(DeleteBehavior.Restrict);
    }
}
