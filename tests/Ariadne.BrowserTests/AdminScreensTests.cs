using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Ariadne.BrowserTests;

/// <summary>The administrator's screens in a real browser, in Russian, with axe on every page.</summary>
public sealed class AdminScreensTests(BrowserApp app)
{
    private Task<IPage> SignInAsAdminAsync(string culture) =>
        app.SignedInPageAsync(InstitutionKind.PlatformAdministration, RoleCatalog.Administrator, culture);

    [Fact]
    public async Task The_administrator_creates_an_institution_and_a_user_and_assigns_a_trained_role()
    {
        var page = await SignInAsAdminAsync("ru");
        await page.AssertNoViolationsAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Учреждения" }).First.ClickAsync();
        await page.WaitForURLAsync("**/Admin/Institutions");
        await page.AssertNoViolationsAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Добавить учреждение" }).ClickAsync();
        await page.WaitForURLAsync("**/Admin/Institutions/Edit");
        await page.AssertNoViolationsAsync();

        // An empty form: the summary at the top and each field explain, in Russian.
        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить" }).ClickAsync();
        await page.WaitForSelectorAsync(".govuk-error-summary");
        Assert.Equal(3, await page.Locator(".govuk-error-summary li").CountAsync());
        Assert.EndsWith("Введите значение.", (await page.Locator("#Input_Name-error").InnerTextAsync()).Trim(), StringComparison.Ordinal);
        await page.AssertNoViolationsAsync();
        await page.Locator(".govuk-error-summary a[href='#Input_Name']").ClickAsync();
        Assert.Equal("Input_Name", await page.EvaluateAsync<string>("() => document.activeElement.id"));

        var code = "GNC" + Guid.NewGuid().ToString("N")[..5].ToUpperInvariant();
        await page.Keyboard.TypeAsync("Гянджинский приют");
        await page.FillAsync("#Input_Code", code);
        await page.SelectOptionAsync("#Input_Kind", "Shelter");
        await page.PressAsync("#Input_Code", "Enter");
        // The browser keeps the "#Input_Name" fragment across the redirect.
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/Admin/Institutions(#.*)?$"));
        Assert.Contains("Гянджинский приют", await page.Locator("table").InnerTextAsync(), StringComparison.Ordinal);

        await page.GotoAsync("/Admin/Users/Create");
        await page.AssertNoViolationsAsync();
        var userName = "worker" + Guid.NewGuid().ToString("N")[..5];
        await page.FillAsync("#Input_UserName", userName);
        await page.FillAsync("#Input_DisplayName", "Гюнай Алиева");
        await page.SelectOptionAsync("#Input_InstitutionId", new SelectOptionValue { Label = "Гянджинский приют" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Добавить пользователя" }).ClickAsync();
        await page.WaitForURLAsync("**/Admin/Users/Edit**");
        // A shelter confirms its own staff: the administrator never sees a password (issue 9, item 4).
        Assert.Equal(0, await page.Locator("[data-temporary-password]").CountAsync());
        await page.AssertNoViolationsAsync();

        // The social-worker role needs training first.
        await page.CheckAsync("#role-SocialWorker");
        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить роли" }).ClickAsync();
        await page.WaitForSelectorAsync("#Roles-error");
        Assert.Contains("Социальный работник", await page.Locator("#Roles-error").InnerTextAsync(), StringComparison.Ordinal);
        await page.AssertNoViolationsAsync();

        // No training form for the administrator: the Coordinator's office records the certificate in the training module
        // (TrainingJourneyTests goes through those screens).
        Assert.Equal(0, await page.Locator("form[action*='handler=AddTraining']").CountAsync());
        await app.CertifyAsync(userName, TrainingTopic.VictimAssistance, "Помощь пострадавшим");
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("text=Помощь пострадавшим");
        await page.CheckAsync("#role-SocialWorker");
        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить роли" }).ClickAsync();
        await page.WaitForSelectorAsync(".app-notice");
        Assert.Equal(0, await page.Locator("#Roles-error").CountAsync());
        Assert.Contains("Социальный работник", await page.Locator("[data-pending]").InnerTextAsync(), StringComparison.Ordinal);
        await page.AssertNoViolationsAsync();

        // The list pages at 50 accounts, and the suite's users fill more than a page: the administrator finds the account by its name.
        await page.GotoAsync("/Admin/Users?Search=" + Uri.EscapeDataString(userName));
        Assert.Contains(userName, await page.Locator("table").InnerTextAsync(), StringComparison.Ordinal);
        await page.AssertNoViolationsAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Security_and_token_pages_are_accessible_and_a_token_is_shown_once()
    {
        var page = await SignInAsAdminAsync("en");
        await page.GotoAsync("/Account/Security");
        await page.AssertNoViolationsAsync();
        await page.GotoAsync("/Account/Tokens");
        await page.AssertNoViolationsAsync();
        await page.FillAsync("#Input_Name", "nightly import");
        await page.CheckAsync("#scope-admin-read");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create a token" }).ClickAsync();
        await page.WaitForSelectorAsync("[data-token-secret]");
        Assert.StartsWith("ariadne_", await page.Locator("[data-token-secret]").InnerTextAsync(), StringComparison.Ordinal);
        await page.AssertNoViolationsAsync();
        await page.ReloadAsync();
        Assert.Equal(0, await page.Locator("[data-token-secret]").CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_passkey_is_added_and_then_signs_in_on_its_own()
    {
        var page = await SignInAsAdminAsync("en");
        await BrowserApp.AddVirtualAuthenticatorAsync(page);

        await page.GotoAsync("/Account/Security");
        await page.FillAsync("#PasskeyName", "Work laptop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        await page.WaitForSelectorAsync("text=Passkey added.");
        Assert.Contains("Work laptop", await page.GetByRole(AriaRole.Table, new() { Name = "Passkeys" }).InnerTextAsync(), StringComparison.Ordinal);
        await page.AssertNoViolationsAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/Account/SignIn**");
        // Someone locks the password path with wrong guesses (ASVS 6.1.1): the passkey still signs in, so a lockout by a
        // stranger cannot keep its holder out.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AriadneUser>>();
            var owner = await scope.ServiceProvider.GetRequiredService<AriadneDbContext>().UserPasskeys.Where(p => p.Data.Name == "Work laptop").Select(p => p.UserId).SingleAsync();
            var admin = (await users.FindByIdAsync(owner.ToString()))!;
            await users.SetLockoutEndDateAsync(admin, app.Time.GetUtcNow().AddMinutes(15));
            Assert.True(await users.IsLockedOutAsync(admin));
            // Its owner was told, in the same transaction as the passkey (ASVS 6.3.7).
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<AriadneDbContext>().Notifications
                .CountAsync(n => n.RecipientUserId == owner && n.Kind == Ariadne.Web.Platform.Security.CredentialNotices.PasskeyAdded.Code));
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();
        await page.WaitForURLAsync(app.BaseUrl + "/");
        Assert.Contains("Aygün Səfərli", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        // The security page shows this sign-in first (ASVS 7.5.2).
        await page.GotoAsync("/Account/Security");
        Assert.Contains("Signing in with a passkey", await page.Locator("[data-recent-sign-ins] tbody tr").First.InnerTextAsync(), StringComparison.Ordinal);
        await page.GotoAsync("/Admin/Users"); // a passkey session is multi-factor: administration opens
        Assert.Equal(app.BaseUrl + "/Admin/Users", page.Url);

        // The public key is stored sealed by the key ring. Written back in clear, the way someone with write access to
        // the database would plant a key of their own, the same authenticator no longer signs in.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var sp = scope.ServiceProvider;
            var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AriadneUser>>();
            var db = sp.GetRequiredService<AriadneDbContext>();
            var row = await db.UserPasskeys.SingleAsync(p => p.Data.Name == "Work laptop");
            Assert.NotNull(Ariadne.Web.Platform.Security.FactorSeal.MasterKeyIdOf(row.Data.PublicKey));
            var clear = (await users.GetPasskeyAsync((await users.FindByIdAsync(row.UserId.ToString()))!, row.CredentialId))!.PublicKey;
            row.Data.PublicKey = clear;
            await db.SaveChangesAsync();
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/Account/SignIn**");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();
        await page.WaitForSelectorAsync("text=The passkey could not be used. Try again or use your password.");
        Assert.EndsWith("/Account/SignIn", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_passkey_reauthenticates_for_emergency_access()
    {
        var number = await app.CreateCaseAsync();
        var page = await app.SignedInPageAsync(InstitutionKind.Prosecution, RoleCatalog.Prosecutor, "en");
        await BrowserApp.AddVirtualAuthenticatorAsync(page);
        await page.GotoAsync("/Account/Security");
        await page.FillAsync("#PasskeyName", "Phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        await page.WaitForSelectorAsync("text=Passkey added.");

        await page.GotoAsync("/Cases/BreakGlass");
        await page.FillAsync("#CaseNumber", number);
        await page.SelectOptionAsync("#Reason", "MissingOrAbductedPerson");
        await page.FillAsync("#Explanation", "The person did not arrive at the shelter tonight.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm with a passkey and open" }).ClickAsync();
        await page.WaitForURLAsync("**/Cases/Detail**");
        var main = await page.Locator("main").InnerTextAsync();
        Assert.Contains("Rəhimova", main, StringComparison.Ordinal);
        Assert.DoesNotContain("Lənkəran", main, StringComparison.Ordinal); // location stays hidden
        await page.AssertNoViolationsAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Changing_how_one_signs_in_asks_to_confirm_it_is_them_first_in_azerbaijani_at_phone_width_and_by_passkey_in_russian()
    {
        const string Shots = "/tmp/adminshots";
        Directory.CreateDirectory(Shots);
        var (page, _, key) = await app.SignedInWithKeyAsync(InstitutionKind.AntiTraffickingSquad, RoleCatalog.Investigator, "az");
        await page.SetViewportSizeAsync(390, 844);
        // The page a stale session is sent to (the browser app's window is a working day, and moving the shared clock would
        // disturb other tests; the integration tests send stale sessions there).
        await page.GotoAsync("/Account/Reauthenticate?ReturnUrl=%2FAccount%2FSecurity");
        Assert.EndsWith("/Account/Reauthenticate", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        Assert.Equal("Bunun siz olduğunuzu təsdiqləyin", (await page.Locator("h1").InnerTextAsync()).Trim());
        await page.AssertNoViolationsAsync();
        await page.ScreenshotAsync(new() { Path = $"{Shots}/reauth-az-390.png", FullPage = true });

        // By keyboard: Enter in the empty password field; the errors are summarised at the top and shown beside each field.
        await page.FocusAsync("#Password");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync(".govuk-error-summary");
        Assert.Equal(2, await page.Locator(".govuk-error-summary li").CountAsync());
        Assert.Equal(1, await page.Locator("#Password-error").CountAsync());
        await page.AssertNoViolationsAsync();
        await page.ScreenshotAsync(new() { Path = $"{Shots}/reauth-az-390-errors.png", FullPage = true });

        await page.FillAsync("#Password", BrowserApp.Password);
        await page.FillAsync("#Code", app.NextTotp(key));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/Account/Security");
        await page.AssertNoViolationsAsync();
        await page.Context.CloseAsync();

        // In Russian, with a passkey added while the sign-in was fresh: asked before the tokens page, the passkey confirms.
        var ru = await app.SignedInPageAsync(InstitutionKind.AntiTraffickingSquad, RoleCatalog.Investigator, "ru");
        await BrowserApp.AddVirtualAuthenticatorAsync(ru);
        await ru.GotoAsync("/Account/Security");
        await ru.FillAsync("#PasskeyName", "Телефон");
        await ru.GetByRole(AriaRole.Button, new() { Name = "Добавить ключ доступа" }).ClickAsync();
        await ru.WaitForSelectorAsync(".app-notice");
        await ru.GotoAsync("/Account/Reauthenticate?ReturnUrl=%2FAccount%2FTokens");
        Assert.EndsWith("/Account/Reauthenticate", new Uri(ru.Url).AbsolutePath, StringComparison.Ordinal);
        await ru.SetViewportSizeAsync(390, 844);
        await ru.ScreenshotAsync(new() { Path = $"{Shots}/reauth-ru-390.png", FullPage = true });
        await ru.GetByRole(AriaRole.Button, new() { Name = "Подтвердить ключом доступа" }).ClickAsync();
        await ru.WaitForURLAsync("**/Account/Tokens");
        await ru.AssertNoViolationsAsync();
        await ru.Context.CloseAsync();
    }

    [Fact]
    public async Task At_phone_width_the_administrator_ends_an_accounts_sessions_in_azerbaijani_and_an_expired_temporary_password_is_explained_in_russian()
    {
        const string Shots = "/tmp/adminshots";
        Directory.CreateDirectory(Shots);
        var (worker, _) = await app.CreateUserAsync(InstitutionKind.AntiTraffickingSquad, [RoleCatalog.Investigator], withAuthenticator: true);
        var page = await SignInAsAdminAsync("az");
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/Admin/Users?Search=" + Uri.EscapeDataString(worker));
        await page.GetByRole(AriaRole.Link, new() { Name = worker, Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/Admin/Users/Edit**");
        await page.GetByRole(AriaRole.Button, new() { Name = "Bütün sessiyaları bitir" }).ClickAsync();
        await page.WaitForSelectorAsync(".app-notice");
        Assert.Contains("Bu hesabın bütün sessiyaları bütün cihazlarda bitirildi.", await page.Locator(".app-notice").InnerTextAsync(), StringComparison.Ordinal);
        await page.AssertNoViolationsAsync();
        await page.ScreenshotAsync(new() { Path = $"{Shots}/end-sessions-az-390.png", FullPage = true });
        await page.Context.CloseAsync();

        // A temporary password issued 73 hours ago: whoever gives it is told, in their language, what to do.
        var (fresh, _) = await app.CreateUserAsync(InstitutionKind.AntiTraffickingSquad, [RoleCatalog.Investigator], withAuthenticator: false, mustChangePassword: true);
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<AriadneDbContext>().Users.Where(u => u.UserName == fresh)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.TemporaryPasswordIssuedAt, app.Time.GetUtcNow().AddHours(-73)));
        var signIn = await app.NewPageAsync("ru");
        await signIn.SetViewportSizeAsync(390, 844);
        await signIn.GotoAsync("/Account/SignIn");
        await signIn.FillAsync("#Input_UserName", fresh);
        await signIn.FillAsync("#Input_Password", BrowserApp.Password);
        await signIn.PressAsync("#Input_Password", "Enter");
        await signIn.WaitForSelectorAsync(".govuk-error-summary");
        Assert.Contains("Срок действия этого временного пароля истёк.", await signIn.Locator(".govuk-error-summary").InnerTextAsync(), StringComparison.Ordinal);
        await signIn.AssertNoViolationsAsync();
        await signIn.ScreenshotAsync(new() { Path = $"{Shots}/temporary-expired-ru-390.png", FullPage = true });
        await signIn.Context.CloseAsync();
    }
}
