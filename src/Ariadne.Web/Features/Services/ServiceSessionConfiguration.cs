using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Crypto;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Features.Services;

/// <summary>How <see cref="ServiceSession"/> is stored.</summary>
internal sealed class ServiceSessionConfiguration : IEntityTypeConfiguration<ServiceSession>
{
    public void Configure(EntityTypeBuilder<ServiceSession> e)
    {
        e.ToTable("service_sessions");
        e.HasIndex(s => new { s.ServiceReferralId, s.RecordedAt });
        e.HasIndex(s => s.CaseId);
        e.HasOne<ProtectionCase>().WithMany().HasForeignKey(s => s.CaseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<ServiceReferral>().WithMany().HasForeignKey(s => s.ServiceReferralId).OnDelete(DeleteBehavior.Restrict);
        // One of the two, by the service's class.
        e.ToTable(t => t.HasCheckConstraint("ck_service_session_one_class", "(\"HealthEnc\" IS NULL) <> (\"CareEnc\" IS NULL)"));
        e.Property(s => s.HealthEnc).IsEncrypted();
        e.Property(s => s.CareEnc).IsEncrypted();
    }
}
