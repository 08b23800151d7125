using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Jobs;
using Ariadne.Web.Platform.Notifications;
using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Platform.Data;

/// <summary>
/// The one DbContext. Each provider has its own subclass so that its migrations are generated and
/// kept apart (<see cref="SqliteAriadneDbContext"/>, <see cref="PostgresAriadneDbContext"/>).
/// </summary>
public abstract class AriadneDbContext(DbContextOptions options)
    : IdentityDbContext<AriadneUser, IdentityRole<Guid>, Guid, IdentityUserClaim<Guid>, IdentityUserRole<Guid>,
        IdentityUserLogin<Guid>, IdentityRoleClaim<Guid>, IdentityUserToken<Guid>, IdentityUserPasskey<Guid>>(options),
        IDataProtectionKeyContext
{
    /// <summary>The key ring for cookies and antiforgery tokens, shared by every application node.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Institution> Institutions => Set<Institution>();
    public DbSet<TrainingRecord> Trainings => Set<TrainingRecord>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<Security.KnownSignInContext> KnownSignInContexts => Set<Security.KnownSignInContext>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<AuditCheckpoint> AuditCheckpoints => Set<AuditCheckpoint>();
    public DbSet<DataKey> DataKeys => Set<DataKey>();
    public DbSet<JobLease> JobLeases => Set<JobLease>();
    public DbSet<Grant> Grants => Set<Grant>();
    public DbSet<BreakGlassAccess> BreakGlassAccesses => Set<BreakGlassAccess>();
    public DbSet<Notification> Notifications => Set<Notification>();

    // A module's own tables are reached through its DbSet extension properties (e.g. CasesData), declared in its folder.

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
        // Every entity's mapping sits beside the entity, as an IEntityTypeConfiguration (Platform's and each module's).
        builder.ApplyConfigurationsFromAssembly(typeof(AriadneDbContext).Assembly);

        // SQLite cannot order or compare DateTimeOffset; store UTC ticks there, native timestamptz on PostgreSQL.
        if (Database.IsSqlite())
        {
            foreach (var entity in builder.Model.GetEntityTypes())
                foreach (var property in entity.GetProperties().Where(p => p.ClrType == typeof(DateTimeOffset) || p.ClrType == typeof(DateTimeOffset?)))
                    property.SetValueConverter(new Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter());
        }
    }
}
