using Ariadne.Web.Platform.Participants;
using Microsoft.Playwright;

namespace Ariadne.BrowserTests;

/// <summary>The case screens in a real browser, with axe on every page: open a case, see it, grant, emergency access, oversight.</summary>
public sealed class CaseScreensTests(BrowserApp app)
{
    private Task<IPage> SignInAsync(InstitutionKind kind, string role, string culture) => app.SignedInPageAsync(kind, role, culture);

    [Fact]
    public async Task An_investigator_opens_a_case_and_works_on_it_in_Azerbaijani()
    {
        var page = await SignInAsync(InstitutionKind.AntiTraffickingSquad, RoleCatalog.Investigator, "az");
        await page.GetByRole(AriaRole.Link, new() { Name = "İşlər" }).ClickAsync();
        await page.WaitForURLAsync("**/Cases");
        await page.AssertNoViolationsAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "İş aç" }).ClickAsync();
        await page.WaitForURLAsync("**/Cases/New");
        await page.AssertNoViolationsAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "İşi aç" }).ClickAsync();
        await page.WaitForSelectorAsync(".govuk-error-summary");
        await page.AssertNoViolationsAsync();

        await page.FillAsync("#Input_GivenName", "Səbinə");
        await page.FillAsync("#Input_FamilyName", "Hüseynova");
        await page.FillAsync("#Input_DateOfBirth", "1995-07-21");
        await page.FillAsync("#Input_Citizenship", "AZE");
        await page.FillAsync("#Input_Whereabouts", "Bakı, Yasamal");
        await page.GetByRole(AriaRole.Button, new() { Name = "İşi aç" }).ClickAsync();
        await page.WaitForURLAsync("**/Cases/Detail**");
        Assert.Contains("Hüseynova", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await page.AssertNoViolationsAsync();

        await page.Locator("section[data-class='Investigation'] a[href*='/Edit']").First.ClickAsync();
        await page.WaitForURLAsync("**/Edit**");
        await page.AssertNoViolationsAsync();
        await page.FillAsync("#Input_Situation", "Türkiyədə məcburi əmək");
        await page.GetByRole(AriaRole.Button, new() { Name = "Yadda saxla" }).ClickAsync();
        await page.WaitForSelectorAsync(".app-notice");
        Assert.Contains("Türkiyədə məcburi əmək", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await page.AssertNoViolationsAsync();

        await page.GotoAsync("/Cases");
        Assert.Equal(1, await page.Locator("tbody tr").CountAsync());
        await page.GotoAsync("/Notifications");
        await page.AssertNoViolationsAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Emergency_access_and_oversight_screens_are_accessible_in_Russian()
    {
        var page = await SignInAsync(InstitutionKind.Prosecution, RoleCatalog.Prosecutor, "ru");
        await page.GotoAsync("/Cases/BreakGlass");
        await page.AssertNoViolationsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Открыть дело в экстренном порядке" }).ClickAsync();
        await page.WaitForSelectorAsync(".govuk-error-summary");
        await page.AssertNoViolationsAsync();
        await page.Context.CloseAsync();

        var oversight = await SignInAsync(InstitutionKind.Oversight, RoleCatalog.Auditor, "ru");
        await oversight.GotoAsync("/Oversight/Reviews");
        await oversight.AssertNoViolationsAsync();
        await oversight.GotoAsync("/Oversight/CaseAccess?Number=AZ-2026-000000");
        await oversight.AssertNoViolationsAsync();
        await oversight.Context.CloseAsync();
    }
}
