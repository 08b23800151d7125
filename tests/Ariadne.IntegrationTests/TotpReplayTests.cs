using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ariadne.IntegrationTests;

/// <summary>
/// Issue 9 item 1: a TOTP time step, once accepted by any use (enrolment, sign-in, break-glass
/// re-authentication), is refused by every other use, whatever the pages save in between.
/// Each test stays inside one 30-second step of the fake clock unless it says otherwise.
/// </summary>
public abstract class TotpReplayTests(AriadneApp app)
{
    private const string ReauthFailed = "The password or the authenticator code is not right.";
    private const string NoSuchCase = "There is no case with this number.";

    private Task<TestUser> NewSquadUser(bool withAuthenticator = true) =>
        app.CreateUserAsync(InstitutionKind.AntiTraffickingSquad, [RoleCatalog.Investigator], [TrainingTopic.AntiTrafficking], withAuthenticator);

    /// <summary>Signs in with the password and enrols an authenticator with the current code; returns that code.</summary>
    private async Task<(string Key, string Code)> EnrolAsync(WebSession session, TestUser user)
    {
        var setup = await session.PasswordAsync(user.UserName, user.Password);
        Assert.Equal("/Account/Mfa/Setup", setup.Path);
        var key = setup.Document.QuerySelector("[data-shared-key]")!.TextContent.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var code = app.TotpNow(key);
        Assert.Equal("/Account/Mfa/RecoveryCodes", (await session.CodeAsync(setup, code)).Path);
        return (key, code);
    }

    /// <summary>Password then the given code at the second step; true when it signed in.</summary>
    private static async Task<bool> SignInWithAsync(WebSession session, TestUser user, string code)
    {
        var step = await session.PasswordAsync(user.UserName, user.Password);
        Assert.Equal("/Account/SignInMfa", step.Path);
        return (await session.CodeAsync(step, code)).Path == "/";
    }

    /// <summary>Break-glass re-authentication with password and code, for a case number that does not exist:
    /// true when re-authentication passed (the page then says the case does not exist).</summary>
    private static async Task<bool> BreakGlassWithAsync(WebSession session, TestUser user, string code)
    {
        var form = await session.GetAsync("/Cases/BreakGlass");
        var page = await session.SubmitAsync(form, "form.app-form", new Dictionary<string, string>
        {
            ["CaseNumber"] = "NO-SUCH-" + Guid.NewGuid().ToString("N")[..6],
            ["Reason"] = "ImminentDangerToLife",
            ["Explanation"] = "The victim called from an unknown place and is in danger.",
            ["Password"] = user.Password,
            ["Code"] = code,
        });
        var passed = page.Text.Contains(NoSuchCase, StringComparison.Ordinal);
        Assert.NotEqual(passed, page.Text.Contains(ReauthFailed, StringComparison.Ordinal));
        return passed;
    }

    [Fact]
    public async Task A_code_spent_on_enrolment_does_not_sign_in()
    {
        var user = await NewSquadUser(withAuthenticator: false);
        using var enrolling = app.NewSession();
        var (_, code) = await EnrolAsync(enrolling, user);
        using var other = app.NewSession();
        Assert.False(await SignInWithAsync(other, user, code));
    }

    [Fact]
    public async Task A_code_spent_on_enrolment_does_not_open_break_glass()
    {
        var user = await NewSquadUser(withAuthenticator: false);
        using var session = app.NewSession();
        var (key, code) = await EnrolAsync(session, user);
        Assert.False(await BreakGlassWithAsync(session, user, code));
        app.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.True(await BreakGlassWithAsync(session, user, app.TotpNow(key))); // the next step does
    }

    [Fact]
    public async Task A_code_spent_on_sign_in_does_not_open_break_glass()
    {
        var user = await NewSquadUser();
        using var session = app.NewSession();
        app.Time.Advance(TimeSpan.FromSeconds(30));
        var code = app.TotpNow(user.AuthenticatorKey!);
        Assert.True(await SignInWithAsync(session, user, code));
        Assert.False(await BreakGlassWithAsync(session, user, code));
    }

    [Fact]
    public async Task A_code_spent_on_sign_in_does_not_sign_in_again()
    {
        var user = await NewSquadUser();
        app.Time.Advance(TimeSpan.FromSeconds(30));
        var code = app.TotpNow(user.AuthenticatorKey!);
        using var first = app.NewSession();
        Assert.True(await SignInWithAsync(first, user, code));
        using var second = app.NewSession();
        Assert.False(await SignInWithAsync(second, user, code));
    }

    [Fact]
    public async Task A_code_spent_on_break_glass_opens_it_once_and_does_not_sign_in()
    {
        var user = await NewSquadUser();
        using var session = app.NewSession();
        await session.SignInAsync(app, user);
        app.Time.Advance(TimeSpan.FromSeconds(30));
        var code = app.TotpNow(user.AuthenticatorKey!);
        Assert.True(await BreakGlassWithAsync(session, user, code));
        Assert.False(await BreakGlassWithAsync(session, user, code));
        using var other = app.NewSession();
        Assert.False(await SignInWithAsync(other, user, code));
    }

    [Fact]
    public async Task A_code_spent_on_re_enrolment_does_not_open_break_glass()
    {
        var user = await NewSquadUser();
        using var session = app.NewSession();
        await session.SignInAsync(app, user);
        app.Time.Advance(TimeSpan.FromSeconds(30));
        var setup = await session.GetAsync("/Account/Mfa/Setup");
        var newKey = setup.Document.QuerySelector("[data-shared-key]")!.TextContent.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var code = app.TotpNow(newKey);
        Assert.Equal("/Account/Mfa/RecoveryCodes", (await session.CodeAsync(setup, code)).Path);
        Assert.False(await BreakGlassWithAsync(session, user, code));
    }

    [Fact]
    public async Task No_token_provider_but_the_one_time_verifier_accepts_an_authenticator_code()
    {
        var user = await NewSquadUser();
        app.Time.Advance(TimeSpan.FromSeconds(30));
        // Identity's own providers read the system clock, not the test's: each provider gets the code of
        // either clock, so that a provider that would accept a code is not let off by a clock mismatch.
        var codes = new[]
        {
            app.TotpNow(user.AuthenticatorKey!),
            new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(user.AuthenticatorKey!)).ComputeTotp(DateTime.UtcNow),
        };
        var accepted = await app.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AriadneUser>>();
            var account = (await users.FindByIdAsync(user.Id.ToString()))!;
            var names = new List<string>();
            foreach (var name in sp.GetRequiredService<IOptions<IdentityOptions>>().Value.Tokens.ProviderMap.Keys)
                foreach (var code in codes)
                    if (await users.VerifyTwoFactorTokenAsync(account, name, code))
                        names.Add(name);
            return names;
        });
        Assert.Equal([OneTimeTotpProvider.Name], accepted);
    }
}

public sealed class TotpReplayTestsOnSqlite(SqliteApp app) : TotpReplayTests(app), IClassFixture<SqliteApp>;

public sealed class TotpReplayTestsOnPostgres(PostgresApp app) : TotpReplayTests(app), IClassFixture<PostgresApp>;
