using Ariadne.IntegrationTests.Infrastructure;

namespace Ariadne.IntegrationTests;

/// <summary>The Identification settings are checked at start: a bad value stops the app with a message naming the key.</summary>
public abstract class IdentificationStartupTests(string provider)
{
    [Fact]
    public async Task An_unknown_deciding_kind_stops_the_start_naming_it()
    {
        await using var app = new AriadneApp(provider).With("Identification:DecidingKinds", "AntiTraffickingSquad,Sheltr");
        var error = await Assert.ThrowsAnyAsync<Exception>(() => app.InitializeAsync().AsTask());
        Assert.Contains("Identification:DecidingKinds", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Sheltr", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reflection_period_of_no_days_stops_the_start()
    {
        await using var app = new AriadneApp(provider).With("Identification:ReflectionDays", "0");
        var error = await Assert.ThrowsAnyAsync<Exception>(() => app.InitializeAsync().AsTask());
        Assert.Contains("Identification:ReflectionDays", error.ToString(), StringComparison.Ordinal);
    }
}

public sealed class IdentificationStartupTestsOnSqlite() : IdentificationStartupTests("Sqlite");
