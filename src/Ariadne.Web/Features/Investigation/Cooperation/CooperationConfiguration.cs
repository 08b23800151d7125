using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Features.Investigation;

internal sealed class CooperationRequestConfiguration : IEntityTypeConfiguration<CooperationRequest>
{
    public void Configure(EntityTypeBuilder<CooperationRequest> e)
    {
        e.ToTable("cooperation_requests");
        e.Property(r => r.Number).HasMaxLength(20);
        e.HasIndex(r => r.Number).IsUnique();
        e.Property(r => r.Country).HasMaxLength(3);
        e.Property(r => r.Authority).HasMaxLength(200);
        e.Property(r => r.Channel).HasConversion<string>().HasMaxLength(40);
        e.Property(r => r.Assistance).HasConversion<string>().HasMaxLength(30);
        e.Property(r => r.Urgency).HasConversion<string>().HasMaxLength(20);
        e.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(r => r.Reply).HasConversion<string>().HasMaxLength(20);
        e.Property(r => r.OutgoingReference).HasMaxLength(60);
        e.Property(r => r.PurposeEnc).IsEncrypted();
        e.Property(r => r.ReturnReasonEnc).IsEncrypted();
        e.Property(r => r.ReplySummaryEnc).IsEncrypted();
        e.HasIndex(r => new { r.FileId, r.CreatedAt });
        e.HasIndex(r => new { r.Status, r.Deadline });
        e.HasOne<CriminalFile>().WithMany().HasForeignKey(r => r.FileId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Institution>().WithMany().HasForeignKey(r => r.SquadInstitutionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Institution>().WithMany().HasForeignKey(r => r.PartnerInstitutionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CooperationItemConfiguration : IEntityTypeConfiguration<CooperationItem>
{
    public void Configure(EntityTypeBuilder<CooperationItem> e)
    {
        e.ToTable("cooperation_items");
        e.Property(i => i.PartyRole).HasConversion<string>().HasMaxLength(20);
        e.Property(i => i.QuestionEnc).IsEncrypted();
        e.Property(i => i.JustificationEnc).IsEncrypted();
        e.Property(i => i.SentValuesEnc).IsEncrypted();
        e.HasIndex(i => i.RequestId);
        e.HasIndex(i => i.PartyId);
        e.HasOne<CooperationRequest>().WithMany().HasForeignKey(i => i.RequestId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<FileParty>().WithMany().HasForeignKey(i => i.PartyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CooperationStepConfiguration : IEntityTypeConfiguration<CooperationStep>
{
    public void Configure(EntityTypeBuilder<CooperationStep> e)
    {
        e.ToTable("cooperation_steps");
        e.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(s => s.NoteEnc).IsEncrypted();
        e.HasIndex(s => new { s.RequestId, s.RecordedAt });
        e.HasOne<CooperationRequest>().WithMany().HasForeignKey(s => s.RequestId).OnDelete(DeleteBehavior.Cascade);
    }
}
