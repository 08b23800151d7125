using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Crypto;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Features.Reintegration;

/// <summary>How <see cref="RetraffickingFlag"/> is stored.</summary>
internal sealed class RetraffickingFlagConfiguration : IEntityTypeConfiguration<RetraffickingFlag>
{
    public void Configure(EntityTypeBuilder<RetraffickingFlag> e)
    {
        e.ToTable("retrafficking_flags");
        e.HasIndex(f => new { f.CaseId, f.RecordedAt });
        e.HasIndex(f => f.ClosedAt);
        e.HasOne<ProtectionCase>().WithMany().HasForeignKey(f => f.CaseId).OnDelete(DeleteBehavior.Restrict);
        e.Property(f => f.NoteEnc).IsEncrypted();
    }
}
