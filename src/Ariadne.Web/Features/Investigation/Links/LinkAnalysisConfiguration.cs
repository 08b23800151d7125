using Ariadne.Web.Platform.Crypto;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Features.Investigation;

internal sealed class FileEntityConfiguration : IEntityTypeConfiguration<FileEntity>
{
    public void Configure(EntityTypeBuilder<FileEntity> e)
    {
        e.ToTable("investigation_entities");
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.ValueEnc).IsEncrypted();
        e.Property(x => x.DetailEnc).IsEncrypted();
        e.Property(x => x.SourceEnc).IsEncrypted();
        e.Property(x => x.Country).HasMaxLength(3);
        e.Property(x => x.Reliability).HasMaxLength(10);
        e.Property(x => x.Handling).HasMaxLength(10);
        e.Property(x => x.MatchKey).HasMaxLength(64);
        e.HasIndex(x => x.FileId);
        e.HasIndex(x => x.MatchKey);
        e.HasIndex(x => x.PartyId);
        e.HasIndex(x => x.MergedIntoId);
        e.HasOne<CriminalFile>().WithMany().HasForeignKey(x => x.FileId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<FileParty>().WithMany().HasForeignKey(x => x.PartyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FileLinkConfiguration : IEntityTypeConfiguration<FileLink>
{
    public void Configure(EntityTypeBuilder<FileLink> e)
    {
        e.ToTable("investigation_links");
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.SourceEnc).IsEncrypted();
        e.Property(x => x.Reliability).HasMaxLength(10);
        e.Property(x => x.Handling).HasMaxLength(10);
        e.HasIndex(x => x.FileId);
        e.HasIndex(x => x.FromId);
        e.HasIndex(x => x.ToId);
        e.HasOne<CriminalFile>().WithMany().HasForeignKey(x => x.FileId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<FileEntity>().WithMany().HasForeignKey(x => x.FromId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<FileEntity>().WithMany().HasForeignKey(x => x.ToId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EntityMergeConfiguration : IEntityTypeConfiguration<EntityMerge>
{
    public void Configure(EntityTypeBuilder<EntityMerge> e)
    {
        e.ToTable("investigation_entity_merges");
        e.Property(x => x.Reasons).HasMaxLength(1000);
        e.HasIndex(x => new { x.FileId, x.ConfirmedAt });
        e.HasIndex(x => x.MergedId);
        e.HasOne<CriminalFile>().WithMany().HasForeignKey(x => x.FileId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConnectionRequestConfiguration : IEntityTypeConfiguration<ConnectionRequest>
{
    public void Configure(EntityTypeBuilder<ConnectionRequest> e)
    {
        e.ToTable("investigation_connection_requests");
        e.Property(x => x.Target).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Relation).HasConversion<string>().HasMaxLength(30);
        e.Property(x => x.ReasonEnc).IsEncrypted();
        e.Property(x => x.DecisionNoteEnc).IsEncrypted();
        e.HasIndex(x => new { x.OwnerInstitutionId, x.Status });
        e.HasIndex(x => new { x.RequestedBy, x.RequestedAt });
        e.HasIndex(x => new { x.TargetId, x.RequestedBy, x.Status });
    }
}

internal sealed class EntityExportConfiguration : IEntityTypeConfiguration<EntityExport>
{
    public void Configure(EntityTypeBuilder<EntityExport> e)
    {
        e.ToTable("investigation_entity_exports");
        e.Property(x => x.LegalBasis).HasConversion<string>().HasMaxLength(40);
        e.Property(x => x.ReferenceEnc).IsEncrypted();
        e.HasIndex(x => new { x.FileId, x.ExportedAt });
        e.HasOne<CriminalFile>().WithMany().HasForeignKey(x => x.FileId).OnDelete(DeleteBehavior.Cascade);
    }
}
