using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Platform.Participants;

/// <summary>How <see cref="Institution"/> is stored; applied with every other configuration of the assembly.</summary>
internal sealed class InstitutionConfiguration : IEntityTypeConfiguration<Institution>
{
    public void Configure(EntityTypeBuilder<Institution> e)
    {
        e.ToTable("institutions");
        e.Property(i => i.Name).HasMaxLength(200);
        e.Property(i => i.Code).HasMaxLength(32);
        e.HasIndex(i => i.Code).IsUnique();
        e.Property(i => i.Kind).HasConversion<string>().HasMaxLength(40);
    }
}
