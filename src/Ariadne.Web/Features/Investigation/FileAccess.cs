using System.Linq.Expressions;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Investigation;

/// <summary>
/// The one predicate for criminal files: "the files visible to this viewer now". A file is visible through a
/// <see cref="FileGrant"/> in force, to the user or to their institution in a relation their roles can hold — the same
/// two expressions as the platform's case predicate (<see cref="CaseAccess.InForce"/>, <see cref="CaseAccess.HeldBy"/>),
/// applied to files. Lists, the graph, searches, exports, the API and downloads all start from <see cref="VisibleFileIds"/>
/// or <see cref="RightsAsync"/>.
/// </summary>
public sealed class FileAccess(AriadneDbContext db, TimeProvider time)
{
    public static Expression<Func<FileGrant, bool>> InForce(DateTimeOffset now) =>
        g => g.RevokedAt == null && g.ValidFrom <= now && (g.ValidUntil == null || g.ValidUntil > now);

    public static Expression<Func<FileGrant, bool>> HeldBy(Viewer v)
    {
        var relations = v.InstitutionRelations.Where(IsFileRelation).ToList();
        return g => g.GranteeUserId == v.UserId || (g.GranteeInstitutionId == v.InstitutionId && relations.Contains(g.Relation));
    }

    /// <summary>The relations a criminal file knows.</summary>
    public static bool IsFileRelation(Relation r) => r is Relation.Investigator or Relation.SquadSupervisor or Relation.Prosecutor or Relation.Court;

    public IQueryable<FileGrant> ActiveGrants(Viewer v) => db.FileGrants.Where(InForce(time.GetUtcNow())).Where(HeldBy(v));

    public IQueryable<Guid> VisibleFileIds(Viewer v) => ActiveGrants(v).Select(g => g.FileId).Distinct();

    /// <summary>What the viewer's grants open on this file; null when it is not visible.</summary>
    public async Task<FileRights?> RightsAsync(Viewer v, Guid fileId, CancellationToken ct = default)
    {
        var grants = await ActiveGrants(v).Where(g => g.FileId == fileId).Select(g => new { g.Relation, g.ReadOnly }).Distinct().ToListAsync(ct);
        // A user grant names a relation the user's roles may not hold (a grant to a person): it still counts, as for cases.
        // A read-only grant (a granted connection request) opens the file to read and adds no relation.
        if (grants.Count == 0)
            return null;
        var relations = grants.Where(g => !g.ReadOnly).Select(g => g.Relation).ToHashSet();
        return new FileRights(relations) { ReadsOnly = relations.Count == 0 };
    }
}
