using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>
/// The case list by last activity is read from the grants' indexes (each grant carries its case's last activity, kept by
/// database triggers). Its pages must be exactly those of the visible cases sorted by their own UpdatedAt: same cases, same
/// order, no case twice, none missing, for a viewer's own grants (two on one case), their institution's and a relation filter.
/// </summary>
public abstract class CaseListOrderTests(AriadneApp app)
{
    private static CaseList.Filter Filter(string sort, int page, int size, Relation? relation = null) => new(null, null, null, relation, sort, page, size);

    /// <summary>Every page of the list, joined, and whether each page said that another follows.</summary>
    private async Task<(List<Guid> Ids, List<bool> More)> AllPagesAsync(Viewer viewer, string sort, int size, Relation? relation = null)
    {
        var ids = new List<Guid>();
        var more = new List<bool>();
        for (var page = 1; page <= 50; page++)
        {
            var (rows, next) = await app.WithScopeAsync(sp => sp.GetRequiredService<CaseList>().PageAsync(viewer, Filter(sort, page, size, relation)));
            ids.AddRange(rows.Select(r => r.Id));
            more.Add(next);
            if (!next)
                break;
        }
        return (ids, more);
    }

    /// <summary>The reference: the visible cases sorted by the cases' own columns (no grant copy involved).</summary>
    private Task<List<Guid>> ReferenceAsync(Viewer viewer, bool newestFirst, Relation? relation = null) => app.WithScopeAsync(sp =>
    {
        var access = sp.GetRequiredService<CaseAccess>();
        var q = access.VisibleCases(viewer);
        if (relation is { } only)
        {
            var held = access.ActiveGrants(viewer).Where(g => g.Relation == only);
            q = q.Where(c => held.Any(g => g.CaseId == c.Id));
        }
        q = newestFirst ? q.OrderByDescending(c => c.UpdatedAt).ThenByDescending(c => c.Recency) : q.OrderBy(c => c.UpdatedAt).ThenBy(c => c.Recency);
        return q.Select(c => c.Id).ToListAsync();
    });

    [Fact]
    public async Task The_list_by_last_activity_matches_the_cases_own_order_on_every_page()
    {
        var investigator = await app.CreateUserAsync(InstitutionKind.AntiTraffickingSquad, [RoleCatalog.Investigator], [TrainingTopic.AntiTrafficking]);
        var chief = await app.CreateUserAsync(InstitutionKind.AntiTraffickingSquad, [RoleCatalog.SquadChief], [TrainingTopic.AntiTrafficking]);
        var viewer = CaseSteps.ViewerOf(investigator, RoleCatalog.Investigator);
        var chiefViewer = CaseSteps.ViewerOf(chief, RoleCatalog.SquadChief);
        var made = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            app.Time.Advance(TimeSpan.FromMinutes(1));
            made.Add((await app.WithScopeAsync(sp => sp.GetRequiredService<CaseService>().CreateAsync(viewer, CaseSteps.SampleInput("o" + i)))).Id);
        }
        // Work on three of them moves them up, in this order.
        foreach (var i in new[] { 3, 0, 5 })
        {
            app.Time.Advance(TimeSpan.FromMinutes(1));
            Assert.Equal(CaseService.UpdateOutcome.Updated, await app.WithScopeAsync(sp => sp.GetRequiredService<CaseService>()
                .UpdateAsync(viewer, made[i], new CaseInput { FamilyName = "Qəmbərova-" + i })));
        }
        // A second grant to the same investigator on one case, written without a last activity: the database supplies it.
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            var c = await db.Cases.SingleAsync(x => x.Id == made[2]);
            db.Grants.Add(new Grant
            {
                CaseId = c.Id,
                CaseRecency = c.Recency,
                GranteeUserId = investigator.Id,
                Relation = Relation.Prosecutor,
                Read = DataClass.Status,
                Write = DataClass.None,
                ValidFrom = app.Time.GetUtcNow().AddMinutes(-1),
                GrantedBy = investigator.Id,
                Reason = "test",
            });
            await db.SaveChangesAsync();
        });

        // The triggers: every grant carries its case's UpdatedAt (after creation, updates and a grant written later).
        var drift = await app.WithScopeAsync(sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            return (from g in db.Grants join c in db.Cases on g.CaseId equals c.Id where g.CaseUpdatedAt != c.UpdatedAt select g.Id).CountAsync();
        });
        Assert.Equal(0, drift);

        var newest = new[] { 5, 0, 3, 6, 4, 2, 1 }.Select(i => made[i]).ToList();
        Assert.Equal(newest, await ReferenceAsync(viewer, newestFirst: true));
        foreach (var size in new[] { 1, 2, 3, 7, 25 })
        {
            var (ids, more) = await AllPagesAsync(viewer, "newest", size);
            Assert.Equal(newest, ids);
            Assert.Equal((newest.Count + size - 1) / size, more.Count);
            Assert.All(more.SkipLast(1), m => Assert.True(m));
            Assert.False(more[^1]);
            Assert.Equal(Enumerable.Reverse(newest), (await AllPagesAsync(viewer, "oldest", size)).Ids);
        }
        // The chief sees them through the squad's grant (the institution's run), in the same order.
        Assert.Equal(await ReferenceAsync(chiefViewer, newestFirst: true), (await AllPagesAsync(chiefViewer, "newest", 2)).Ids);
        Assert.Equal(await ReferenceAsync(chiefViewer, newestFirst: false), (await AllPagesAsync(chiefViewer, "oldest", 3)).Ids);
        Assert.Superset(newest.ToHashSet(), (await AllPagesAsync(chiefViewer, "newest", 25)).Ids.ToHashSet());
        // Only the cases held in one relation.
        Assert.Equal([made[2]], (await AllPagesAsync(viewer, "newest", 2, Relation.Prosecutor)).Ids);
        Assert.Equal(await ReferenceAsync(viewer, newestFirst: true, Relation.Investigator), (await AllPagesAsync(viewer, "newest", 2, Relation.Investigator)).Ids);

        // Later work on a case moves it to the top at once.
        app.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(CaseService.UpdateOutcome.Updated, await app.WithScopeAsync(sp => sp.GetRequiredService<CaseService>()
            .UpdateAsync(viewer, made[1], new CaseInput { FamilyName = "Qəmbərli" })));
        Assert.Equal(made[1], (await AllPagesAsync(viewer, "newest", 2)).Ids[0]);
        Assert.Equal(await ReferenceAsync(viewer, newestFirst: true), (await AllPagesAsync(viewer, "newest", 3)).Ids);
    }
}

public sealed class CaseListOrderTestsOnSqlite(SqliteApp app) : CaseListOrderTests(app), IClassFixture<SqliteApp>;

public sealed class CaseListOrderTestsOnPostgres(PostgresApp app) : CaseListOrderTests(app), IClassFixture<PostgresApp>;
