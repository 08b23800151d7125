using Microsoft.Playwright;

namespace Ariadne.BrowserTests;

/// <summary>
/// Issue 16 §1 in a real browser, the Coordinator in Azerbaijani and a ministry in Russian, with axe on every screen: the
/// Coordinator imports the 2004 plan and assigns a measure to the ministry with a deadline already passed; the ministry sees
/// it overdue on its home card, opens it, is refused a status change without evidence (errors at the top and beside the
/// fields), records one with evidence and sees it on the timeline, also at phone width. A ministry the measure is not
/// assigned to gets 404.
/// </summary>
public sealed class PlanJourneyTests(BrowserApp app)
{
    [Fact]
    public async Task Import_assign_overdue_on_home_and_a_status_change_with_evidence()
    {
        var (coordinator, _) = await app.SignedInAsync(InstitutionKind.NationalCoordinator, RoleCatalog.Coordinator, "az");
        var (ministry, ministryName) = await app.SignedInAsync(InstitutionKind.ExecutiveBody, RoleCatalog.ExecutiveOfficer, "ru", newInstitution: true);
        var (other, _) = await app.SignedInAsync(InstitutionKind.ExecutiveBody, RoleCatalog.ExecutiveOfficer, "ru", newInstitution: true);
        var ministryId = await app.InstitutionOfAsync(ministryName);

        // The Coordinator imports the shipped plan.
        await coordinator.GotoAsync("/Coordination/Plan");
        if (await coordinator.Locator("[data-measure]").CountAsync() == 0)
        {
            await coordinator.Locator("[data-seed-form] button[type=submit]").ClickAsync();
            await coordinator.WaitForSelectorAsync("[data-measure='2.2']");
        }
        Assert.True(await coordinator.Locator("[data-measure]").CountAsync() >= 20);
        Assert.Equal("az", await coordinator.GetAttributeAsync("html", "lang"));
        await coordinator.AssertNoViolationsAsync();

        // ... and assigns 2.2 to the ministry, due five days ago.
        await coordinator.Locator("[data-measure='2.2'] a").First.ClickAsync();
        await coordinator.WaitForSelectorAsync("[data-measure-header]");
        await coordinator.AssertNoViolationsAsync();
        var measureUrl = coordinator.Url;
        await coordinator.Locator("[data-edit-form]").Locator("xpath=ancestor::details").Locator("summary").ClickAsync();
        await coordinator.Locator("#Edit_ResponsibleInstitutionId").SelectOptionAsync(ministryId.ToString());
        var due = BakuToday().AddDays(-5);
        await FillDateAsync(coordinator, "Edit.Deadline", due);
        await coordinator.Locator("[data-edit-form] button[type=submit]").ClickAsync();
        await coordinator.WaitForSelectorAsync(".app-notice");
        Assert.Equal(due.ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture), (await coordinator.Locator("[data-deadline]").InnerTextAsync()).Trim());
        await coordinator.AssertNoViolationsAsync();

        // The ministry: the measure overdue on its home card.
        await ministry.GotoAsync("/");
        var card = ministry.Locator("[data-home-panel='plan']");
        await card.WaitForAsync();
        Assert.Contains("2.2", await card.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Просрочена", await card.InnerTextAsync(), StringComparison.Ordinal);
        await ministry.AssertNoViolationsAsync();
        await card.Locator("a", new() { HasTextString = "2.2" }).ClickAsync();
        await ministry.WaitForSelectorAsync("[data-measure-header] [data-overdue]");
        await ministry.AssertNoViolationsAsync();

        // An empty change: errors at the top and beside the fields, nothing recorded.
        var changes = await ministry.Locator("[data-timeline] li").CountAsync();
        await ministry.Locator("[data-status-form]").Locator("xpath=ancestor::details").Locator("summary").ClickAsync();
        await ministry.Locator("[data-status-form] button[type=submit]").ClickAsync();
        await ministry.WaitForSelectorAsync(".govuk-error-summary");
        Assert.Equal(1, await ministry.Locator("#Change_Evidence-error").CountAsync());
        Assert.Equal(changes, await ministry.Locator("[data-timeline] li").CountAsync());
        await ministry.AssertNoViolationsAsync();

        // With evidence: on the timeline, by keyboard-reachable controls.
        await ministry.Locator("input[name='Change.To'][value='InProgress']").CheckAsync();
        await FillDateAsync(ministry, "Change.On", BakuToday());
        await ministry.FillAsync("#Change_Evidence", "Проект правил направлен в Кабинет министров.");
        await ministry.Locator("[data-status-form] button[type=submit]").ClickAsync();
        await ministry.WaitForSelectorAsync("[data-timeline] li[data-to='InProgress']");
        Assert.Equal(changes + 1, await ministry.Locator("[data-timeline] li").CountAsync());
        await ministry.AssertNoViolationsAsync();

        // At phone width the plan and the measure read without violations.
        await ministry.SetViewportSizeAsync(390, 844);
        await ministry.GotoAsync("/Coordination/Plan");
        Assert.True(await ministry.Locator("[data-measure='2.2']").CountAsync() == 1);
        await ministry.AssertNoViolationsAsync();
        await ministry.GotoAsync(measureUrl);
        await ministry.AssertNoViolationsAsync();

        // Another ministry: not found.
        var response = await other.GotoAsync(measureUrl);
        Assert.Equal(404, response!.Status);
        await other.GotoAsync("/Coordination/Plan");
        Assert.Equal(0, await other.Locator("[data-measure='2.2']").CountAsync());
    }

    private DateOnly BakuToday() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Baku")).DateTime);

    private static async Task FillDateAsync(IPage page, string name, DateOnly date)
    {
        await page.FillAsync($"input[name='{name}.Day']", date.Day.ToString("00", System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync($"input[name='{name}.Month']", date.Month.ToString("00", System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync($"input[name='{name}.Year']", date.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
