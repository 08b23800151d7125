using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Features.Accommodation;

/// <summary>How <see cref="Shelter"/> is stored.</summary>
internal sealed class ShelterConfiguration : IEntityTypeConfiguration<Shelter>
{
    public void Configure(EntityTypeBuilder<Shelter> e)
    {
        e.ToTable("shelters");
        e.Property(s => s.Name).HasMaxLength(200);
        e.Property(s => s.Languages).HasMaxLength(200);
        e.Property(s => s.Ownership).HasConversion<string>().HasMaxLength(20);
        e.HasIndex(s => new { s.InstitutionId, s.Name }).IsUnique();
        e.HasOne<Institution>().WithMany().HasForeignKey(s => s.InstitutionId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<DataKey>().WithMany().HasForeignKey(s => s.DataKeyId).OnDelete(DeleteBehavior.Restrict);
        e.Property(s => s.AddressEnc).IsEncrypted();
        e.Property(s => s.HouseRulesAz).HasMaxLength(8000);
        e.Property(s => s.HouseRulesRu).HasMaxLength(8000);
        e.Property(s => s.HouseRulesEn).HasMaxLength(8000);
    }
}
