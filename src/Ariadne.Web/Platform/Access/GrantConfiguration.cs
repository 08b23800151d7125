using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ariadne.Web.Platform.Access;

/// <summary>How <see cref="Grant"/> is stored; applied with every other configuration of the assembly.</summary>
internal sealed class GrantConfiguration : IEntityTypeConfiguration<Grant>
{
    public void Configure(EntityTypeBuilder<Grant> e)
    {
        e.Property(g => g.Relation).HasConversion<string>().HasMaxLength(30);
        e.Property(g => g.Reason).HasMaxLength(200);
        e.HasOne<AriadneUser>().WithMany().HasForeignKey(g => g.GranteeUserId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Institution>().WithMany().HasForeignKey(g => g.GranteeInstitutionId).OnDelete(DeleteBehavior.Restrict);
        // A principal's visible cases, newest first, straight from the index (keyset on CaseRecency). On PostgreSQL each index
        // also carries what the predicate reads (the case and the grant's validity): "my cases" is then read from the index
        // alone, without visiting each grant's row in the table (a user with a thousand grants: 960 table pages, 62 ms cold,
        // then 1 ms; CaseAccess.VisibleCaseIds).
        e.HasIndex(g => new { g.GranteeUserId, g.CaseRecency })
            .IncludeProperties(g => new { g.CaseId, g.RevokedAt, g.ValidFrom, g.ValidUntil });
        e.HasIndex(g => new { g.GranteeInstitutionId, g.Relation, g.CaseRecency })
            .IncludeProperties(g => new { g.CaseId, g.RevokedAt, g.ValidFrom, g.ValidUntil });
        // The same, in the order of the case list ("my cases": last activity first): the page is merged from the first rows of
        // each principal's run instead of looking up every visible case to sort them (an investigator's thousand cases: 70 ms
        // for every page; CaseVisibility.ByActivityAsync).
        e.HasIndex(g => new { g.GranteeUserId, g.CaseUpdatedAt, g.CaseRecency }, "ix_grants_user_activity")
            .IncludeProperties(g => new { g.CaseId, g.RevokedAt, g.ValidFrom, g.ValidUntil });
        e.HasIndex(g => new { g.GranteeInstitutionId, g.Relation, g.CaseUpdatedAt, g.CaseRecency }, "ix_grants_institution_activity")
            .IncludeProperties(g => new { g.CaseId, g.RevokedAt, g.ValidFrom, g.ValidUntil });
        e.HasIndex(g => g.CaseId);
        // CaseUpdatedAt is written by triggers (on grants when a grant is written, on cases when a case's UpdatedAt changes). SQLite's
        // RETURNING clause cannot be used on a table with AFTER triggers, so EF Core saves these two tables without it there.
        e.ToTable("grants", t =>
        {
            t.HasCheckConstraint("ck_grants_one_grantee", "(\"GranteeUserId\" IS NULL) <> (\"GranteeInstitutionId\" IS NULL)");
            t.UseSqlReturningClause(false);
        });
    }
}
