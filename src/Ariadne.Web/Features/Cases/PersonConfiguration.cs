using Ariadne.Web.Platform.Crypto;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Features.Cases;

/// <summary>How <see cref="Person"/> is stored; applied with every other configuration of the assembly.</summary>
internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> e)
    {
        e.ToTable("people");
        e.HasIndex(p => p.DocumentNumberIndex);
        e.HasIndex(p => p.PhoneIndex);
        e.HasOne<DataKey>().WithMany().HasForeignKey(p => p.DataKeyId).OnDelete(DeleteBehavior.Restrict);
    }
}
