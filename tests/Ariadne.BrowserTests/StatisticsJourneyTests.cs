using Microsoft.Playwright;

namespace Ariadne.BrowserTests;

/// <summary>
/// Issue 17 in a real browser, with axe on every screen: an analyst of the Coordinator's office (in Azerbaijani) is refused a
/// draft without a year (errors at the top and beside the field), drafts the calendar year's release, and cannot approve
/// their own draft; a Coordinator (in Russian) approves and publishes it; a shelter manager (in Azerbaijani, at phone width)
/// reads the published release with its charts and tables, and gets 404 on the office's releases page.
/// </summary>
public sealed class StatisticsJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task Produce_approve_and_publish_a_release()
    {
        var (analyst, _) = await app.SignedInAsync(InstitutionKind.NationalCoordinator, RoleCatalog.Analyst, "az");
        var (coordinator, _) = await app.SignedInAsync(InstitutionKind.NationalCoordinator, RoleCatalog.Coordinator, "ru");
        var (shelter, _) = await app.SignedInAsync(InstitutionKind.Shelter, RoleCatalog.ShelterManager, "az");
        var year = DateTime.UtcNow.Year;

        // The dashboard: the national figures with a chart and a table each.
        await analyst.GotoAsync("/Statistics");
        await analyst.WaitForSelectorAsync("[data-period]");
        Assert.Equal("az", await analyst.GetAttributeAsync("html", "lang"));
        await analyst.AssertNoViolationsAsync();

        // Drafting without a year: refused, the error at the top and beside the field.
        await analyst.Locator("[data-releases-link]").ClickAsync();
        await analyst.WaitForSelectorAsync("[data-draft-form]");
        await analyst.Locator("input[name='Input.Kind'][value='Calendar']").CheckAsync();
        await analyst.FillAsync("#Input_Year", "");
        await analyst.Locator("[data-draft]").ClickAsync();
        await analyst.WaitForSelectorAsync(".govuk-error-summary");
        Assert.Equal(1, await analyst.Locator("#Input_Year-error").CountAsync());
        await analyst.AssertNoViolationsAsync();

        // With the year, by keyboard: the draft, with its tables.
        await analyst.FillAsync("#Input_Year", year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await analyst.Locator("[data-draft]").FocusAsync();
        await analyst.Keyboard.PressAsync("Enter");
        await analyst.WaitForSelectorAsync("[data-release='Draft']");
        Assert.True(await analyst.Locator("[data-stat-table]").CountAsync() >= 10);
        Assert.True(await analyst.Locator("[data-stat-chart] svg").CountAsync() >= 10);
        Assert.Equal(0, await analyst.Locator("[data-approve]").CountAsync()); // not one's own draft
        Assert.Equal(1, await analyst.Locator("[data-needs-second]").CountAsync());
        await analyst.AssertNoViolationsAsync();
        var releaseUrl = analyst.Url;

        // The Coordinator approves, then publishes.
        await coordinator.GotoAsync(releaseUrl);
        await coordinator.Locator("[data-approve]").ClickAsync();
        await coordinator.WaitForSelectorAsync("[data-release='Approved']");
        Assert.Equal("ru", await coordinator.GetAttributeAsync("html", "lang"));
        await coordinator.AssertNoViolationsAsync();
        await coordinator.Locator("[data-publish]").ClickAsync();
        await coordinator.WaitForSelectorAsync("[data-release='Published']");
        Assert.Contains("Опубликован", await coordinator.Locator("[data-status]").InnerTextAsync(), StringComparison.Ordinal);
        await coordinator.AssertNoViolationsAsync();

        // The shelter manager reads the published release, at phone width; the office's releases page is not theirs.
        await shelter.SetViewportSizeAsync(390, 844);
        await shelter.GotoAsync("/Statistics");
        await shelter.WaitForSelectorAsync("[data-published] a");
        await shelter.AssertNoViolationsAsync();
        await shelter.Locator("[data-published] a").First.ClickAsync();
        await shelter.WaitForSelectorAsync("[data-release='Published']");
        Assert.True(await shelter.Locator("[data-stat-table]").CountAsync() >= 10);
        Assert.Equal(0, await shelter.Locator("[data-approve], [data-publish], [data-discard]").CountAsync());
        Assert.True(await shelter.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"));
        await shelter.AssertNoViolationsAsync();
        var response = await shelter.GotoAsync("/Statistics/Releases");
        Assert.Equal(404, response!.Status);
    }
}
