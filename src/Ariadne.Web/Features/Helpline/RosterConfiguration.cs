using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Features.Helpline;

/// <summary>How <see cref="OperatorProfile"/> is stored.</summary>
internal sealed class OperatorProfileConfiguration : IEntityTypeConfiguration<OperatorProfile>
{
    public void Configure(EntityTypeBuilder<OperatorProfile> e)
    {
        e.ToTable("helpline_operator_profiles");
        e.HasKey(p => p.UserId);
        e.Property(p => p.Languages).HasMaxLength(100);
        e.Property(p => p.Skills).HasMaxLength(200);
        e.HasIndex(p => p.InstitutionId);
        e.HasOne<AriadneUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Institution>().WithMany().HasForeignKey(p => p.InstitutionId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>How <see cref="HelplineShift"/> is stored.</summary>
internal sealed class HelplineShiftConfiguration : IEntityTypeConfiguration<HelplineShift>
{
    public void Configure(EntityTypeBuilder<HelplineShift> e)
    {
        e.ToTable("helpline_shifts");
        e.HasIndex(s => new { s.InstitutionId, s.StartsAt });
        e.HasIndex(s => new { s.UserId, s.StartsAt });
        e.HasOne<AriadneUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Institution>().WithMany().HasForeignKey(s => s.InstitutionId).OnDelete(DeleteBehavior.Restrict);
    }
}
