using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Crypto;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Features.Services;

/// <summary>How <see cref="ServiceGoal"/> is stored.</summary>
internal sealed class ServiceGoalConfiguration : IEntityTypeConfiguration<ServiceGoal>
{
    public void Configure(EntityTypeBuilder<ServiceGoal> e)
    {
        e.ToTable("service_goals");
        e.Property(g => g.Type).HasConversion<string>().HasMaxLength(20);
        e.Property(g => g.Status).HasConversion<string>().HasMaxLength(20);
        e.HasIndex(g => new { g.CaseId, g.CreatedAt });
        e.HasOne<ProtectionCase>().WithMany().HasForeignKey(g => g.CaseId).OnDelete(DeleteBehavior.Restrict);
        e.Property(g => g.TextEnc).IsEncrypted();
    }
}
