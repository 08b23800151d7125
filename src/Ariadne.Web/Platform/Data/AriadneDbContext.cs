using Ariadne.Web.Features.Participants;
using Ariadne.Web.Platform.Api;
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
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<DataProtectionKey>().ToTable("data_protection_keys");

        builder.Entity<Institution>(e =>
        {
            e.ToTable("institutions");
            e.Property(i => i.Name).HasMaxLength(200);
            e.Property(i => i.Code).HasMaxLength(32);
            e.HasIndex(i => i.Code).IsUnique();
            e.Property(i => i.Kind).HasConversion<string>().HasMaxLength(40);
        });

        builder.Entity<AriadneUser>(e =>
        {
            e.Property(u => u.DisplayName).HasMaxLength(200);
            e.HasOne(u => u.Institution).WithMany().HasForeignKey(u => u.InstitutionId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(u => u.Trainings).WithOne().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<TrainingRecord>(e =>
        {
            e.ToTable("training_records");
            e.Property(t => t.Course).HasMaxLength(200);
            e.Property(t => t.Provider).HasMaxLength(200);
            e.Property(t => t.Topic).HasConversion<string>().HasMaxLength(40);
        });

        builder.Entity<ApiToken>(e =>
        {
            e.ToTable("api_tokens");
            e.Property(t => t.Name).HasMaxLength(100);
            e.Property(t => t.Prefix).HasMaxLength(16);
            e.Property(t => t.Scopes).HasMaxLength(200);
            e.HasIndex(t => t.SecretHash).IsUnique();
            e.HasIndex(t => t.UserId);
            e.HasOne<AriadneUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<IdempotencyRecord>(e =>
        {
            e.ToTable("idempotency_records");
            e.HasKey(r => new { r.UserId, r.Key });
            e.Property(r => r.Key).HasMaxLength(100);
            e.Property(r => r.RequestHash).HasMaxLength(64);
            e.Property(r => r.ResourceType).HasMaxLength(40);
        });

        // SQLite cannot order or compare DateTimeOffset; store UTC ticks there, native timestamptz on PostgreSQL.
        if (Database.IsSqlite())
        {
            foreach (var entity in builder.Model.GetEntityTypes())
                foreach (var property in entity.GetProperties().Where(p => p.ClrType == typeof(DateTimeOffset) || p.ClrType == typeof(DateTimeOffset?)))
                    property.SetValueConverter(new Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter());
        }
    }
}

public sealed class SqliteAriadneDbContext(DbContextOptions<SqliteAriadneDbContext> options) : AriadneDbContext(options);

public sealed class PostgresAriadneDbContext(DbContextOptions<PostgresAriadneDbContext> options) : AriadneDbContext(options);
