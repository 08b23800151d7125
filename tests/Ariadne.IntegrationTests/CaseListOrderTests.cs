using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

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

    /// <summary>A grant written without its case's last activity (as the tests' grants are): the database supplies it.</summary>
    private Task AddGrantAsync(Guid caseId, Guid userId, Relation relation) => app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AriadneDbContext>();
        var c = await db.Cases.SingleAsync(x => x.Id == caseId);
        db.Grants.Add(new Grant
        {
            CaseId = c.Id,
            CaseRecency = c.Recency,
            GranteeUserId = userId,
            Relation = relation,
            Read = DataClass.Status,
            Write = DataClass.None,
            ValidFrom = app.Time.GetUtcNow().AddMinutes(-1),
            GrantedBy = userId,
            Reason = "test",
        });
        await db.SaveChangesAsync();
    });

    [Fact]
    public async Task A_row_opens_the_persons_name_and_age_for_who_may_read_identity_and_shows_a_child_as_a_child()
    {
        var born = DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime).AddYears(-10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var (investigator, made) = await app.NewCaseAsync(new CaseInput { GivenName = "Nərmin", FamilyName = "Sıralı", DateOfBirth = born, Citizenship = "AZE" });
        // A child by the date of birth even where the case's own flag says otherwise (the row reads both).
        await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Cases.Where(c => c.Id == made.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.IsMinor, false)));
        var (rows, _) = await app.WithScopeAsync(sp => sp.GetRequiredService<CaseList>()
            .PageAsync(CaseSteps.ViewerOf(investigator, RoleCatalog.Investigator), Filter("newest", 1, 50)));
        var row = Assert.Single(rows, r => r.Id == made.Id);
        Assert.Equal(("Nərmin Sıralı", (AgeBand?)AgeBand.Under12, true, made.Number), (row.Name, row.AgeBand, row.IsChild, row.Number));

        // Someone whose grant does not open the Identity class: the row, not the name or the age.
        var colleague = await app.CreateUserAsync(InstitutionKind.AntiTraffickingSquad, [RoleCatalog.Investigator], [TrainingTopic.AntiTrafficking]);
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            var c = await db.Cases.SingleAsync(x => x.Id == made.Id);
            db.Grants.Add(new Grant
            {
                CaseId = c.Id,
                CaseRecency = c.Recency,
                GranteeUserId = colleague.Id,
                Relation = Relation.ServiceProvider,
                Read = DataClass.Status | DataClass.Care,
                ValidFrom = app.Time.GetUtcNow().AddMinutes(-1),
                GrantedBy = investigator.Id,
                Reason = "test",
            });
            await db.SaveChangesAsync();
            return 0;
        });
        var (seen, _) = await app.WithScopeAsync(sp => sp.GetRequiredService<CaseList>()
            .PageAsync(CaseSteps.ViewerOf(colleague, RoleCatalog.Investigator), Filter("newest", 1, 50)));
        var bare = Assert.Single(seen, r => r.Id == made.Id);
        Assert.Equal(((string?)null, (AgeBand?)null), (bare.Name, bare.AgeBand));
    }

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
        // Two changes at the same moment: the recency key decides (the later-made case first).
        app.Time.Advance(TimeSpan.FromMinutes(1));
        foreach (var i in new[] { 6, 4 })
            Assert.Equal(CaseService.UpdateOutcome.Updated, await app.WithScopeAsync(sp => sp.GetRequiredService<CaseService>()
                .UpdateAsync(viewer, made[i], new CaseInput { FamilyName = "Eyni-an-" + i })));
        // A second grant to the same investigator on one case, written without a last activity: the database supplies it.
        await AddGrantAsync(made[2], investigator.Id, Relation.Prosecutor);

        // The triggers: every grant carries its case's UpdatedAt (after creation, updates and a grant written later).
        var drift = await app.WithScopeAsync(sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            return (from g in db.Grants join c in db.Cases on g.CaseId equals c.Id where g.CaseUpdatedAt != c.UpdatedAt select g.Id).CountAsync();
        });
        Assert.Equal(0, drift);

        var newest = new[] { 6, 4, 5, 0, 3, 2, 1 }.Select(i => made[i]).ToList();
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
        // The chief sees them through the squad's grant (the institution's run), in the same order; one of them also through a
        // grant of their own (the case is in two runs and is listed once).
        await AddGrantAsync(made[3], chief.Id, Relation.Investigator);
        Assert.Equal(await ReferenceAsync(chiefViewer, newestFirst: true), (await AllPagesAsync(chiefViewer, "newest", 2)).Ids);
        Assert.Equal(await ReferenceAsync(chiefViewer, newestFirst: false), (await AllPagesAsync(chiefViewer, "oldest", 3)).Ids);
        Assert.Superset(newest.ToHashSet(), (await AllPagesAsync(chiefViewer, "newest", 25)).Ids.ToHashSet());
        // Only the cases held in one relation.
        Assert.Equal([made[2]], (await AllPagesAsync(viewer, "newest", 2, Relation.Prosecutor)).Ids);
        Assert.Equal(await ReferenceAsync(viewer, newestFirst: true, Relation.Investigator), (await AllPagesAsync(viewer, "newest", 2, Relation.Investigator)).Ids);

        // A grant revoked no longer lists its case under its relation.
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            var grant = await db.Grants.SingleAsync(g => g.CaseId == made[2] && g.GranteeUserId == investigator.Id && g.Relation == Relation.Prosecutor);
            grant.RevokedAt = app.Time.GetUtcNow().AddSeconds(-1);
            grant.RevokedBy = investigator.Id;
            await db.SaveChangesAsync();
        });
        Assert.Empty((await AllPagesAsync(viewer, "newest", 2, Relation.Prosecutor)).Ids);

        // A break-glass opening lists a case the investigator holds no grant on, in its place by last activity.
        var other = await app.CreateUserAsync(InstitutionKind.AntiTraffickingSquad, [RoleCatalog.Investigator], [TrainingTopic.AntiTrafficking]);
        app.Time.Advance(TimeSpan.FromMinutes(1));
        var opened = (await app.WithScopeAsync(sp => sp.GetRequiredService<CaseService>()
            .CreateAsync(CaseSteps.ViewerOf(other, RoleCatalog.Investigator), CaseSteps.SampleInput("bg")))).Id;
        Assert.DoesNotContain(opened, (await AllPagesAsync(viewer, "newest", 25)).Ids);
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            db.BreakGlassAccesses.Add(new BreakGlassAccess
            {
                CaseId = opened,
                UserId = investigator.Id,
                InstitutionId = investigator.InstitutionId,
                Reason = BreakGlassReason.ImminentDangerToLife,
                StartedAt = app.Time.GetUtcNow().AddSeconds(-1),
                ExpiresAt = app.Time.GetUtcNow().AddHours(1),
            });
            await db.SaveChangesAsync();
        });
        Assert.Equal([opened, .. newest], (await AllPagesAsync(viewer, "newest", 3)).Ids);
        Assert.Equal([.. Enumerable.Reverse(newest), opened], (await AllPagesAsync(viewer, "oldest", 2)).Ids);
        Assert.Empty((await AllPagesAsync(viewer, "newest", 2, Relation.Prosecutor)).Ids);

        // Later work on a case moves it to the top at once.
        app.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(CaseService.UpdateOutcome.Updated, await app.WithScopeAsync(sp => sp.GetRequiredService<CaseService>()
            .UpdateAsync(viewer, made[1], new CaseInput { FamilyName = "Qəmbərli" })));
        Assert.Equal(made[1], (await AllPagesAsync(viewer, "newest", 2)).Ids[0]);
        Assert.Equal(await ReferenceAsync(viewer, newestFirst: true), (await AllPagesAsync(viewer, "newest", 3)).Ids);
    }
}

public sealed class CaseListOrderTestsOnSqlite(SqliteApp app) : CaseListOrderTests(app), IClassFixture<SqliteApp>;

public sealed class CaseListOrderTestsOnPostgres(PostgresApp app) : CaseListOrderTests(app), IClassFixture<PostgresApp>
{
    [Fact]
    public async Task A_grant_written_while_its_case_changes_ends_with_the_changes_time()
    {
        var (investigator, view) = await app.NewCaseAsync(CaseSteps.SampleInput("race"));
        var colleague = await app.CreateUserAsync(InstitutionKind.AntiTraffickingSquad, [RoleCatalog.Investigator], [TrainingTopic.AntiTrafficking]);
        // Another transaction writes a grant on the case and stays open.
        await using var connection = new NpgsqlConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO grants ("Id", "CaseId", "CaseRecency", "CaseUpdatedAt", "GranteeUserId", "Relation", "Read", "Write", "ValidFrom", "GrantedBy", "Reason")
            SELECT $1, c."Id", c."Recency", '-infinity', $2, 'Prosecutor', 1, 0, $3, $2, 'test' FROM cases AS c WHERE c."Id" = $4
            """, connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = Guid.CreateVersion7() });
            insert.Parameters.Add(new NpgsqlParameter { Value = colleague.Id });
            insert.Parameters.Add(new NpgsqlParameter { Value = app.Time.GetUtcNow().AddMinutes(-1) });
            insert.Parameters.Add(new NpgsqlParameter { Value = view.Id });
            Assert.Equal(1, await insert.ExecuteNonQueryAsync());
        }

        // Meanwhile the investigator changes the case: the change waits for the grant's transaction (were the grant's trigger not
        // to lock the case's row, the change would commit first without seeing the grant, which would keep the old time).
        app.Time.Advance(TimeSpan.FromMinutes(1));
        var update = Task.Run(() => app.WithScopeAsync(sp => sp.GetRequiredService<CaseService>()
            .UpdateAsync(CaseSteps.ViewerOf(investigator, RoleCatalog.Investigator), view.Id, new CaseInput { FamilyName = "Yarış" })));
        await using (var watch = new NpgsqlConnection(app.Database.ConnectionString))
        {
            await watch.OpenAsync();
            await using var waiting = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()", watch);
            for (var i = 0; i < 300 && !update.IsCompleted && (long)(await waiting.ExecuteScalarAsync())! == 0; i++)
                await Task.Delay(100);
        }
        await transaction.CommitAsync();
        Assert.Equal(CaseService.UpdateOutcome.Updated, await update);

        var stale = await app.WithScopeAsync(sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            return (from g in db.Grants
                    join c in db.Cases on g.CaseId equals c.Id
                    where c.Id == view.Id && g.CaseUpdatedAt != c.UpdatedAt
                    select g.Id).CountAsync();
        });
        Assert.Equal(0, stale);
    }
}
