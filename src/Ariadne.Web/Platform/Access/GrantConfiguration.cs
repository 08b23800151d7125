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
        e.HasIndex(g => g.CaseId);
        e.ToTable("grants", t => t.HasCheckConstraint("ck_grants_one_grantee",
            "(\"GranteeUserId\" IS NULL) <> (\"GranteeInstitutionId\" IS NULL)"));
    }
}
