using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Features.Referrals;

/// <summary>How <see cref="Referral"/> is stored; applied with every other configuration of the assembly.</summary>
internal sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> e)
    {
        e.ToTable("referrals");
        e.Property(r => r.Number).HasMaxLength(20);
        e.HasIndex(r => r.Number).IsUnique();
        e.HasIndex(r => r.Sequence).IsUnique();
        e.Property(r => r.Urgency).HasConversion<string>().HasMaxLength(20);
        e.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(r => r.Consent).HasConversion<string>().HasMaxLength(20);
        // Two desk actions on one referral (double submit, two officers): the second finds the status changed and fails.
        e.Property(r => r.Status).IsConcurrencyToken();
        e.HasIndex(r => new { r.SquadInstitutionId, r.Sequence });
        e.HasIndex(r => new { r.ReferringInstitutionId, r.Sequence });
        e.HasIndex(r => new { r.AcknowledgedAt, r.AcknowledgeBy });
        e.HasIndex(r => r.CaseId);
        e.HasIndex(r => r.DocumentNumberIndex);
        e.HasIndex(r => r.PhoneIndex);
        e.HasOne<Institution>().WithMany().HasForeignKey(r => r.SquadInstitutionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Institution>().WithMany().HasForeignKey(r => r.ReferringInstitutionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<ProtectionCase>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<DataKey>().WithMany().HasForeignKey(r => r.DataKeyId).OnDelete(DeleteBehavior.Restrict);
        // Ciphertexts under the data key (see EncryptedFields): the table and column are bound into each one.
        e.Property(r => r.ContentEnc).IsEncrypted();
    }
}
