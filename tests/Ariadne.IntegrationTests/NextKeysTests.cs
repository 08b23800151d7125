using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Features.Referrals;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Ariadne.IntegrationTests;

/// <summary>
/// "Next" keys without the writers' lock: a case's recency and a referral's place on the desk stay unique and increasing,
/// and public numbers stay unique, when many are made at once.
/// </summary>
public abstract class NextKeysTests(AriadneApp app)
{
    [Fact]
    public async Task Cases_and_referrals_made_at_once_get_unique_increasing_keys_and_unique_numbers()
    {
        var (investigator, before) = await app.NewCaseAsync(CaseSteps.SampleInput("before"));
        var referrer = await app.CreateUserAsync(InstitutionKind.Police, [RoleCatalog.LawEnforcementOfficer]);
        var first = await app.ReferAsync(referrer, ReferralSteps.SampleReferral("0"));
        var viewer = CaseSteps.ViewerOf(investigator, RoleCatalog.Investigator);

        var cases = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(() =>
            app.WithScopeAsync(sp => sp.GetRequiredService<CaseService>().CreateAsync(viewer, CaseSteps.SampleInput("k" + i))))));
        var referrals = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(() => app.ReferAsync(referrer, ReferralSteps.SampleReferral("r" + i)))));

        var ids = cases.Select(c => c.Id).ToList();
        var stored = await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Cases.AsNoTracking()
            .Where(c => ids.Contains(c.Id) || c.Id == before.Id).Select(c => new { c.Id, c.Recency, c.Number }).ToListAsync());
        var beforeRecency = stored.Single(c => c.Id == before.Id).Recency;
        var made = stored.Where(c => c.Id != before.Id).ToList();
        Assert.Equal(30, made.Count);
        Assert.Equal(30, made.Select(c => c.Recency).Distinct().Count());
        Assert.Equal(30, made.Select(c => c.Number).Distinct().Count());
        Assert.All(made, c => Assert.True(c.Recency > beforeRecency, "a case made later sorts below an earlier one"));
        // Each case's grants carry its recency (the keyset of "my cases").
        var grants = await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Grants.AsNoTracking()
            .Where(g => ids.Contains(g.CaseId)).Select(g => new { g.CaseId, g.CaseRecency }).ToListAsync());
        Assert.All(grants, g => Assert.Equal(made.Single(c => c.Id == g.CaseId).Recency, g.CaseRecency));

        Assert.Equal(30, referrals.Select(r => r.Sequence).Distinct().Count());
        Assert.Equal(30, referrals.Select(r => r.Number).Distinct().Count());
        Assert.All(referrals, r => Assert.True(r.Sequence > first.Sequence, "a referral made later sorts below an earlier one on the desk"));
    }
}

public sealed class NextKeysTestsOnSqlite(SqliteApp app) : NextKeysTests(app), IClassFixture<SqliteApp>;

public sealed class NextKeysTestsOnPostgres(PostgresApp app) : NextKeysTests(app), IClassFixture<PostgresApp>
{
    /// <summary>A transaction that holds the deployment-wide writers' lock, as a slow writer of another kind would.</summary>
    private async Task<(NpgsqlConnection, NpgsqlTransaction)> HoldWritersLockAsync()
    {
        var connection = new NpgsqlConnection(app.Database.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({AuditTrail.WritersLock})", connection, transaction);
        await command.ExecuteNonQueryAsync();
        return (connection, transaction);
    }

    [Fact]
    public async Task Opening_a_case_and_submitting_a_referral_do_not_wait_for_the_writers_lock()
    {
        var investigator = await app.CreateUserAsync(InstitutionKind.AntiTraffickingSquad, [RoleCatalog.Investigator], [TrainingTopic.AntiTrafficking]);
        var referrer = await app.CreateUserAsync(InstitutionKind.Police, [RoleCatalog.LawEnforcementOfficer]);
        var (connection, transaction) = await HoldWritersLockAsync();
        await using (connection)
        {
            // Were they to take the lock, they would wait until the holder ends (never, here): the token ends the wait as a failure.
            using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var view = await app.WithScopeAsync(sp => sp.GetRequiredService<CaseService>()
                .CreateAsync(CaseSteps.ViewerOf(investigator, RoleCatalog.Investigator), CaseSteps.SampleInput("unlocked"), bounded.Token));
            var once = await app.WithScopeAsync(sp => sp.GetRequiredService<CaseService>().CreateOnceAsync(CaseSteps.ViewerOf(investigator, RoleCatalog.Investigator),
                CaseSteps.SampleInput("unlocked-api"), new Ariadne.Web.Platform.Api.IdempotentRequest("k-" + Guid.NewGuid().ToString("N"), "h", "Case"), bounded.Token));
            var (outcome, referral) = await app.WithScopeAsync(sp => sp.GetRequiredService<ReferralIntake>().SubmitAsync(
                CaseSteps.ViewerOf(referrer, RoleCatalog.LawEnforcementOfficer), ReferralSteps.SampleReferral("unlocked"), [], Guid.NewGuid().ToString(), ct: bounded.Token));
            Assert.Equal(ReferralIntake.SubmitOutcome.Created, outcome);
            Assert.NotNull(referral);
            Assert.Equal(OnceOutcome.Done, once.Outcome);
            Assert.NotEqual(view.Id, once.Result!.Id);
            await transaction.RollbackAsync();
        }
    }

    [Fact]
    public async Task A_sequence_left_behind_by_rows_written_without_it_is_reported_at_start_and_moved_on_by_migrate()
    {
        // As if a node of the previous version went on writing after 'migrate': a case keyed far above the sequence.
        var (investigator, view) = await app.NewCaseAsync(CaseSteps.SampleInput("old-node"));
        var ahead = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            var far = await db.Database.SqlQuery<long>($"SELECT last_value + 1000000000 AS \"Value\" FROM case_recency").SingleAsync();
            await db.Cases.Where(c => c.Id == view.Id).ExecuteUpdateAsync(set => set.SetProperty(c => c.Recency, far));
            return far;
        });
        Assert.Equal(["case_recency"], await app.WithScopeAsync(sp => NextKeys.BehindAsync(sp.GetRequiredService<AriadneDbContext>(), default)));
        Assert.Equal(["case_recency"], await app.WithScopeAsync(sp => NextKeys.CatchUpWhenBehindAsync(sp.GetRequiredService<AriadneDbContext>(), default)));
        Assert.Empty(await app.WithScopeAsync(sp => NextKeys.BehindAsync(sp.GetRequiredService<AriadneDbContext>(), default)));
        var next = await app.WithScopeAsync(sp => sp.GetRequiredService<CaseService>().CreateAsync(CaseSteps.ViewerOf(investigator, RoleCatalog.Investigator), CaseSteps.SampleInput("after")));
        Assert.True(await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Cases.Where(c => c.Id == next.Id).Select(c => c.Recency).SingleAsync()) > ahead,
            "a case made after the catch-up sorts below the row written without the sequence");
        // The newest key being the sequence's last value is the normal state, not "behind".
        Assert.Empty(await app.WithScopeAsync(sp => NextKeys.BehindAsync(sp.GetRequiredService<AriadneDbContext>(), default)));
    }

    [Fact]
    public async Task A_number_reserved_by_one_transaction_is_refused_to_another_until_that_one_ends()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await using var other = app.Services.CreateAsyncScope();
        var first = scope.ServiceProvider.GetRequiredService<AriadneDbContext>();
        var second = other.ServiceProvider.GetRequiredService<AriadneDbContext>();
        var number = "T-" + Guid.NewGuid().ToString("N");
        await using (await first.Database.BeginTransactionAsync())
        {
            Assert.True(await NextKeys.ReserveAsync(first, number, default));
            await using (await second.Database.BeginTransactionAsync())
            {
                Assert.False(await NextKeys.ReserveAsync(second, number, default));
                Assert.True(await NextKeys.ReserveAsync(second, number + "-other", default));
            }
            await first.Database.RollbackTransactionAsync();
        }
        await using (await second.Database.BeginTransactionAsync())
            Assert.True(await NextKeys.ReserveAsync(second, number, default)); // the first transaction ended: the number is free again
        await Assert.ThrowsAsync<InvalidOperationException>(() => NextKeys.ReserveAsync(second, number, default)); // only inside a transaction
    }
}
