using System.Net;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>
/// The owner is told in the app after every change of their sign-in details (ASVS 6.3.7), whoever made it, and a refused
/// change tells nothing. The administrator's resets are in <see cref="SeparationOfDutiesTests"/>.
/// </summary>
public abstract class CredentialNoticeTests(AriadneApp app)
{
    private Task<List<string>> NoticesAsync(Guid userId) => app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Notifications
        .AsNoTracking().Where(n => n.RecipientUserId == userId).OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).Select(n => n.Kind).ToListAsync());

    [Fact]
    public async Task Each_change_of_ones_own_sign_in_details_leaves_one_notice_naming_it_and_a_refused_change_leaves_none()
    {
        var user = await app.CreateUserAsync(InstitutionKind.AntiTraffickingSquad, [RoleCatalog.Investigator], [TrainingTopic.AntiTrafficking]);
        using var session = app.NewSession();
        await session.SignInAsync(app, user);

        // A refused password change (wrong current password) tells nothing.
        var form = await session.GetAsync("/Account/ChangePassword");
        var refused = await session.SubmitAsync(form, "form.app-form", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = "Not-The-Password-At-All-1",
            ["Input.NewPassword"] = "Another-Strong-Pass-42!",
            ["Input.ConfirmPassword"] = "Another-Strong-Pass-42!",
        });
        Assert.NotNull(refused.FieldError("Input_CurrentPassword"));
        Assert.Empty(await NoticesAsync(user.Id));

        await session.SubmitAsync(form, "form.app-form", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = user.Password,
            ["Input.NewPassword"] = "Another-Strong-Pass-42!",
            ["Input.ConfirmPassword"] = "Another-Strong-Pass-42!",
        });
        Assert.Equal([CredentialNotices.PasswordChanged.Code], await NoticesAsync(user.Id));

        var security = await session.GetAsync("/Account/Security");
        Assert.Equal("/Account/Mfa/RecoveryCodes", (await session.SubmitAsync(security, "form[action='/Account/Mfa/RecoveryCodes']")).Path);

        // A new authenticator, confirmed by a code from it.
        app.Time.Advance(TimeSpan.FromSeconds(1));
        var setup = await session.GetAsync("/Account/Mfa/Setup");
        var newKey = setup.Document.QuerySelector("[data-shared-key]")!.TextContent.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        app.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal("/Account/Mfa/RecoveryCodes", (await session.CodeAsync(setup, app.TotpNow(newKey))).Path);

        // A passkey (written through the store, as the ceremony would) removed from the page.
        var credential = new byte[] { 7, 7, 7, 7, 7, 7, 7, 7 };
        await app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AriadneUser>>();
            Assert.True((await users.AddOrUpdatePasskeyAsync((await users.FindByIdAsync(user.Id.ToString()))!,
                new UserPasskeyInfo(credential, [1, 2, 3], DateTimeOffset.UnixEpoch, 0, ["usb"], true, false, false, [1], [2]) { Name = "key" })).Succeeded);
        });
        app.Time.Advance(TimeSpan.FromSeconds(1));
        security = await session.GetAsync("/Account/Security");
        var token = security.Document.QuerySelector("input[name='__csrf']")!.GetAttribute("value")!;
        var removed = await session.Client.PostAsync("/Account/Security?handler=RemovePasskey&id=" + Uri.EscapeDataString(Convert.ToBase64String(credential)),
            new FormUrlEncodedContent([new("__csrf", token)]));
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);

        Assert.Equal(
            [CredentialNotices.PasswordChanged.Code, CredentialNotices.RecoveryCodesReplaced.Code, CredentialNotices.AuthenticatorEnrolled.Code,
                CredentialNotices.PasskeyRemoved.Code],
            await NoticesAsync(user.Id));

        // The owner reads them in their language on the notifications page: what changed, never a value.
        var page = await session.GetAsync("/Notifications");
        var text = page.Document.QuerySelector("[data-notifications]")!.TextContent;
        Assert.Contains("The password of your account was changed.", text, StringComparison.Ordinal);
        Assert.Contains("A passkey was removed from your account.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Another-Strong-Pass-42!", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(newKey, page.Html, StringComparison.OrdinalIgnoreCase);
    }
}

// On SQLite only: the notices ride on the saves of Identity's store, which the other tests run on both databases.
public sealed class CredentialNoticeTestsOnSqlite(SqliteApp app) : CredentialNoticeTests(app), IClassFixture<SqliteApp>;
