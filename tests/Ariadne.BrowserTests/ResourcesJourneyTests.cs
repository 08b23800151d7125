using System.Globalization;
using Microsoft.Playwright;

namespace Ariadne.BrowserTests;

/// <summary>
/// Issue 16 §3 in a real browser, with axe on every screen: a shelter manager (in Russian) records a material need, first
/// refused with the errors at the top and beside the fields; the Coordinator (in Azerbaijani) records a donor and the area it
/// supports; on the need the donor is suggested with its reason, and one click records its pledge; the need is then partly
/// met with the pledge in its totals, the "who does what where" view lists it, and the shelter reads it at phone width.
/// </summary>
public sealed class ResourcesJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task A_donor_pledge_is_matched_to_a_shelters_need()
    {
        var (shelter, _) = await app.SignedInAsync(InstitutionKind.Shelter, RoleCatalog.ShelterManager, "ru");
        var (coordinator, _) = await app.SignedInAsync(InstitutionKind.NationalCoordinator, RoleCatalog.Coordinator, "az");
        var title = "Çarpayılar " + Guid.NewGuid().ToString("N")[..6];
        var donor = "Demo donor " + Guid.NewGuid().ToString("N")[..6];

        // The shelter: an empty form is refused, at the top and beside the fields; then the need is recorded.
        await shelter.GotoAsync("/Resources/New");
        Assert.Equal("ru", await shelter.GetAttributeAsync("html", "lang"));
        await shelter.Locator("[data-need-form] button[type=submit]").ClickAsync();
        await shelter.WaitForSelectorAsync(".govuk-error-summary");
        Assert.True(await shelter.Locator("#Need_Title-error").CountAsync() == 1, "no error beside the title");
        await shelter.AssertNoViolationsAsync();
        await shelter.GotoAsync("/Resources/New");
        await shelter.CheckAsync("input[name='Need.Category'][value='Material']");
        await shelter.FillAsync("#Need_Title", title);
        await shelter.FillAsync("#Need_Description", "Yeni otaq üçün altı çarpayı və döşək lazımdır.");
        await shelter.CheckAsync("input[name='Need.Regions'][value='GanjaDashkasan']");
        await shelter.FillAsync("#Need_Amount", "6000");
        await shelter.CheckAsync("input[name='Need.Currency'][value='AZN']");
        await shelter.CheckAsync("input[name='Need.Priority'][value='High']");
        await FillDateAsync(shelter, "Need.From", BakuToday());
        await FillDateAsync(shelter, "Need.Until", BakuToday().AddMonths(6));
        await shelter.Locator("[data-need-form] button[type=submit]").ClickAsync();
        await shelter.WaitForSelectorAsync("[data-need-status], .govuk-error-summary");
        Assert.True(await shelter.Locator("[data-need-status='Open']").CountAsync() == 1,
            "the need was not recorded: " + string.Join(" ", await shelter.Locator(".govuk-error-summary").AllInnerTextsAsync()));
        var needUrl = new Uri(shelter.Url).AbsolutePath;
        Assert.Matches("^/Resources/Needs/[0-9a-f-]{36}$", needUrl);
        await shelter.AssertNoViolationsAsync();

        // The Coordinator: the donor, and what it stated it supports.
        await coordinator.GotoAsync("/Resources/Donors");
        Assert.Equal("az", await coordinator.GetAttributeAsync("html", "lang"));
        await coordinator.Locator("[data-donor-form]").Locator("xpath=ancestor::details").Locator("summary").ClickAsync();
        await coordinator.FillAsync("#Donor_Name", donor);
        await coordinator.Locator("[data-donor-form] button[type=submit]").ClickAsync();
        await coordinator.WaitForSelectorAsync($"[data-donor='{donor}']");
        await coordinator.AssertNoViolationsAsync();
        var area = coordinator.Locator("[data-area-form]");
        await area.Locator("xpath=ancestor::details").Locator("summary").ClickAsync();
        await coordinator.SelectOptionAsync("#Area_DonorId", new SelectOptionValue { Label = donor });
        await area.Locator("input[name='Area.Categories'][value='Material']").CheckAsync();
        await area.Locator("input[name='Area.Regions'][value='GanjaDashkasan']").CheckAsync();
        var today = BakuToday();
        await FillDateAsync(coordinator, "Area.From", today.AddDays(-1));
        await FillDateAsync(coordinator, "Area.Until", today.AddYears(1));
        await coordinator.FillAsync("#Area_Ceiling", "10000");
        await area.Locator("input[name='Area.Currency'][value='AZN']").CheckAsync();
        await area.Locator("button[type=submit]").ClickAsync();
        await coordinator.WaitForSelectorAsync(".govuk-notification-banner--success");
        Assert.Equal(0, await coordinator.Locator(".govuk-error-summary").CountAsync());
        await coordinator.AssertNoViolationsAsync();

        // On the need: the donor is suggested with its reason; its pledge is recorded from the suggestion.
        await coordinator.GotoAsync(needUrl);
        var suggestion = coordinator.Locator($"[data-suggestion='{donor}']");
        Assert.Equal(1, await suggestion.CountAsync());
        Assert.False(string.IsNullOrWhiteSpace(await suggestion.Locator("[data-reason]").InnerTextAsync()));
        await coordinator.AssertNoViolationsAsync();
        await suggestion.Locator("input[name='Flow.Amount']").FillAsync("4000");
        await suggestion.Locator("button[type=submit]").ClickAsync();
        await coordinator.WaitForSelectorAsync("[data-need-status='PartlyMet']");
        Assert.Equal(4000m, decimal.Parse((await coordinator.GetAttributeAsync("[data-pledged]", "data-pledged"))!, CultureInfo.InvariantCulture));
        Assert.Equal(1, await coordinator.Locator("[data-flow='Pledge']").CountAsync());
        await coordinator.AssertNoViolationsAsync();

        // Who does what where: the region and category, with the donor.
        await coordinator.GotoAsync("/Resources/Who");
        Assert.Contains(donor, await coordinator.Locator("[data-who]").InnerTextAsync(), StringComparison.Ordinal);
        await coordinator.AssertNoViolationsAsync();

        // The shelter, on a phone: its need is partly met, with the donor's pledge.
        await shelter.SetViewportSizeAsync(390, 844);
        await shelter.GotoAsync(needUrl);
        await shelter.WaitForSelectorAsync("[data-need-status='PartlyMet']");
        Assert.Contains(donor, await shelter.Locator("[data-flows]").InnerTextAsync(), StringComparison.Ordinal);
        await shelter.AssertNoViolationsAsync();
    }

    private DateOnly BakuToday() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Baku")).DateTime);

    private static async Task FillDateAsync(IPage page, string name, DateOnly date)
    {
        await page.FillAsync($"input[name='{name}.Day']", date.Day.ToString("00", CultureInfo.InvariantCulture));
        await page.FillAsync($"input[name='{name}.Month']", date.Month.ToString("00", CultureInfo.InvariantCulture));
        await page.FillAsync($"input[name='{name}.Year']", date.Year.ToString(CultureInfo.InvariantCulture));
    }
}
