using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Features.Cases;

/// <summary>How <see cref="ProtectionCase"/> is stored; applied with every other configuration of the assembly.</summary>
internal sealed class ProtectionCaseConfiguration : IEntityTypeConfiguration<ProtectionCase>
{
    public void Configure(EntityTypeBuilder<ProtectionCase> e)
    {
        // An AFTER UPDATE trigger copies UpdatedAt into the case's grants (Grant.CaseUpdatedAt): SQLite's RETURNING clause
        // cannot be used on such a table, so EF Core saves it without RETURNING there.
        e.ToTable("cases", t => t.UseSqlReturningClause(false));
        e.Property(c => c.Number).HasMaxLength(20);
        e.HasIndex(c => c.Number).IsUnique();
        e.HasIndex(c => c.Recency).IsUnique();
        e.HasIndex(c => c.PersonId);
        e.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(c => c.ClosureOutcome).HasConversion<string>().HasMaxLength(40);
        e.HasOne(c => c.Person).WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Institution>().WithMany().HasForeignKey(c => c.ResponsibleInstitutionId).OnDelete(DeleteBehavior.Restrict);
        e.Property(c => c.TraffickingStatus).HasConversion<string>().HasMaxLength(20);
        // Grants and break-glass openings belong to the access spine (Platform), which knows cases only by id: their
        // foreign key to the case is declared here, on the case's side.
        e.HasMany<Grant>().WithOne().HasForeignKey(g => g.CaseId).OnDelete(DeleteBehavior.Restrict);
        e.HasMany<BreakGlassAccess>().WithOne().HasForeignKey(b => b.CaseId).OnDelete(DeleteBehavior.Restrict);
        // Ciphertexts under the data key (see EncryptedFields): the table and column are bound into each one.
        e.Property(c => c.SituationEnc).IsEncrypted();
        e.Property(c => c.LegalEnc).IsEncrypted();
        e.Property(c => c.CareEnc).IsEncrypted();
        e.Property(c => c.SafetyPlanEnc).IsEncrypted();
    }
}
