using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Platform.Participants;

/// <summary>How <see cref="AriadneUser"/> is stored; applied with every other configuration of the assembly.</summary>
internal sealed class AriadneUserConfiguration : IEntityTypeConfiguration<AriadneUser>
{
    public void Configure(EntityTypeBuilder<AriadneUser> e)
    {
        e.Property(u => u.DisplayName).HasMaxLength(200);
        e.HasOne(u => u.Institution).WithMany().HasForeignKey(u => u.InstitutionId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(u => u.Trainings).WithOne().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        // Only OneTimeTotpProvider's conditional UPDATE may move the spent TOTP step: no save of the
        // user entity (Identity's UserStore.UpdateAsync marks every property modified) can write it back.
        e.Property(u => u.LastTotpTimeStep).Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
    }
}
