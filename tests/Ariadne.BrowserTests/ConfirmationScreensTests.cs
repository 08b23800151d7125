using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Ariadne.BrowserTests;

/// <summary>The responsible person's confirmation page (issue 9, item 4), in Azerbaijani, by keyboard, with axe.</summary>
public sealed class ConfirmationScreensTests(BrowserApp app)
{
    [Fact]
    public async Task A_shelter_manager_approves_a_new_password_by_keyboard_and_alone_sees_it()
    {
        var (page, _) = await app.SignedInAsync(InstitutionKind.Shelter, RoleCatalog.ShelterManager, "az");
        var (worker, _) = await app.CreateUserAsync(InstitutionKind.Shelter, [], withAuthenticator: false);
        var changeId = await RequestPasswordAsync(worker);

        await page.GotoAsync("/Staff/Confirmations");
        await page.AssertNoViolationsAsync();
        var approve = page.Locator($"#change-{changeId} button[data-approve]");
        await approve.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("[data-temporary-password]");
        Assert.True((await page.Locator("[data-temporary-password]").InnerTextAsync()).Length >= 20);
        Assert.Equal(0, await page.Locator($"#change-{changeId}").CountAsync());
        await page.AssertNoViolationsAsync();
        await page.ReloadAsync();
        Assert.Equal(0, await page.Locator("[data-temporary-password]").CountAsync());
        await page.Context.CloseAsync();
    }

    private async Task<Guid> RequestPasswordAsync(string userName)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AriadneDbContext>();
        var user = await db.Users.SingleAsync(u => u.UserName == userName);
        var admin = new Viewer(Guid.NewGuid(), Guid.NewGuid(), []);
        var change = await scope.ServiceProvider.GetRequiredService<AccountConfirmations>().RequestAsync(admin, user, AccountChange.Password, null);
        return change.Id;
    }
}
