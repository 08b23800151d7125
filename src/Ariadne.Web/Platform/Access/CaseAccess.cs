using System.Linq.Expressions;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Platform.Access;

/// <summary>
/// The one predicate: "the cases visible to this user now". A case is visible through an active grant
/// to the user, or to the user's institution in a relation the user's roles can hold, or through the
/// user's own unexpired break-glass opening. Lists, searches, counts, exports, detail pages, API
/// responses and downloads all go through <see cref="VisibleCaseIds"/>, <see cref="ActiveGrants"/> or
/// <see cref="RightsAsync"/>, which are built from the same two expressions and so cannot disagree. The
/// modules build their own visibility on these (the Cases module's VisibleCases and page of cases, the
/// referrals a viewer may see, an onward inbox) as extension members in their own folders.
/// </summary>
public sealed class CaseAccess(AriadneDbContext db, TimeProvider time)
{
    /// <summary>A grant in force at <paramref name="now"/>.</summary>
    public static Expression<Func<Grant, bool>> InForce(DateTimeOffset now) =>
        g => g.RevokedAt == null && g.ValidFrom <= now && (g.ValidUntil == null || g.ValidUntil > now);

    /// <summary>A grant held by the viewer, directly or through their institution: <see cref="HeldByUser"/> or <see cref="HeldByInstitution"/>.</summary>
    public static Expression<Func<Grant, bool>> HeldBy(Viewer v)
    {
        var user = HeldByUser(v);
        var institution = HeldByInstitution(v);
        var body = Expression.OrElse(user.Body, new Rebind(institution.Parameters[0], user.Parameters[0]).Visit(institution.Body));
        return Expression.Lambda<Func<Grant, bool>>(body, user.Parameters);
    }

    /// <summary>A grant held by the viewer themself.</summary>
    public static Expression<Func<Grant, bool>> HeldByUser(Viewer v) => g => g.GranteeUserId == v.UserId;

    /// <summary>A grant held by the viewer's institution, in a relation the viewer's roles can hold.</summary>
    public static Expression<Func<Grant, bool>> HeldByInstitution(Viewer v)
    {
        var relations = v.InstitutionRelations.ToList();
        return g => g.GranteeInstitutionId == v.InstitutionId && relations.Contains(g.Relation);
    }

    /// <summary>Puts one lambda's parameter in place of another's, so that two predicates on a grant join into one.</summary>
    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }

    /// <summary>The database the predicate reads; for the modules' own visibility rules built on it (their extension members).</summary>
    internal AriadneDbContext Db => db;

    /// <summary>The clock the predicate reads.</summary>
    internal DateTimeOffset Now => time.GetUtcNow();

    /// <summary>
    /// The ids of the cases visible to the viewer now: through a grant in force, or their own unexpired break-glass opening.
    /// The grants are <see cref="ActiveGrants"/>'s, read as a UNION ALL of its two halves (<see cref="HeldBy"/> is their OR): each
    /// half then comes from its own covering index alone, where the OR makes PostgreSQL combine the two indexes' bitmaps and
    /// visit every grant's row in the table (the "my cases" query's largest cost in the load run of 2026-12-07).
    /// </summary>
    public IQueryable<Guid> VisibleCaseIds(Viewer v)
    {
        var inForce = db.Grants.Where(InForce(time.GetUtcNow()));
        return inForce.Where(HeldByUser(v)).Select(g => g.CaseId)
            .Concat(inForce.Where(HeldByInstitution(v)).Select(g => g.CaseId))
            .Concat(ActiveBreakGlass(v).Select(b => b.CaseId));
    }

    public IQueryable<Grant> ActiveGrants(Viewer v) => db.Grants.Where(InForce(time.GetUtcNow())).Where(HeldBy(v));

    public IQueryable<BreakGlassAccess> ActiveBreakGlass(Viewer v)
    {
        var now = time.GetUtcNow();
        return db.BreakGlassAccesses.Where(b => b.UserId == v.UserId && b.StartedAt <= now && b.ExpiresAt > now);
    }

    /// <summary>The union of what the viewer's grants open on this case; break-glass if nothing else; null if invisible.</summary>
    public async Task<CaseRights?> RightsAsync(Viewer v, Guid caseId, CancellationToken cancellationToken = default)
    {
        var grants = await ActiveGrants(v).Where(g => g.CaseId == caseId)
            .Select(g => new { g.Read, g.Write, g.Relation }).ToListAsync(cancellationToken);
        if (grants.Count > 0)
        {
            var read = grants.Aggregate(DataClass.None, (acc, g) => acc | g.Read | g.Write);
            var write = grants.Aggregate(DataClass.None, (acc, g) => acc | g.Write);
            return CaseRights.ForGrants(read, write, grants.Select(g => g.Relation));
        }
        return await ActiveBreakGlass(v).AnyAsync(b => b.CaseId == caseId, cancellationToken) ? CaseRights.BreakGlass : null;
    }
}
