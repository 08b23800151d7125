using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Platform.Participants;

namespace Ariadne.IntegrationTests;

/// <summary>
/// The Coordination page gathers the participants' shared work: each person sees a card, and the main navigation a link,
/// only for the parts their role takes part in; someone with none is refused the page and offered no link.
/// </summary>
public abstract class CoordinationHubTests(AriadneApp app)
{
    private async Task<(string[] Cards, bool NavLink, string Path)> HubAsync(InstitutionKind kind, string role)
    {
        var user = await app.CreateUserAsync(kind, [role]);
        using var session = await app.SessionAsync(user);
        var home = await session.GetAsync("/");
        var navLink = home.Document.QuerySelectorAll(".govuk-service-navigation__link").Any(a => a.GetAttribute("href") == "/Coordination");
        var hub = await session.GetAsync("/Coordination");
        return (hub.Document.QuerySelectorAll("[data-hub-entry]").Select(e => e.GetAttribute("data-hub-entry")!).ToArray(), navLink, hub.Path);
    }

    [Fact]
    public async Task The_coordinator_sees_the_figures_and_the_plan()
    {
        var (cards, navLink, path) = await HubAsync(InstitutionKind.NationalCoordinator, RoleCatalog.Coordinator);
        Assert.True(navLink);
        Assert.Equal("/Coordination", path);
        Assert.Contains("/Coordination/Figures", cards);
        Assert.Contains("/Coordination/Plan/Index", cards);
    }

    [Fact]
    public async Task A_shelter_manager_sees_the_plan_but_not_the_national_figures()
    {
        var (cards, navLink, _) = await HubAsync(InstitutionKind.Shelter, RoleCatalog.ShelterManager);
        Assert.True(navLink);
        Assert.Contains("/Coordination/Plan/Index", cards);
        Assert.Contains("/Statistics/Index", cards); // published releases and its own institution's figures
        Assert.DoesNotContain("/Coordination/Figures", cards);
    }

    [Fact]
    public async Task An_administrator_with_no_part_in_coordination_gets_no_link_and_is_refused_the_page()
    {
        var (cards, navLink, path) = await HubAsync(InstitutionKind.PlatformAdministration, RoleCatalog.Administrator);
        Assert.False(navLink);
        Assert.Equal("/Account/AccessDenied", path);
        Assert.Empty(cards);
    }
}

public sealed class CoordinationHubTestsOnSqlite(SqliteApp app) : CoordinationHubTests(app), IClassFixture<SqliteApp>;
