using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Features.Protection;

/// <summary>How <see cref="OnwardReferral"/> is stored; applied with every other configuration of the assembly.</summary>
internal sealed class OnwardReferralConfiguration : IEntityTypeConfiguration<OnwardReferral>
{
    public void Configure(EntityTypeBuilder<OnwardReferral> e)
    {
        e.ToTable("onward_referrals");
        e.Property(o => o.Relation).HasConversion<string>().HasMaxLength(30);
        e.Property(o => o.Status).HasConversion<string>().HasMaxLength(20).IsConcurrencyToken();
        e.HasIndex(o => o.CaseId);
        // At most one open onward referral per case, recipient and relation.
        e.HasIndex(o => new { o.CaseId, o.RecipientInstitutionId, o.Relation }).IsUnique()
            .HasFilter("\"Status\" IN ('Pending', 'Accepted')").HasDatabaseName("ux_onward_open");
        e.HasIndex(o => new { o.RecipientInstitutionId, o.Status });
        e.HasOne<ProtectionCase>().WithMany().HasForeignKey(o => o.CaseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Institution>().WithMany().HasForeignKey(o => o.RecipientInstitutionId).OnDelete(DeleteBehavior.Restrict);
        // Ciphertexts under the data key (see EncryptedFields): the table and column are bound into each one.
        e.Property(o => o.NoteEnc).IsEncrypted();
    }
}
