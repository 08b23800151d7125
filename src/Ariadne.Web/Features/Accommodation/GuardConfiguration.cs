using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Features.Accommodation;

/// <summary>How <see cref="GuardShift"/> is stored.</summary>
internal sealed class GuardShiftConfiguration : IEntityTypeConfiguration<GuardShift>
{
    public void Configure(EntityTypeBuilder<GuardShift> e)
    {
        e.ToTable("guard_shifts");
        e.HasIndex(s => new { s.GuardUserId, s.StartsAt });
        e.HasIndex(s => new { s.ShelterId, s.StartsAt });
        e.HasOne<Shelter>().WithMany().HasForeignKey(s => s.ShelterId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<AriadneUser>().WithMany().HasForeignKey(s => s.GuardUserId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>How <see cref="TransportHandover"/> is stored.</summary>
internal sealed class TransportHandoverConfiguration : IEntityTypeConfiguration<TransportHandover>
{
    public void Configure(EntityTypeBuilder<TransportHandover> e)
    {
        e.ToTable("transport_handovers");
        e.Property(t => t.CodeHash).HasMaxLength(32);
        e.HasIndex(t => new { t.ShelterId, t.ConfirmedAt });
        e.HasOne<Shelter>().WithMany().HasForeignKey(t => t.ShelterId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Bed>().WithMany().HasForeignKey(t => t.BedId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Institution>().WithMany().HasForeignKey(t => t.EscortInstitutionId).OnDelete(DeleteBehavior.Restrict);
        e.Property(t => t.MeetingPointEnc).IsEncrypted();
        e.Property(t => t.AliasEnc).IsEncrypted();
    }
}
