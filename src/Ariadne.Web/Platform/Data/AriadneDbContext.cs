using Ariadne.Web.Features.Cases;
using Ariadne.Web.Features.Identification;
using Ariadne.Web.Features.Participants;
using Ariadne.Web.Features.Referrals;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Jobs;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

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
    public DbSet<AccountChange> AccountChanges => Set<AccountChange>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<AuditCheckpoint> AuditCheckpoints => Set<AuditCheckpoint>();
    public DbSet<DataKey> DataKeys => Set<DataKey>();
    public DbSet<JobLease> JobLeases => Set<JobLease>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<ProtectionCase> Cases => Set<ProtectionCase>();
    public DbSet<Grant> Grants => Set<Grant>();
    public DbSet<BreakGlassAccess> BreakGlassAccesses => Set<BreakGlassAccess>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<Referral> Referrals => Set<Referral>();
    public DbSet<ReferralFile> ReferralFiles => Set<ReferralFile>();
    public DbSet<Screening> Screenings => Set<Screening>();
    public DbSet<IdentificationDecision> IdentificationDecisions => Set<IdentificationDecision>();
    public DbSet<Consent> Consents => Set<Consent>();
    public DbSet<OnwardReferral> OnwardReferrals => Set<OnwardReferral>();
    public DbSet<RiskAssessment> RiskAssessments => Set<RiskAssessment>();
    public DbSet<AgeAssessment> AgeAssessments => Set<AgeAssessment>();
    public DbSet<Features.Coordination.NationalCountSnapshot> NationalCountSnapshots => Set<Features.Coordination.NationalCountSnapshot>();

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
            // Only OneTimeTotpProvider's conditional UPDATE may move the spent TOTP step: no save of the
            // user entity (Identity's UserStore.UpdateAsync marks every property modified) can write it back.
            e.Property(u => u.LastTotpTimeStep).Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
        });

        builder.Entity<TrainingRecord>(e =>
        {
            e.ToTable("training_records");
            e.Property(t => t.Course).HasMaxLength(200);
            e.Property(t => t.Provider).HasMaxLength(200);
            e.Property(t => t.Topic).HasConversion<string>().HasMaxLength(40);
        });

        builder.Entity<AccountChange>(e =>
        {
            e.ToTable("account_changes");
            e.Property(c => c.Kind).HasMaxLength(20);
            e.Property(c => c.Payload).HasMaxLength(2000);
            e.HasIndex(c => new { c.InstitutionId, c.DecidedAt });
            e.HasIndex(c => c.UserId);
            e.HasOne<AriadneUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Institution>().WithMany().HasForeignKey(c => c.InstitutionId).OnDelete(DeleteBehavior.Restrict);
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

        builder.Entity<AuditEvent>(e =>
        {
            e.ToTable("audit_events");
            e.HasKey(a => a.Sequence);
            e.Property(a => a.Sequence).ValueGeneratedNever();
            e.Property(a => a.Action).HasMaxLength(60);
            e.Property(a => a.TargetType).HasMaxLength(40);
            e.Property(a => a.Relation).HasMaxLength(40);
            e.Property(a => a.Purpose).HasMaxLength(80);
            e.Property(a => a.Outcome).HasMaxLength(16);
            e.HasIndex(a => new { a.CaseId, a.Sequence });
            e.HasIndex(a => new { a.ActorUserId, a.Sequence });
        });
        builder.Entity<AuditCheckpoint>(e =>
        {
            e.ToTable("audit_checkpoints");
            e.Property(c => c.KeyId).HasMaxLength(64);
        });
        builder.Entity<DataKey>(e => e.ToTable("data_keys"));
        builder.Entity<JobLease>(e =>
        {
            e.ToTable("job_leases");
            e.HasKey(l => l.Name);
            e.Property(l => l.Name).HasMaxLength(60);
            e.Property(l => l.Holder).HasMaxLength(120);
        });
        builder.Entity<Person>(e =>
        {
            e.ToTable("people");
            e.HasIndex(p => p.DocumentNumberIndex);
            e.HasIndex(p => p.PhoneIndex);
            e.HasOne<DataKey>().WithMany().HasForeignKey(p => p.DataKeyId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<ProtectionCase>(e =>
        {
            e.ToTable("cases");
            e.Property(c => c.Number).HasMaxLength(20);
            e.HasIndex(c => c.Number).IsUnique();
            e.HasIndex(c => c.Recency).IsUnique();
            e.HasIndex(c => c.PersonId);
            e.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
            e.HasOne(c => c.Person).WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Institution>().WithMany().HasForeignKey(c => c.ResponsibleInstitutionId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Grant>(e =>
        {
            e.Property(g => g.Relation).HasConversion<string>().HasMaxLength(30);
            e.Property(g => g.Reason).HasMaxLength(200);
            e.HasOne<ProtectionCase>().WithMany().HasForeignKey(g => g.CaseId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<AriadneUser>().WithMany().HasForeignKey(g => g.GranteeUserId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Institution>().WithMany().HasForeignKey(g => g.GranteeInstitutionId).OnDelete(DeleteBehavior.Restrict);
            // A principal's visible cases, newest first, straight from the index (keyset on CaseRecency).
            e.HasIndex(g => new { g.GranteeUserId, g.CaseRecency });
            e.HasIndex(g => new { g.GranteeInstitutionId, g.Relation, g.CaseRecency });
            e.HasIndex(g => g.CaseId);
            e.ToTable("grants", t => t.HasCheckConstraint("ck_grants_one_grantee",
                "(\"GranteeUserId\" IS NULL) <> (\"GranteeInstitutionId\" IS NULL)"));
        });
        builder.Entity<BreakGlassAccess>(e =>
        {
            e.ToTable("break_glass");
            e.Property(b => b.Reason).HasConversion<string>().HasMaxLength(40);
            e.HasIndex(b => new { b.UserId, b.ExpiresAt });
            e.HasIndex(b => b.ReviewedAt);
            e.HasOne<ProtectionCase>().WithMany().HasForeignKey(b => b.CaseId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Notification>(e =>
        {
            e.ToTable("notifications");
            e.Property(n => n.Kind).HasMaxLength(40);
            e.Property(n => n.RecipientRole).HasMaxLength(40);
            e.Property(n => n.CaseNumber).HasMaxLength(20);
            e.HasIndex(n => n.RecipientUserId);
            e.HasIndex(n => n.RecipientInstitutionId);
        });

        builder.Entity<ProtectionCase>(e => e.Property(c => c.TraffickingStatus).HasConversion<string>().HasMaxLength(20));
        builder.Entity<Referral>(e =>
        {
            e.ToTable("referrals");
            e.Property(r => r.Number).HasMaxLength(20);
            e.HasIndex(r => r.Number).IsUnique();
            e.HasIndex(r => r.Sequence).IsUnique();
            e.Property(r => r.Urgency).HasConversion<string>().HasMaxLength(20);
            e.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(r => r.Consent).HasConversion<string>().HasMaxLength(20);
            // Two desk actions on one referral (double submit, two officers): the second finds the status changed and fails.
            e.Property(r => r.Status).IsConcurrencyToken();
            e.HasIndex(r => new { r.SquadInstitutionId, r.Sequence });
            e.HasIndex(r => new { r.ReferringInstitutionId, r.Sequence });
            e.HasIndex(r => new { r.AcknowledgedAt, r.AcknowledgeBy });
            e.HasIndex(r => r.CaseId);
            e.HasIndex(r => r.DocumentNumberIndex);
            e.HasIndex(r => r.PhoneIndex);
            e.HasOne<Institution>().WithMany().HasForeignKey(r => r.SquadInstitutionId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Institution>().WithMany().HasForeignKey(r => r.ReferringInstitutionId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<ProtectionCase>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<DataKey>().WithMany().HasForeignKey(r => r.DataKeyId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<ReferralFile>(e =>
        {
            e.ToTable("referral_files");
            e.Property(f => f.ContentType).HasMaxLength(40);
            e.HasOne<Referral>().WithMany().HasForeignKey(f => f.ReferralId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Screening>(e =>
        {
            e.ToTable("screenings");
            e.HasIndex(x => new { x.CaseId, x.RecordedAt });
            e.HasOne<ProtectionCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<IdentificationDecision>(e =>
        {
            e.ToTable("identification_decisions");
            e.Property(d => d.Status).HasConversion<string>().HasMaxLength(20);
            e.Property(d => d.Body).HasConversion<string>().HasMaxLength(30);
            e.HasIndex(d => new { d.CaseId, d.RecordedAt });
            e.HasOne<ProtectionCase>().WithMany().HasForeignKey(d => d.CaseId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Consent>(e =>
        {
            e.ToTable("consents");
            e.Property(c => c.Purpose).HasConversion<string>().HasMaxLength(20);
            e.Property(c => c.Form).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(c => c.CaseId);
            e.HasOne<ProtectionCase>().WithMany().HasForeignKey(c => c.CaseId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Institution>().WithMany().HasForeignKey(c => c.RecipientInstitutionId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<OnwardReferral>(e =>
        {
            e.ToTable("onward_referrals");
            e.Property(o => o.Relation).HasConversion<string>().HasMaxLength(30);
            e.Property(o => o.Status).HasConversion<string>().HasMaxLength(20).IsConcurrencyToken();
            e.HasIndex(o => o.CaseId);
            // At most one open onward referral per case, recipient and relation.
            e.HasIndex(o => new { o.CaseId, o.RecipientInstitutionId, o.Relation }).IsUnique()
                .HasFilter("\"Status\" IN ('Pending', 'Accepted')").HasDatabaseName("ux_onward_open");
            e.HasIndex(o => new { o.RecipientInstitutionId, o.Status });
            e.HasOne<ProtectionCase>().WithMany().HasForeignKey(o => o.CaseId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Institution>().WithMany().HasForeignKey(o => o.RecipientInstitutionId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<RiskAssessment>(e =>
        {
            e.ToTable("risk_assessments");
            e.HasIndex(x => new { x.CaseId, x.RecordedAt });
            e.HasOne<ProtectionCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<AgeAssessment>(e =>
        {
            e.ToTable("age_assessments");
            e.HasIndex(x => new { x.CaseId, x.RecordedAt });
            e.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Method).HasConversion<string>().HasMaxLength(30);
            e.HasOne<ProtectionCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Features.Coordination.NationalCountSnapshot>(e =>
        {
            e.ToTable("national_count_snapshots");
            e.HasIndex(x => x.TakenAt);
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
