namespace Ariadne.IntegrationTests.Infrastructure;

/// <summary>The sign-in a person performs, step by step, through the real pages.</summary>
public static class SignInSteps
{
    public static async Task<WebSession.Page> PasswordAsync(this WebSession session, string userName, string password)
    {
        var page = await session.GetAsync("/Account/SignIn");
        return await session.SubmitAsync(page, "form.app-form", new Dictionary<string, string>
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        });
    }

    public static async Task<WebSession.Page> CodeAsync(this WebSession session, WebSession.Page page, string code) =>
        await session.SubmitAsync(page, "form.app-form", new Dictionary<string, string> { ["Input.Code"] = code });

    /// <summary>Password and current TOTP code; returns the page after sign-in.</summary>
    public static async Task<WebSession.Page> SignInAsync(this WebSession session, AriadneApp app, TestUser user)
    {
        var page = await session.PasswordAsync(user.UserName, user.Password);
        if (page.Path == "/Account/SignInMfa")
        {
            app.Time.Advance(TimeSpan.FromSeconds(30)); // a fresh time step: each code is usable once
            page = await session.CodeAsync(page, app.TotpNow(user.AuthenticatorKey!));
        }
        return page;
    }
}
