using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Referrals;
using Ariadne.Web.Platform.Participants;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>The home page is each role's work: the duty officer's count is the desk's; another institution sees none of it.</summary>
public abstract class HomeTests(AriadneApp app)
{
    [Fact]
    public async Task The_duty_officers_home_shows_the_desks_waiting_count_and_a_referrer_sees_only_its_own()
    {
        var duty = await app.DutyOfficerAsync();
        var officer = await app.BorderOfficerAsync();
        var referral = await app.ReferAsync(officer, ReferralSteps.SampleReferral("home"));

        using var desk = await app.SessionAsync(duty);
        var home = await desk.GetAsync("/");
        var waiting = await app.WithScopeAsync(sp => sp.GetRequiredService<ReferralDesk>().DeskStateAsync(CaseSteps.ViewerOf(duty, RoleCatalog.DutyOfficer)));
        Assert.True(waiting.Waiting > 0);
        Assert.Equal(waiting.Waiting.ToString(System.Globalization.CultureInfo.InvariantCulture),
            home.Document.QuerySelector("[data-desk-count]")?.GetAttribute("data-desk-count"));
        Assert.DoesNotContain("Leylahome", home.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"\"", home.Html, StringComparison.Ordinal);

        var shelter = await app.ShelterManagerAsync();
        using var other = await app.SessionAsync(shelter);
        var theirs = await other.GetAsync("/");
        Assert.Null(theirs.Document.QuerySelector("[data-desk-count]"));
        Assert.DoesNotContain(referral.Number, theirs.Html, StringComparison.Ordinal);

        using var referrer = await app.SessionAsync(officer);
        var mine = await referrer.GetAsync("/");
        Assert.Null(mine.Document.QuerySelector("[data-desk-count]"));
        Assert.NotNull(mine.Document.QuerySelector("[data-home-panel='my-referrals']"));
        Assert.Contains(referral.Number, mine.Html, StringComparison.Ordinal);
    }
}

// On SQLite only: what this class tests (HTTP, settings, page plumbing) does not depend on the database; the sweep of every
// handler (SweepTests) runs its pages on PostgreSQL too.
public sealed class HomeTestsOnSqlite(SqliteApp app) : HomeTests(app), IClassFixture<SqliteApp>;
