using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Features.Awareness;

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> e)
    {
        e.ToTable("awareness_campaigns");
        e.Property(c => c.TitleAz).HasMaxLength(Campaigns.MaxTitle);
        e.Property(c => c.TitleRu).HasMaxLength(Campaigns.MaxTitle);
        e.Property(c => c.TitleEn).HasMaxLength(Campaigns.MaxTitle);
        e.Property(c => c.Objective).HasMaxLength(Campaigns.MaxText);
        e.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(c => c.Budget).HasPrecision(18, 2);
        e.HasIndex(c => c.StartsOn);
        e.HasOne<Institution>().WithMany().HasForeignKey(c => c.LeadInstitutionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CampaignRegionConfiguration : IEntityTypeConfiguration<CampaignRegion>
{
    public void Configure(EntityTypeBuilder<CampaignRegion> e)
    {
        e.ToTable("awareness_campaign_regions");
        e.Property(r => r.Region).HasConversion<string>().HasMaxLength(30);
        e.HasKey(r => new { r.CampaignId, r.Region });
        e.HasOne<Campaign>().WithMany().HasForeignKey(r => r.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CampaignPartnerConfiguration : IEntityTypeConfiguration<CampaignPartner>
{
    public void Configure(EntityTypeBuilder<CampaignPartner> e)
    {
        e.ToTable("awareness_campaign_partners");
        e.HasKey(p => new { p.CampaignId, p.InstitutionId });
        e.HasIndex(p => p.InstitutionId);
        e.HasOne<Campaign>().WithMany().HasForeignKey(p => p.CampaignId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Institution>().WithMany().HasForeignKey(p => p.InstitutionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CampaignMaterialConfiguration : IEntityTypeConfiguration<CampaignMaterial>
{
    public void Configure(EntityTypeBuilder<CampaignMaterial> e)
    {
        e.ToTable("awareness_campaign_materials");
        e.HasIndex(m => m.CampaignId);
        e.Property(m => m.Name).HasMaxLength(Campaigns.MaxTitle);
        e.Property(m => m.Type).HasConversion<string>().HasMaxLength(30);
        e.Property(m => m.Language).HasMaxLength(3);
        e.Property(m => m.Reference).HasMaxLength(500);
        e.HasOne<Campaign>().WithMany().HasForeignKey(m => m.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CampaignActivityConfiguration : IEntityTypeConfiguration<CampaignActivity>
{
    public void Configure(EntityTypeBuilder<CampaignActivity> e)
    {
        e.ToTable("awareness_campaign_activities");
        e.HasIndex(a => new { a.CampaignId, a.On });
        e.Property(a => a.Region).HasConversion<string>().HasMaxLength(30);
        e.Property(a => a.Type).HasConversion<string>().HasMaxLength(30);
        e.Property(a => a.Notes).HasMaxLength(Campaigns.MaxText);
        e.HasOne<Campaign>().WithMany().HasForeignKey(a => a.CampaignId).OnDelete(DeleteBehavior.Cascade);
    }
}
