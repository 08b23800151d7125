using Ariadne.Web.Features.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Features.Exchange;

/// <summary>How <see cref="HtcdsCaseLink"/> is stored: unique by pseudonym, one per case.</summary>
internal sealed class HtcdsCaseLinkConfiguration : IEntityTypeConfiguration<HtcdsCaseLink>
{
    public void Configure(EntityTypeBuilder<HtcdsCaseLink> e)
    {
        e.ToTable("htcds_case_links");
        e.Property(x => x.Pseudonym).HasMaxLength(64);
        e.HasIndex(x => x.Pseudonym).IsUnique();
        e.HasIndex(x => x.CaseId).IsUnique();
        e.HasOne<ProtectionCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.Exploitation).HasMaxLength(300);
        e.Property(x => x.IdentifiedBy).HasMaxLength(40);
    }
}
