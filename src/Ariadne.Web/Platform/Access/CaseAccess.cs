using System.Linq.Expressions;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Features.Referrals;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Platform.Access;

/// <summary>
/// The one predicate: "the cases visible to this user now". A case is visible through an active grant
/// to the user, or to the user's institution in a relation the user's roles can hold, or through the
/// user's own unexpired break-glass opening. Lists, searches, counts, exports, detail pages, API
/// responses and downloads all go through <see cref="VisibleCases"/>, <see cref="RightsAsync"/> or
/// <see cref="PageAsync"/>, which are built from the same two expressions and so cannot disagree.
/// </summary>
public sealed class CaseAccess(AriadneDbContext db, TimeProvider time)
{
    public sealed record Row(Guid Id, long Recency);

    /// <summary>A grant in force at <paramref name="now"/>.</summary>
    public static Expression<Func<Grant, bool>> InForce(DateTimeOffset now) =>
        g => g.RevokedAt == null && g.ValidFrom <= now && (g.ValidUntil == null || g.ValidUntil > now);

    /// <summary>A grant held by the viewer, directly or through their institution.</summary>
    public static Expression<Func<Grant, bool>> HeldBy(Viewer v)
    {
        var relations = v.InstitutionRelations.ToList();
        return g => g.GranteeUserId == v.UserId || (g.GranteeInstitutionId == v.InstitutionId && relations.Contains(g.Relation));
    }

    public IQueryable<Grant> ActiveGrants(Viewer v) => db.Grants.Where(InForce(time.GetUtcNow())).Where(HeldBy(v));

    public IQueryable<BreakGlassAccess> ActiveBreakGlass(Viewer v)
    {
        var now = time.GetUtcNow();
        return db.BreakGlassAccesses.Where(b => b.UserId == v.UserId && b.StartedAt <= now && b.ExpiresAt > now);
    }

    public IQueryable<ProtectionCase> VisibleCases(Viewer v)
    {
        var grants = ActiveGrants(v);
        var breakGlass = ActiveBreakGlass(v);
        return db.Cases.Where(c => grants.Any(g => g.CaseId == c.Id) || breakGlass.Any(b => b.CaseId == c.Id));
    }

    /// <summary>
    /// The referrals visible to the viewer: those their institution made (to holders of a role that can
    /// refer — the referrer's view of the referral it made; a child's referral only to the person who made
    /// it), those addressed to their Squad (to the duty
    /// desk), and the one that became a case they investigate. Nobody else, whatever their role.
    /// </summary>
    public IQueryable<Referral> VisibleReferrals(Viewer v)
    {
        var referrer = v.InstitutionRelations.Contains(Relation.Referrer);
        var desk = v.OnDutyDesk;
        var investigating = ActiveGrants(v).Where(g => g.Relation == Relation.Investigator);
        // A child's referral stays with the person who made it, not their whole institution.
        return db.Referrals.Where(r => (referrer && r.ReferringInstitutionId == v.InstitutionId && (!r.Child || r.ReferredBy == v.UserId))
                                       || (desk && r.SquadInstitutionId == v.InstitutionId)
                                       || (r.CaseId != null && investigating.Any(g => g.CaseId == r.CaseId)));
    }

    /// <summary>Onward referrals addressed to the viewer's institution in a relation the viewer's roles can hold (the recipient's inbox).</summary>
    public IQueryable<OnwardReferral> OnwardInbox(Viewer v)
    {
        var relations = v.InstitutionRelations.ToList();
        return db.OnwardReferrals.Where(o => o.RecipientInstitutionId == v.InstitutionId && relations.Contains(o.Relation));
    }

    /// <summary>Whether the case's person was erased (their data key destroyed): nothing personal can be written any more.</summary>
    public Task<bool> IsErasedAsync(Guid caseId, CancellationToken cancellationToken = default) =>
        (from c in db.Cases
         where c.Id == caseId
         join p in db.People on c.PersonId equals p.Id
         join k in db.DataKeys on p.DataKeyId equals k.Id
         select k.WrappedKey == null).FirstAsync(cancellationToken);

    /// <summary>The union of what the viewer's grants open on this case; break-glass if nothing else; null if invisible.</summary>
    public async Task<CaseRights?> RightsAsync(Viewer v, Guid caseId, CancellationToken cancellationToken = default)
    {
        var grants = await ActiveGrants(v).Where(g => g.CaseId == caseId)
            .Select(g => new { g.Read, g.Write, g.Relation }).ToListAsync(cancellationToken);
        if (grants.Count > 0)
        {
            var read = grants.Aggregate(DataClass.None, (acc, g) => acc | g.Read | g.Write);
            var write = grants.Aggregate(DataClass.None, (acc, g) => acc | g.Write);
            var through = string.Join(',', grants.Select(g => g.Relation.ToString()).Distinct().Order(StringComparer.Ordinal));
            return new CaseRights(read, write, through);
        }
        return await ActiveBreakGlass(v).AnyAsync(b => b.CaseId == caseId, cancellationToken) ? CaseRights.BreakGlass : null;
    }

    /// <summary>
    /// One page of the viewer's visible cases, newest first, after <paramref name="before"/> (a recency key).
    /// Each principal the viewer acts as (the user; the institution in each relation; break-glass) is read
    /// from its own index already in recency order, and the short runs are merged: the cost follows the
    /// page size, not the number of grants.
    /// </summary>
    public async Task<IReadOnlyList<Row>> PageAsync(Viewer v, long? before, int size, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var cursor = before ?? long.MaxValue;
        var runs = new List<Row>();
        var active = db.Grants.Where(InForce(now)).Where(g => g.CaseRecency < cursor);

        runs.AddRange(await active.Where(g => g.GranteeUserId == v.UserId)
            .OrderByDescending(g => g.CaseRecency).Take(size)
            .Select(g => new Row(g.CaseId, g.CaseRecency)).ToListAsync(cancellationToken));
        foreach (var relation in v.InstitutionRelations)
            runs.AddRange(await active.Where(g => g.GranteeInstitutionId == v.InstitutionId && g.Relation == relation)
                .OrderByDescending(g => g.CaseRecency).Take(size)
                .Select(g => new Row(g.CaseId, g.CaseRecency)).ToListAsync(cancellationToken));
        runs.AddRange(await (from b in ActiveBreakGlass(v)
                             join c in db.Cases on b.CaseId equals c.Id
                             where c.Recency < cursor
                             select new Row(c.Id, c.Recency)).ToListAsync(cancellationToken));

        return runs.DistinctBy(r => r.Id).OrderByDescending(r => r.Recency).Take(size).ToList();
    }
}
