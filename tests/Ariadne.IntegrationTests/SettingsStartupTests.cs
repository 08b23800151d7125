using Ariadne.IntegrationTests.Infrastructure;

namespace Ariadne.IntegrationTests;

/// <summary>The Referrals and Coordination settings are checked at start: a bad value stops the app with a message naming the key.</summary>
public abstract class SettingsStartupTests(string provider)
{
    [Theory]
    [InlineData("Referrals:AcknowledgeWithin:Immediate", "soon")]
    [InlineData("Referrals:AcknowledgeWithin:Immediate", "-00:15:00")]
    [InlineData("Referrals:AcknowledgeWithin:High", "00:00:00")]
    [InlineData("Referrals:AcknowledgeWithin:Standard", "tomorrow")]
    [InlineData("Referrals:SquadInstitutionCode", " ")]
    [InlineData("Coordination:SnapshotJob", "sometimes")]
    public async Task A_bad_setting_stops_the_start_with_a_message_naming_its_key(string key, string value)
    {
        await using var app = new AriadneApp(provider).With(key, value);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => app.InitializeAsync().AsTask());
        Assert.Contains(key, Messages(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Good_settings_start()
    {
        await using var app = new AriadneApp(provider)
            .With("Referrals:AcknowledgeWithin:Immediate", "00:05:00")
            .With("Referrals:AcknowledgeWithin:Standard", "1.00:00:00")
            .With("Coordination:SnapshotJob", "false");
        await app.InitializeAsync();
        using var session = app.NewSession();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await session.GetAsync("/Account/SignIn")).Status);
    }

    private static string Messages(Exception error)
    {
        var all = new List<string>();
        for (Exception? e = error; e is not null; e = e.InnerException)
            all.Add(e.Message);
        if (error is AggregateException aggregate)
            all.AddRange(aggregate.InnerExceptions.Select(e => e.Message));
        return string.Join(" | ", all);
    }
}

// On SQLite only: what this class tests (HTTP, settings, page plumbing) does not depend on the database; the sweep of every
// handler (SweepTests) runs its pages on PostgreSQL too.
public sealed class SettingsStartupTestsOnSqlite() : SettingsStartupTests("Sqlite");
