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
        // Ciphertexts under the data key (see EncryptedFields): the table and column are bound into each one.
        e.Property(p => p.GivenNameEnc).IsEncrypted();
        e.Property(p => p.FamilyNameEnc).IsEncrypted();
        e.Property(p => p.PatronymicEnc).IsEncrypted();
        e.Property(p => p.DateOfBirthEnc).IsEncrypted();
        e.Property(p => p.SexEnc).IsEncrypted();
        e.Property(p => p.CitizenshipEnc).IsEncrypted();
        e.Property(p => p.LanguagesEnc).IsEncrypted();
        e.Property(p => p.DocumentNumberEnc).IsEncrypted();
        e.Property(p => p.PhoneEnc).IsEncrypted();
        e.Property(p => p.AddressEnc).IsEncrypted();
        e.Property(p => p.WhereaboutsEnc).IsEncrypted();
        e.Property(p => p.HealthEnc).IsEncrypted();
    }
}
