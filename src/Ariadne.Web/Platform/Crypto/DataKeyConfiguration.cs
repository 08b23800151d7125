using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Platform.Crypto;

/// <summary>How <see cref="DataKey"/> is stored; applied with every other configuration of the assembly.</summary>
internal sealed class DataKeyConfiguration : IEntityTypeConfiguration<DataKey>
{
    public void Configure(EntityTypeBuilder<DataKey> e)
    {
        e.ToTable("data_keys");
    }
}
