using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Statistics;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>
/// The release pipeline (issue 17 §2): every released table meets the suppression rules (checked against the true counts the
/// test knows); a differencing attack against an earlier release is refused, scripted for a re-release of the same year and
/// for the April–March year over a calendar year; four eyes; only published releases leave the office (pages and API); the
/// facts rebuilt from real cases and referrals count a person known to two institutions once.
/// </summary>
public abstract class StatisticsTests(AriadneApp app)
{
    private static readonly string[] Coordinator = [RoleCatalog.Coordinator];
    private static readonly string[] Analyst = [RoleCatalog.Analyst];

    private Task<T> Releases<T>(Func<StatisticsReleases, Task<T>> call) => app.WithScopeAsync(sp => call(sp.GetRequiredService<StatisticsReleases>()));

    private Task<T> DbAsync<T>(Func<AriadneDbContext, Task<T>> query) => app.WithScopeAsync(sp => query(sp.GetRequiredService<AriadneDbContext>()));

    private async Task<(TestUser User, Viewer Viewer)> OfficeAsync(string[] roles)
    {
        var user = await app.CreateUserAsync(InstitutionKind.NationalCoordinator, roles);
        return (user, CaseSteps.ViewerOf(user, roles));
    }

    private static StatFact Victim(int year, int month, string? sex, string? age, string stage = "identified", string? citizenship = "AZE") => new()
    {
        Subject = StatSubject.Victim,
        Month = new DateOnly(year, month, 1),
        Sex = sex,
        AgeBand = age,
        Citizenship = citizenship,
        Exploitation = "sexual",
        Stage = stage,
        Category = "referred",
        RecordKey = Random.Shared.NextInt64(0, 1L << 32),
    };

    private Task AddAsync(IEnumerable<StatFact> facts) => DbAsync(async db =>
    {
        db.Set<StatFact>().AddRange(facts);
        return await db.SaveChangesAsync();
    });

    private static IEnumerable<StatFact> Many(int n, Func<int, StatFact> make) => Enumerable.Range(0, n).Select(make);

    /// <summary>Drafts (from the facts as they stand), approves as a second Coordinator and publishes; returns the release.</summary>
    private async Task<StatRelease> PublishAsync(Viewer drafter, string[] drafterRoles, Viewer approver, StatPeriodKind kind, int year)
    {
        var (id, errors, conflicts) = await Releases(r => r.DraftAsync(drafter, drafterRoles, new() { Kind = kind, Year = year }, refresh: false));
        Assert.Empty(errors!);
        Assert.Empty(conflicts);
        Assert.Equal(StatisticsReleases.StepOutcome.Done, (await Releases(r => r.ApproveAsync(approver, Coordinator, id!.Value, 0))).Outcome);
        Assert.Equal(StatisticsReleases.StepOutcome.Done, (await Releases(r => r.PublishAsync(approver, Coordinator, id!.Value, 1))).Outcome);
        return await DbAsync(db => db.Set<StatRelease>().SingleAsync(r => r.Id == id));
    }

    private static ReleasedTable Table(StatRelease release, string code) => StatisticsReleases.TablesOf(release).Single(t => t.Code == code);

    private static int? Cell(ReleasedTable t, string row, string column) =>
        t.Cells[t.RowCodes.ToList().IndexOf(row)][t.ColumnCodes.ToList().IndexOf(column)];

    /// <summary>No row or column (cells and its total) hides exactly one value: a lone hidden cell would be its total less the others.</summary>
    private static void AssertCovered(ReleasedTable t)
    {
        for (var r = 0; r <= t.RowCodes.Count; r++)
        {
            var line = r == t.RowCodes.Count ? [.. t.ColumnTotals, t.Total] : t.Cells[r].Append(t.RowTotals[r]).ToList();
            Assert.NotEqual(1, line.Count(v => v is null));
        }
        for (var c = 0; c <= t.ColumnCodes.Count; c++)
        {
            var line = c == t.ColumnCodes.Count
                ? [.. t.RowTotals, t.Total]
                : Enumerable.Range(0, t.RowCodes.Count).Select(r => t.Cells[r][c]).Append(t.ColumnTotals[c]).ToList();
            Assert.NotEqual(1, line.Count(v => v is null));
        }
    }

    [Fact]
    public async Task Every_released_table_meets_the_suppression_rules()
    {
        var (_, drafter) = await OfficeAsync(Analyst);
        var (_, approver) = await OfficeAsync(Coordinator);
        const int year = 2011;
        // The true counts, by (age band, sex): the test's own.
        var truth = new Dictionary<(string Age, string Sex), int>
        {
            [("18-20", "F")] = 12,
            [("18-20", "M")] = 7,
            [("9-17", "F")] = 2,
            [("9-17", "M")] = 6,
            [("21-23", "F")] = 4,
            [("21-23", "M")] = 1,
            [("30-38", "F")] = 9,
        };
        foreach (var ((age, sex), n) in truth)
            await AddAsync(Many(n, i => Victim(year, 1 + i % 12, sex, age)));
        await AddAsync(Many(5, i => Victim(year, 3, "F", "18-20", "presumed")));

        var release = await PublishAsync(drafter, Analyst, approver, StatPeriodKind.Calendar, year);
        var tables = StatisticsReleases.TablesOf(release);
        Assert.NotEmpty(tables);
        foreach (var t in tables)
            AssertCovered(t);

        var bySexAge = Table(release, "victims.sex-age");
        foreach (var age in bySexAge.RowCodes)
            foreach (var sex in bySexAge.ColumnCodes)
            {
                var n = truth.GetValueOrDefault((age, sex));
                var shown = Cell(bySexAge, age, sex);
                if (n is > 0 and < 3)
                    Assert.Null(shown); // primary suppression
                else if (shown is { } v)
                {
                    if (n == 0)
                        Assert.Equal(0, v);
                    else
                    {
                        Assert.InRange(v, Math.Max(3, n - Disclosure.Bound), n + Disclosure.Bound); // perturbed, never below the threshold
                    }
                }
            }
        // The two small cells of the table are hidden, and each row and column that holds one hides another beside it.
        Assert.Null(Cell(bySexAge, "9-17", "F"));
        Assert.Null(Cell(bySexAge, "21-23", "M"));
        Assert.True(release.HiddenCells >= 4);

        // The same people give the same published values in another table (cell keys): identified women in both tables.
        var byStage = Table(release, "victims.stage-sex");
        var women = bySexAge.ColumnTotals[bySexAge.ColumnCodes.ToList().IndexOf("F")];
        Assert.Equal(women, Cell(byStage, "identified", "F"));
    }

    [Fact]
    public async Task A_differencing_attack_against_an_earlier_release_is_refused()
    {
        var (_, drafter) = await OfficeAsync(Analyst);
        var (_, approver) = await OfficeAsync(Coordinator);
        const int year = 2013;
        await AddAsync(Many(20, i => Victim(year, 1 + i % 12, "F", "18-20")));
        await AddAsync(Many(20, i => Victim(year, 1 + i % 12, "M", "18-20")));
        await AddAsync(Many(10, i => Victim(year, 1 + i % 12, "M", "9-17")));
        // Two girls identified in the summer: a small cell.
        await AddAsync(Many(2, _ => Victim(year, 7, "F", "9-17")));
        var first = await PublishAsync(drafter, Analyst, approver, StatPeriodKind.Calendar, year);
        Assert.Null(Cell(Table(first, "victims.sex-age"), "9-17", "F"));

        // The attack, 1: a third girl of that year is recorded late; a re-release of the year would now show 3 beside the earlier
        // release's hidden cell, and the difference would point at the late record. Without carrying the suppression forward the
        // register refuses the draft, names the cell and saves nothing; the refusal is audited.
        await AddAsync([Victim(year, 8, "F", "9-17")]);
        var before = await DbAsync(db => db.Set<StatRelease>().CountAsync());
        var (id, _, conflicts) = await Releases(r => r.DraftAsync(drafter, Analyst, new() { Kind = StatPeriodKind.Calendar, Year = year, CarryForward = false }, refresh: false));
        Assert.Null(id);
        Assert.Contains(conflicts, c => c.TableCode == "victims.sex-age" && c.Row == "9-17" && c.Column == "F" && c.ReleaseNumber == first.Number);
        Assert.Equal(before, await DbAsync(db => db.Set<StatRelease>().CountAsync()));
        Assert.True(await DbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == StatisticsAudit.Refused.Code && e.Outcome == AuditOutcome.Denied)));

        // Carried forward (the default), the cell stays hidden — covered again — and the re-release publishes.
        var again = await PublishAsync(drafter, Analyst, approver, StatPeriodKind.Calendar, year);
        var table = Table(again, "victims.sex-age");
        Assert.Null(Cell(table, "9-17", "F"));
        AssertCovered(table);
        Assert.True(again.CarriedCells > 0);

        // The attack, 2: the April–March year overlapping it. The girls' cell differs from the calendar year's by one girl
        // identified in February of the next year (outside the overlap, fewer than three): refused without carrying forward.
        await AddAsync([Victim(year + 1, 2, "F", "9-17")]);
        (id, _, conflicts) = await Releases(r => r.DraftAsync(drafter, Analyst, new() { Kind = StatPeriodKind.AprilMarch, Year = year, CarryForward = false }, refresh: false));
        Assert.Null(id);
        Assert.Contains(conflicts, c => c.TableCode == "victims.sex-age" && c.Row == "9-17" && c.Column == "F");
        var aprilMarch = await PublishAsync(drafter, Analyst, approver, StatPeriodKind.AprilMarch, year);
        Assert.Null(Cell(Table(aprilMarch, "victims.sex-age"), "9-17", "F"));

        // A cell with enough people outside the overlap is not held back by the register (it may still cover another): the
        // covering cells of the calendar year had three or more people in January to March.
        Assert.DoesNotContain(conflicts, c => c.TableCode == "victims.sex-age" && c.Row == "18-20");
    }

    [Fact]
    public async Task Four_eyes_and_versions_and_who_may_do_what()
    {
        var (_, drafter) = await OfficeAsync(Coordinator);
        var (_, second) = await OfficeAsync(Coordinator);
        var (_, analyst) = await OfficeAsync(Analyst);
        var shelter = await app.CreateUserAsync(InstitutionKind.Shelter, [RoleCatalog.ShelterManager]);
        var shelterViewer = CaseSteps.ViewerOf(shelter, [RoleCatalog.ShelterManager]);
        await AddAsync(Many(6, i => Victim(2015, 1 + i, "F", "30-38")));

        // Outside the office nobody drafts; bad input is refused beside its field and saves nothing.
        var (none, noErrors, _) = await Releases(r => r.DraftAsync(shelterViewer, [RoleCatalog.ShelterManager], new() { Kind = StatPeriodKind.Calendar, Year = 2015 }, refresh: false));
        Assert.Null(none);
        Assert.Null(noErrors);
        var (bad, errors, _) = await Releases(r => r.DraftAsync(drafter, Coordinator, new() { Kind = (StatPeriodKind)9, Year = 1990 }, refresh: false));
        Assert.Null(bad);
        Assert.Contains(nameof(StatisticsReleases.DraftInput.Kind), errors!.Keys);
        Assert.Contains(nameof(StatisticsReleases.DraftInput.Year), errors.Keys);

        // The same form twice makes one draft.
        var formKey = Guid.NewGuid().ToString("N");
        var (id, _, _) = await Releases(r => r.DraftAsync(drafter, Coordinator, new() { Kind = StatPeriodKind.Calendar, Year = 2015 }, formKey, refresh: false));
        var (twice, _, _) = await Releases(r => r.DraftAsync(drafter, Coordinator, new() { Kind = StatPeriodKind.Calendar, Year = 2015 }, formKey, refresh: false));
        Assert.Equal(id, twice);
        var releaseId = id!.Value;

        // A draft is the office's: a shelter sees nothing of it, and nobody publishes what is not approved.
        Assert.Null(await Releases(r => r.GetAsync(shelterViewer, [RoleCatalog.ShelterManager], releaseId)));
        Assert.NotNull(await Releases(r => r.GetAsync(analyst, Analyst, releaseId)));
        Assert.Equal(StatisticsReleases.StepOutcome.Stale, (await Releases(r => r.PublishAsync(second, Coordinator, releaseId, 0))).Outcome);
        // Four eyes: not the one who drafted it, not an analyst, not on a stale version.
        Assert.Equal(StatisticsReleases.StepOutcome.OwnDraft, (await Releases(r => r.ApproveAsync(drafter, Coordinator, releaseId, 0))).Outcome);
        Assert.Equal(StatisticsReleases.StepOutcome.NotAllowed, (await Releases(r => r.ApproveAsync(analyst, Analyst, releaseId, 0))).Outcome);
        Assert.Equal(StatisticsReleases.StepOutcome.NotAllowed, (await Releases(r => r.ApproveAsync(shelterViewer, [RoleCatalog.ShelterManager], releaseId, 0))).Outcome);
        Assert.Equal(StatisticsReleases.StepOutcome.Stale, (await Releases(r => r.ApproveAsync(second, Coordinator, releaseId, 5))).Outcome);
        Assert.Equal(StatisticsReleases.StepOutcome.Done, (await Releases(r => r.ApproveAsync(second, Coordinator, releaseId, 0))).Outcome);
        Assert.Equal(StatisticsReleases.StepOutcome.Stale, (await Releases(r => r.ApproveAsync(second, Coordinator, releaseId, 0))).Outcome);
        Assert.Equal(StatisticsReleases.StepOutcome.Done, (await Releases(r => r.PublishAsync(drafter, Coordinator, releaseId, 1))).Outcome);
        var release = await DbAsync(db => db.Set<StatRelease>().SingleAsync(r => r.Id == releaseId));
        Assert.Equal(ReleaseStatus.Published, release.Status);
        Assert.NotEqual(release.DraftedBy, release.ApprovedBy);
        Assert.Equal(StatisticsTables(), await DbAsync(db => db.Set<StatReleaseCut>().CountAsync(c => c.ReleaseId == releaseId)));
        foreach (var action in new[] { StatisticsAudit.Drafted, StatisticsAudit.Approved, StatisticsAudit.Published })
            Assert.True(await DbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == action.Code && e.TargetId == releaseId && e.Outcome == AuditOutcome.Allowed)));

        // Published: every member of staff reads it, through the page and the API alike; an auditor's token is not offered the scope.
        Assert.NotNull(await Releases(r => r.GetAsync(shelterViewer, [RoleCatalog.ShelterManager], releaseId)));
        var token = await app.TokenAsync(shelter, "statistics.read");
        using var client = app.CreateClient();
        HttpRequestMessage Get(string url) => new(HttpMethod.Get, url) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };
        var list = await client.SendAsync(Get("/api/v1/statistics/releases"));
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains(release.Number, await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var one = await client.SendAsync(Get($"/api/v1/statistics/releases/{releaseId}/tables/victims.sex-age"));
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        using var json = JsonDocument.Parse(await one.Content.ReadAsStringAsync());
        Assert.Equal("victims.sex-age", json.RootElement.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(Get($"/api/v1/statistics/releases/{releaseId}/tables/no-such-table"))).StatusCode);

        // A draft is a 404 on the API, as an id that does not exist.
        var (draft, _, _) = await Releases(r => r.DraftAsync(drafter, Coordinator, new() { Kind = StatPeriodKind.AprilMarch, Year = 2015 }, refresh: false));
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(Get($"/api/v1/statistics/releases/{draft}"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(Get($"/api/v1/statistics/releases/{Guid.NewGuid()}"))).StatusCode);
        Assert.DoesNotContain(draft!.Value.ToString(), await (await client.SendAsync(Get("/api/v1/statistics/releases"))).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(StatisticsReleases.StepOutcome.Done, await Releases(r => r.DiscardAsync(analyst, Analyst, draft.Value, 0)));
    }

    private int StatisticsTables() => app.WithScopeAsync(sp => Task.FromResult(sp.GetRequiredService<StatisticsReleases>().Tables.Count)).GetAwaiter().GetResult();

    [Fact]
    public async Task The_facts_count_a_person_recorded_twice_once()
    {
        var (_, office) = await OfficeAsync(Coordinator);
        // The same person opened as two cases (as two institutions would), and someone else.
        var document = "AA" + Random.Shared.Next(1000000, 9999999);
        var person = CaseSteps.SampleInput();
        person.DocumentNumber = document;
        person.Citizenship = "UKR";
        var twin = CaseSteps.SampleInput();
        twin.DocumentNumber = document;
        twin.Citizenship = "UKR";
        twin.Phone = null;
        await app.NewCaseAsync(person);
        await app.NewCaseAsync(twin);
        var other = CaseSteps.SampleInput();
        other.GivenName = "Rəşad";
        other.FamilyName = "Məmmədli";
        other.Sex = "male";
        other.Citizenship = "GEO";
        other.DocumentNumber = "GE" + Random.Shared.Next(1000000, 9999999);
        other.DateOfBirth = "1990-01-02";
        await app.NewCaseAsync(other);
        await AddAsync([Victim(2009, 1, "F", "18-20")]);

        var count = await app.WithScopeAsync(sp => sp.GetRequiredService<StatisticsProjection>().RefreshAsync(office));
        Assert.True(count > 0);
        var after = await DbAsync(db => db.Set<StatFact>().Where(f => f.Subject == StatSubject.Victim).ToListAsync());
        // Rebuilt whole: the fact inserted by hand is gone; the two cases of one person are one fact, the other person another.
        Assert.DoesNotContain(after, f => f.Month.Year == 2009);
        var ukrainian = Assert.Single(after, f => f.Citizenship == "UKR");
        Assert.Equal(StatCodes.Female, ukrainian.Sex);
        Assert.Equal(VictimStatistics.Presumed, ukrainian.Stage);
        Assert.Equal(StatCodes.AgeBandOf(VictimStatistics.AgeOn("1998-04-12", DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime))), ukrainian.AgeBand);
        var georgian = Assert.Single(after, f => f.Citizenship == "GEO");
        Assert.Equal(StatCodes.Male, georgian.Sex);
        Assert.True(await DbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == StatisticsAudit.Refreshed.Code)));
    }
}

public sealed class StatisticsTestsOnSqlite(SqliteApp app) : StatisticsTests(app), IClassFixture<SqliteApp>;

public sealed class StatisticsTestsOnPostgres(PostgresApp app) : StatisticsTests(app), IClassFixture<PostgresApp>;
