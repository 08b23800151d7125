using Ariadne.Web.Platform.Logging;
using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.Identity;

namespace Ariadne.Web.Platform.Security;

/// <summary>
/// A signed-in user proving their factors again (<c>/Account/Reauthenticate</c>, break-glass): one of their own passkeys,
/// or the password and a fresh authenticator code; for a demo account in demo mode without a factor, the password. It
/// guards like the sign-in: a locked or disabled account proves nothing whatever it gives, and a wrong password or a
/// wrong code counts toward the lockout, so that neither page can be used to guess a password or a code.
/// </summary>
public sealed class FactorProof(UserManager<AriadneUser> users, AriadneSignInManager signIn, OneTimeTotpProvider totp, ILogger<FactorProof> logger)
{
    public async Task<bool> WithPasskeyAsync(AriadneUser user, string credential)
    {
        if (credential.Length > 16_384 || !await MayProveAsync(user))
            return false;
        var assertion = await signIn.PerformPasskeyAssertionAsync(credential);
        if (assertion is not { Succeeded: true, Passkey: not null } || assertion.User?.Id != user.Id)
            return false;
        await users.AddOrUpdatePasskeyAsync(user, assertion.Passkey); // its signature counter
        return true;
    }

    public async Task<bool> WithPasswordAsync(AriadneUser user, string password, string? code, bool passwordAlone = false)
    {
        if (!await MayProveAsync(user))
        {
            SignInTiming.Spend(users.PasswordHasher, password);
            return false;
        }
        var checkedPassword = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (!checkedPassword.Succeeded)
        {
            if (checkedPassword.IsLockedOut)
                logger.LockedOut(user.Id);
            return false;
        }
        if (passwordAlone)
            return true;
        if (!string.IsNullOrEmpty(code) && user.TwoFactorEnabled && await users.GetAuthenticatorKeyAsync(user) is { Length: > 0 } key
            && await totp.VerifyAsync(user, key, code))
        {
            await users.ResetAccessFailedCountAsync(user);
            return true;
        }
        await users.AccessFailedAsync(user); // a wrong code counts like a wrong password
        if (await users.IsLockedOutAsync(user))
            logger.LockedOut(user.Id);
        return false;
    }

    private async Task<bool> MayProveAsync(AriadneUser user) => !await users.IsLockedOutAsync(user) && await signIn.CanSignInAsync(user);
}
