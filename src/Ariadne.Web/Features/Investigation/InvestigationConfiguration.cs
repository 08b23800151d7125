using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Features.Investigation;

internal sealed class CriminalFileConfiguration : IEntityTypeConfiguration<CriminalFile>
{
    public void Configure(EntityTypeBuilder<CriminalFile> e)
    {
        e.ToTable("criminal_files");
        e.Property(f => f.Number).HasMaxLength(20);
        e.HasIndex(f => f.Number).IsUnique();
        e.Property(f => f.OfficialNumber).HasMaxLength(40);
        e.Property(f => f.Stage).HasConversion<string>().HasMaxLength(30);
        e.Property(f => f.TitleEnc).IsEncrypted();
        e.Property(f => f.SummaryEnc).IsEncrypted();
        e.HasIndex(f => new { f.OwnerInstitutionId, f.UpdatedAt });
        e.HasOne<Institution>().WithMany().HasForeignKey(f => f.OwnerInstitutionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FileOffenceConfiguration : IEntityTypeConfiguration<FileOffence>
{
    public void Configure(EntityTypeBuilder<FileOffence> e)
    {
        e.ToTable("criminal_file_offences");
        e.Property(o => o.Code).HasMaxLength(20);
        e.HasIndex(o => new { o.FileId, o.Code }).IsUnique();
        e.HasOne<CriminalFile>().WithMany().HasForeignKey(o => o.FileId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FileStageEventConfiguration : IEntityTypeConfiguration<FileStageEvent>
{
    public void Configure(EntityTypeBuilder<FileStageEvent> e)
    {
        e.ToTable("criminal_file_stages");
        e.Property(s => s.Stage).HasConversion<string>().HasMaxLength(30);
        e.Property(s => s.NoteEnc).IsEncrypted();
        e.HasIndex(s => new { s.FileId, s.RecordedAt });
        e.HasOne<CriminalFile>().WithMany().HasForeignKey(s => s.FileId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FilePartyConfiguration : IEntityTypeConfiguration<FileParty>
{
    public void Configure(EntityTypeBuilder<FileParty> e)
    {
        e.ToTable("criminal_file_parties");
        e.Property(p => p.Role).HasConversion<string>().HasMaxLength(20);
        e.Property(p => p.Sex).HasConversion<string>().HasMaxLength(10);
        e.Property(p => p.Citizenship).HasMaxLength(3);
        e.Property(p => p.Outcome).HasConversion<string>().HasMaxLength(30);
        e.Property(p => p.NameEnc).IsEncrypted();
        e.Property(p => p.DetailEnc).IsEncrypted();
        e.HasIndex(p => new { p.FileId, p.Role });
        e.HasIndex(p => p.CaseId);
        e.HasOne<CriminalFile>().WithMany().HasForeignKey(p => p.FileId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CoerciveMeasureConfiguration : IEntityTypeConfiguration<CoerciveMeasure>
{
    public void Configure(EntityTypeBuilder<CoerciveMeasure> e)
    {
        e.ToTable("criminal_file_measures");
        e.Property(m => m.Kind).HasConversion<string>().HasMaxLength(30);
        e.Property(m => m.OrderedBy).HasConversion<string>().HasMaxLength(20);
        e.Property(m => m.NoteEnc).IsEncrypted();
        e.HasIndex(m => m.FileId);
        e.HasOne<FileParty>().WithMany().HasForeignKey(m => m.PartyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class NonPunishmentRecordConfiguration : IEntityTypeConfiguration<NonPunishmentRecord>
{
    public void Configure(EntityTypeBuilder<NonPunishmentRecord> e)
    {
        e.ToTable("criminal_file_non_punishment");
        e.Property(n => n.Decision).HasConversion<string>().HasMaxLength(20);
        e.Property(n => n.OffenceEnc).IsEncrypted();
        e.HasIndex(n => n.FileId);
        e.HasIndex(n => n.Decision);
        e.HasOne<FileParty>().WithMany().HasForeignKey(n => n.PartyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FileGrantConfiguration : IEntityTypeConfiguration<FileGrant>
{
    public void Configure(EntityTypeBuilder<FileGrant> e)
    {
        e.ToTable("criminal_file_grants");
        e.Property(g => g.Relation).HasConversion<string>().HasMaxLength(30);
        e.Property(g => g.Reason).HasMaxLength(500);
        e.HasIndex(g => new { g.GranteeInstitutionId, g.FileId });
        e.HasIndex(g => new { g.GranteeUserId, g.FileId });
        e.HasIndex(g => g.FileId);
        e.HasOne<CriminalFile>().WithMany().HasForeignKey(g => g.FileId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EvidenceItemConfiguration : IEntityTypeConfiguration<EvidenceItem>
{
    public void Configure(EntityTypeBuilder<EvidenceItem> e)
    {
        e.ToTable("evidence_items");
        e.Property(i => i.Number).HasMaxLength(20);
        e.HasIndex(i => i.Number).IsUnique();
        e.Property(i => i.ContentType).HasMaxLength(100);
        e.Property(i => i.Sha256).HasMaxLength(32);
        e.Property(i => i.SigningKeyId).HasMaxLength(100);
        e.Property(i => i.Location).HasMaxLength(200);
        e.Property(i => i.DescriptionEnc).IsEncrypted();
        e.Property(i => i.FileNameEnc).IsEncrypted();
        e.HasIndex(i => i.FileId);
        e.HasOne<CriminalFile>().WithMany().HasForeignKey(i => i.FileId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EvidenceContentConfiguration : IEntityTypeConfiguration<EvidenceContent>
{
    public void Configure(EntityTypeBuilder<EvidenceContent> e)
    {
        e.ToTable("evidence_contents");
        e.HasKey(c => c.ItemId);
        e.Property(c => c.ContentEnc).IsEncrypted();
        e.HasOne<EvidenceItem>().WithOne().HasForeignKey<EvidenceContent>(c => c.ItemId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CustodyEventConfiguration : IEntityTypeConfiguration<CustodyEvent>
{
    public void Configure(EntityTypeBuilder<CustodyEvent> e)
    {
        e.ToTable("evidence_custody_events");
        e.Property(c => c.Kind).HasConversion<string>().HasMaxLength(30);
        e.Property(c => c.Location).HasMaxLength(200);
        e.Property(c => c.ReasonEnc).IsEncrypted();
        e.Property(c => c.PreviousHash).HasMaxLength(32);
        e.Property(c => c.Hash).HasMaxLength(32);
        e.HasIndex(c => new { c.ItemId, c.Sequence }).IsUnique();
        e.HasOne<EvidenceItem>().WithMany().HasForeignKey(c => c.ItemId).OnDelete(DeleteBehavior.Restrict);
    }
}
