using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Features.InformationRequests;

internal sealed class InformationRequestConfiguration : IEntityTypeConfiguration<InformationRequest>
{
    public void Configure(EntityTypeBuilder<InformationRequest> e)
    {
        e.ToTable("information_requests");
        e.Property(r => r.Number).HasMaxLength(20);
        e.HasIndex(r => r.Number).IsUnique();
        e.Property(r => r.Reference).HasMaxLength(InformationRequests.MaxReference);
        e.Property(r => r.BasisReference).HasMaxLength(InformationRequests.MaxBasisReference);
        e.Property(r => r.Match).HasConversion<string>().HasMaxLength(20);
        e.Property(r => r.LegalBasis).HasConversion<string>().HasMaxLength(30);
        e.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(r => r.Opinion).HasConversion<string>().HasMaxLength(20);
        e.Property(r => r.PurposeEnc).IsEncrypted();
        e.Property(r => r.OpinionNoteEnc).IsEncrypted();
        e.Property(r => r.DecisionReasonEnc).IsEncrypted();
        e.HasIndex(r => new { r.RequestedBy, r.SubmittedAt });
        e.HasIndex(r => new { r.Status, r.SubmittedAt });
        e.HasIndex(r => r.CaseId);
        e.HasOne<ProtectionCase>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.SetNull);
        e.HasOne<Institution>().WithMany().HasForeignKey(r => r.RequesterInstitutionId).OnDelete(DeleteBehavior.Restrict);
    }
}
