using Ariadne.Web.Features.Cases;
using Ariadne.Web.Features.Protection;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Features.Services;

/// <summary>How <see cref="ServiceReferral"/> is stored.</summary>
internal sealed class ServiceReferralConfiguration : IEntityTypeConfiguration<ServiceReferral>
{
    public void Configure(EntityTypeBuilder<ServiceReferral> e)
    {
        e.ToTable("service_referrals");
        e.Property(s => s.Type).HasConversion<string>().HasMaxLength(20);
        e.HasIndex(s => new { s.CaseId, s.ReferredAt });
        e.HasIndex(s => s.OnwardReferralId);
        e.HasOne<ProtectionCase>().WithMany().HasForeignKey(s => s.CaseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<OnwardReferral>().WithMany().HasForeignKey(s => s.OnwardReferralId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<ServiceGoal>().WithMany().HasForeignKey(s => s.GoalId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Institution>().WithMany().HasForeignKey(s => s.ProviderInstitutionId).OnDelete(DeleteBehavior.Restrict);
    }
}
