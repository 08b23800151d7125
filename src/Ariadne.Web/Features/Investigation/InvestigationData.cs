using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Investigation;

/// <summary>This module's tables, as properties of the one <see cref="AriadneDbContext"/>.</summary>
public static class InvestigationData
{
    extension(AriadneDbContext db)
    {
        public DbSet<CriminalFile> CriminalFiles => db.Set<CriminalFile>();
        public DbSet<FileOffence> FileOffences => db.Set<FileOffence>();
        public DbSet<FileStageEvent> FileStageEvents => db.Set<FileStageEvent>();
        public DbSet<FileParty> FileParties => db.Set<FileParty>();
        public DbSet<CoerciveMeasure> CoerciveMeasures => db.Set<CoerciveMeasure>();
        public DbSet<NonPunishmentRecord> NonPunishmentRecords => db.Set<NonPunishmentRecord>();
        public DbSet<FileGrant> FileGrants => db.Set<FileGrant>();
        public DbSet<EvidenceItem> EvidenceItems => db.Set<EvidenceItem>();
        public DbSet<EvidenceContent> EvidenceContents => db.Set<EvidenceContent>();
        public DbSet<CustodyEvent> CustodyEvents => db.Set<CustodyEvent>();
        public DbSet<FileEntity> FileEntities => db.Set<FileEntity>();
        public DbSet<FileLink> FileLinks => db.Set<FileLink>();
        public DbSet<EntityMerge> EntityMerges => db.Set<EntityMerge>();
        public DbSet<ConnectionRequest> ConnectionRequests => db.Set<ConnectionRequest>();
        public DbSet<EntityExport> EntityExports => db.Set<EntityExport>();
    }
}
