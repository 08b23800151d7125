using Ariadne.Web.Platform.Access;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Features.Cases;

/// <summary>
/// The cases a viewer may see, as rows: built only on <see cref="CaseAccess"/>'s predicate (grants in force
/// and the viewer's own break-glass openings), so lists, searches and counts cannot disagree with it.
/// </summary>
public static class CaseVisibility
{
    /// <summary>A case in a page of the viewer's visible cases: its id and recency key.</summary>
    public sealed record Row(Guid Id, long Recency);

    /// <summary>
    /// How deep into the list <see cref="CaseVisibility.ByActivityAsync"/> serves: each principal's run is read to this depth at most.
    /// Pages further down (rare: 40 pages of 25) sort the visible cases themselves.
    /// </summary>
    public const int ActivityDepth = 1_000;

    /// <summary>A case in the order of the case list: its id, last activity and recency key (the tie-break).</summary>
    private sealed record Activity(Guid Id, DateTimeOffset UpdatedAt, long Recency);

    extension(CaseAccess access)
    {
        /// <remarks>
        /// Written as "id IN (the viewer's grant case ids UNION ALL break-glass case ids)", not as two EXISTS joined by OR:
        /// PostgreSQL cannot turn an OR of sub-queries into a join, so it walked every case and probed both sets for each
        /// (the "my cases" page took 390 ms on 20,000 cases and seconds on 1,000,000, found by the load run); the IN form
        /// is a semi-join that starts from the viewer's few grants through their indexes (3 ms on the same data).
        /// </remarks>
        public IQueryable<ProtectionCase> VisibleCases(Viewer v)
        {
            var ids = access.VisibleCaseIds(v);
            return access.Db.Cases.Where(c => ids.Contains(c.Id));
        }

        /// <summary>Whether the case's person was erased (their data key destroyed): nothing personal can be written any more.</summary>
        public Task<bool> IsErasedAsync(Guid caseId, CancellationToken cancellationToken = default) =>
            (from c in access.Db.Cases
             where c.Id == caseId
             join p in access.Db.People on c.PersonId equals p.Id
             join k in access.Db.DataKeys on p.DataKeyId equals k.Id
             select k.WrappedKey == null).FirstAsync(cancellationToken);

        /// <summary>
        /// One page of the viewer's visible cases, newest first, after <paramref name="before"/> (a recency key).
        /// Each principal the viewer acts as (the user; the institution in each relation; break-glass) is read
        /// from its own index already in recency order, and the short runs are merged: the cost follows the
        /// page size, not the number of grants.
        /// </summary>
        public async Task<IReadOnlyList<Row>> PageAsync(Viewer v, long? before, int size, CancellationToken cancellationToken = default)
        {
            var cursor = before ?? long.MaxValue;
            var runs = new List<Row>();
            foreach (var run in access.GrantRuns(v, null))
                runs.AddRange(await run.Where(g => g.CaseRecency < cursor)
                    .OrderByDescending(g => g.CaseRecency).Take(size)
                    .Select(g => new Row(g.CaseId, g.CaseRecency)).ToListAsync(cancellationToken));
            runs.AddRange(await (from b in access.ActiveBreakGlass(v)
                                 join c in access.Db.Cases on b.CaseId equals c.Id
                                 where c.Recency < cursor
                                 select new Row(c.Id, c.Recency)).ToListAsync(cancellationToken));

            return runs.DistinctBy(r => r.Id).OrderByDescending(r => r.Recency).Take(size).ToList();
        }

        /// <summary>
        /// The viewer's grants in force as one run per principal they act as, each served by its own index: the user's own
        /// grants, and the institution's in each relation the viewer's roles hold (together, <see cref="CaseAccess.ActiveGrants"/>).
        /// With <paramref name="relation"/>, only the grants in that relation.
        /// </summary>
        private List<IQueryable<Grant>> GrantRuns(Viewer v, Relation? relation)
        {
            var inForce = access.Db.Grants.Where(CaseAccess.InForce(access.Now));
            var mine = inForce.Where(CaseAccess.HeldByUser(v));
            if (relation is { } only)
                mine = mine.Where(g => g.Relation == only);
            var runs = new List<IQueryable<Grant>> { mine };
            foreach (var held in v.InstitutionRelations.Where(r => relation is null || r == relation))
                runs.Add(inForce.Where(g => g.GranteeInstitutionId == v.InstitutionId && g.Relation == held));
            return runs;
        }

        /// <summary>
        /// The ids of one stretch of the viewer's visible cases in the case list's order, last activity first (or, with
        /// <paramref name="newestFirst"/> false, oldest first): <paramref name="take"/> ids after the first <paramref name="skip"/>.
        /// With <paramref name="relation"/>, only the cases where the viewer holds a grant in force in that relation (break-glass
        /// openings are not grants). Like <see cref="PageAsync"/>, each principal the viewer acts as is read from its own index
        /// already in this order (the grants carry their case's last activity, <see cref="Grant.CaseUpdatedAt"/>) and the first
        /// rows of each run are merged: the cost follows the depth of the page, not the number of visible cases, where sorting
        /// the visible cases themselves looked up every one of them (an investigator's thousand cases: 70 ms for each page).
        /// </summary>
        public async Task<IReadOnlyList<Guid>> ByActivityAsync(Viewer v, bool newestFirst, Relation? relation, int skip, int take,
            CancellationToken cancellationToken = default)
        {
            var need = skip + take;
            ArgumentOutOfRangeException.ThrowIfGreaterThan(need, ActivityDepth);
            var rows = new List<Activity>();
            foreach (var run in access.GrantRuns(v, relation))
                rows.AddRange(await FirstOfRunAsync(run, newestFirst, need, cancellationToken));
            if (relation is null)
                rows.AddRange(await (from b in access.ActiveBreakGlass(v)
                                     join c in access.Db.Cases on b.CaseId equals c.Id
                                     select new Activity(c.Id, c.UpdatedAt, c.Recency)).ToListAsync(cancellationToken));

            // A case reached through two runs has one key in each; they differ only while a change of the case is being
            // committed between two of the queries above. Its latest is the truth (a case's UpdatedAt only moves forward), and
            // taking it in every page keeps the pages consistent with each other.
            var distinct = rows.GroupBy(r => r.Id).Select(g => g.MaxBy(r => r.UpdatedAt)!);
            var ordered = newestFirst
                ? distinct.OrderByDescending(r => r.UpdatedAt).ThenByDescending(r => r.Recency)
                : distinct.OrderBy(r => r.UpdatedAt).ThenBy(r => r.Recency);
            return ordered.Skip(skip).Take(take).Select(r => r.Id).ToList();
        }
    }

    /// <summary>
    /// The first <paramref name="need"/> distinct cases of one principal's run, in the list's order. A principal may hold two
    /// grants on one case (two relations): then the run's first rows hold fewer cases than rows, and more are read.
    /// </summary>
    private static async Task<List<Activity>> FirstOfRunAsync(IQueryable<Grant> run, bool newestFirst, int need, CancellationToken cancellationToken)
    {
        var ordered = newestFirst
            ? run.OrderByDescending(g => g.CaseUpdatedAt).ThenByDescending(g => g.CaseRecency)
            : run.OrderBy(g => g.CaseUpdatedAt).ThenBy(g => g.CaseRecency);
        for (var read = need; ; read *= 2)
        {
            var rows = await ordered.Take(read).Select(g => new Activity(g.CaseId, g.CaseUpdatedAt, g.CaseRecency)).ToListAsync(cancellationToken);
            var cases = rows.DistinctBy(r => r.Id).ToList();
            if (rows.Count < read || cases.Count >= need)
                return cases;
        }
    }
}
