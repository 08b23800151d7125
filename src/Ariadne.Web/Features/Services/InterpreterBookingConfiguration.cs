using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Crypto;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Features.Services;

/// <summary>How <see cref="InterpreterBooking"/> is stored.</summary>
internal sealed class InterpreterBookingConfiguration : IEntityTypeConfiguration<InterpreterBooking>
{
    public void Configure(EntityTypeBuilder<InterpreterBooking> e)
    {
        e.ToTable("interpreter_bookings");
        e.Property(b => b.Language).HasMaxLength(2);
        e.HasIndex(b => new { b.CaseId, b.At });
        e.HasOne<ProtectionCase>().WithMany().HasForeignKey(b => b.CaseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<ServiceReferral>().WithMany().HasForeignKey(b => b.ServiceReferralId).OnDelete(DeleteBehavior.Restrict);
        e.Property(b => b.PurposeEnc).IsEncrypted();
    }
}
