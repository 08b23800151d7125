using Microsoft.Playwright;

namespace Ariadne.BrowserTests;

/// <summary>Language switching and the mode for the visually impaired, from any page, remembered.</summary>
public sealed class LanguageAndAccessibilityTests(BrowserApp app)
{
    [Fact]
    public async Task The_language_switch_changes_every_string_and_is_remembered()
    {
        var page = await app.NewPageAsync(culture: null);
        await page.GotoAsync("/Account/SignIn");
        Assert.Equal("Giriş", await page.Locator("h1").InnerTextAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Русский" }).ClickAsync();
        await page.WaitForFunctionAsync("() => document.documentElement.lang === 'ru'");
        Assert.Equal("Вход", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("true", await page.GetByRole(AriaRole.Button, new() { Name = "Русский" }).GetAttributeAsync("aria-pressed"));
        await page.AssertNoViolationsAsync();

        await page.ReloadAsync();
        Assert.Equal("Вход", await page.Locator("h1").InnerTextAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await page.WaitForFunctionAsync("() => document.documentElement.lang === 'en'");
        Assert.Equal("Sign in", await page.Locator("h1").InnerTextAsync());
        await page.AssertNoViolationsAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Visually_impaired_mode_enlarges_text_raises_contrast_and_is_remembered()
    {
        var page = await app.NewPageAsync("en");
        await page.GotoAsync("/Account/SignIn");
        var normal = await page.EvaluateAsync<double>("() => parseFloat(getComputedStyle(document.querySelector('h1')).fontSize)");

        await page.GetByRole(AriaRole.Button, new() { Name = "Version for the visually impaired" }).ClickAsync();
        await page.WaitForFunctionAsync("() => document.documentElement.classList.contains('vi')");
        var large = await page.EvaluateAsync<double>("() => parseFloat(getComputedStyle(document.querySelector('h1')).fontSize)");
        Assert.True(large >= normal * 1.3, $"{large} is not clearly larger than {normal}");
        Assert.Equal("rgb(0, 0, 0)", await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.app-header')).backgroundColor"));
        await page.AssertNoViolationsAsync();

        await page.GotoAsync("/Account/SignIn");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.classList.contains('vi')"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Version for the visually impaired" }).ClickAsync();
        await page.WaitForFunctionAsync("() => !document.documentElement.classList.contains('vi')");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Error_pages_are_accessible_too()
    {
        var page = await app.NewPageAsync("ru");
        await page.GotoAsync("/Account/TooManyAttempts");
        await page.AssertNoViolationsAsync();
        await page.GotoAsync("/Status?code=404");
        Assert.Equal("Страница не найдена", await page.Locator("h1").InnerTextAsync());
        await page.AssertNoViolationsAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_accessibility_check_finds_a_violation_on_each_page_it_is_run_on()
    {
        // The check injects axe once per document: it must still run (and still fail) on a page reached afterwards.
        var page = await app.NewPageAsync("en");
        foreach (var path in new[] { "/Account/SignIn", "/Status?code=404" })
        {
            await page.GotoAsync(path);
            await page.AssertNoViolationsAsync();
            await page.EvaluateAsync("() => { const i = document.createElement('img'); i.src = '/favicon.ico'; i.id = 'no-alt'; document.querySelector('main').append(i); }");
            var failure = await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(page.AssertNoViolationsAsync);
            Assert.Contains("image-alt", failure.Message, StringComparison.Ordinal);
            Assert.Contains("[\"#no-alt\"]", failure.Message, StringComparison.Ordinal);
        }
        await page.Context.CloseAsync();
    }
}
