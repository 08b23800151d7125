using Ariadne.Web.Platform.Participants;
using Microsoft.Playwright;

namespace Ariadne.BrowserTests;

/// <summary>A person signs in with an authenticator app in a real browser, by keyboard, in Azerbaijani.</summary>
public sealed class SignInTests(BrowserApp app)
{
    [Fact]
    public async Task A_new_user_enrols_an_authenticator_and_signs_in_with_it()
    {
        var (name, _) = await app.CreateUserAsync(InstitutionKind.Helpline, [], withAuthenticator: false, mustChangePassword: true);
        var page = await app.NewPageAsync(culture: null); // Azerbaijani by default

        await page.GotoAsync("/Account/SignIn");
        Assert.Equal("az", await page.Locator("html").GetAttributeAsync("lang"));
        await page.AssertNoViolationsAsync();
        await page.GetByLabel("Hesab adı").FillAsync(name);
        await page.GetByLabel("Şifrə").FillAsync(BrowserApp.Password);
        await page.GetByLabel("Şifrə").PressAsync("Enter");

        await page.WaitForURLAsync("**/Account/ChangePassword**");
        await page.AssertNoViolationsAsync();
        await page.GetByLabel("Cari şifrə").FillAsync(BrowserApp.Password);
        await page.Locator("#Input_NewPassword").FillAsync("Yeni-Güclü-Açar-Sözü-2026");
        await page.GetByLabel("Yeni şifrəni təkrarlayın").FillAsync("Yeni-Güclü-Açar-Sözü-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Şifrəni dəyiş" }).ClickAsync();

        await page.WaitForURLAsync("**/Account/Mfa/Setup**");
        await page.AssertNoViolationsAsync();
        var key = (await page.Locator("[data-shared-key]").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        Assert.Equal(1, await page.Locator("figure.app-qr svg").CountAsync());

        // A wrong code: the error is summarised at the top, focused, and shown beside the field.
        await page.GetByLabel("Tətbiqin göstərdiyi kod").FillAsync("123456");
        await page.GetByLabel("Tətbiqin göstərdiyi kod").PressAsync("Enter");
        await page.WaitForSelectorAsync(".govuk-error-summary");
        Assert.True(await page.Locator(".govuk-error-summary").EvaluateAsync<bool>("e => e === document.activeElement"));
        Assert.Equal("true", await page.Locator("#Input_Code").GetAttributeAsync("aria-invalid"));
        await page.AssertNoViolationsAsync();

        await page.GetByLabel("Tətbiqin göstərdiyi kod").FillAsync(app.NextTotp(key));
        await page.GetByLabel("Tətbiqin göstərdiyi kod").PressAsync("Enter");
        await page.WaitForURLAsync("**/Account/Mfa/RecoveryCodes**");
        Assert.Equal(10, await page.Locator("[data-recovery-codes] code").CountAsync());
        await page.AssertNoViolationsAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Onları saxladım — davam et" }).ClickAsync();

        await page.WaitForURLAsync(app.BaseUrl + "/");
        await page.AssertNoViolationsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Çıxış" }).ClickAsync();
        await page.WaitForURLAsync("**/Account/SignIn**");

        // Second sign-in: password, then the authenticator code.
        await page.GetByLabel("Hesab adı").FillAsync(name);
        await page.GetByLabel("Şifrə").FillAsync("Yeni-Güclü-Açar-Sözü-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Daxil ol", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/Account/SignInMfa**");
        await page.AssertNoViolationsAsync();
        await page.GetByLabel("Autentifikator kodu").FillAsync(app.NextTotp(key));
        await page.GetByLabel("Autentifikator kodu").PressAsync("Enter");
        await page.WaitForURLAsync(app.BaseUrl + "/");
        Assert.Contains("Aygün Səfərli", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_sign_in_form_works_by_keyboard_alone()
    {
        var (name, key) = await app.CreateUserAsync(InstitutionKind.Court, [RoleCatalog.CourtClerk], withAuthenticator: true);
        var page = await app.NewPageAsync("en");
        await page.GotoAsync("/Account/SignIn");

        // The first Tab reaches the skip link, which leads to the main content.
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to main content", await page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()"));

        await page.FocusAsync("#Input_UserName");
        await page.Keyboard.TypeAsync(name);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(BrowserApp.Password);
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Sign in", await page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()"));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/Account/SignInMfa**");
        await page.Keyboard.TypeAsync(app.NextTotp(key!)); // the code field has focus? type into it explicitly if not
        if (await page.InputValueAsync("#Input_Code") == "")
        {
            await page.FocusAsync("#Input_Code");
            await page.Keyboard.TypeAsync(app.NextTotp(key!));
        }
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(app.BaseUrl + "/");
        await page.Context.CloseAsync();
    }
}
