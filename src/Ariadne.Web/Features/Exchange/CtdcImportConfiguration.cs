using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Features.Exchange;

/// <summary>How <see cref="CtdcImport"/> is stored: one row per file, unique by its hash.</summary>
internal sealed class CtdcImportConfiguration : IEntityTypeConfiguration<CtdcImport>
{
    public void Configure(EntityTypeBuilder<CtdcImport> e)
    {
        e.ToTable("ctdc_imports");
        e.Property(x => x.Sha256).HasMaxLength(64);
        e.HasIndex(x => x.Sha256).IsUnique();
    }
}
