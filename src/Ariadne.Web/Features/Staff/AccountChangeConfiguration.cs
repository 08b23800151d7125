using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Features.Staff;

/// <summary>How <see cref="AccountChange"/> is stored; applied with every other configuration of the assembly.</summary>
internal sealed class AccountChangeConfiguration : IEntityTypeConfiguration<AccountChange>
{
    public void Configure(EntityTypeBuilder<AccountChange> e)
    {
        e.ToTable("account_changes");
        e.Property(c => c.Kind).HasMaxLength(20);
        e.Property(c => c.Payload).HasMaxLength(2000);
        e.HasIndex(c => new { c.InstitutionId, c.DecidedAt });
        e.HasIndex(c => c.UserId);
        e.HasOne<AriadneUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Institution>().WithMany().HasForeignKey(c => c.InstitutionId).OnDelete(DeleteBehavior.Restrict);
    }
}
