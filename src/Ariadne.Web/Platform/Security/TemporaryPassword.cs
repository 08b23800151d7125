using System.Security.Cryptography;
using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Web.Platform.Security;

/// <summary>A random password that meets the policy, for the administrator to hand over once.</summary>
public static class TemporaryPassword
{
    private const string Lower = "abcdefghijkmnpqrstuvwxyz";
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Digits = "23456789";
    private const string Symbols = "!#%+-=?@";

    public static string Create()
    {
        var all = Lower + Upper + Digits + Symbols;
        var chars = new List<char>
        {
            Lower[RandomNumberGenerator.GetInt32(Lower.Length)],
            Upper[RandomNumberGenerator.GetInt32(Upper.Length)],
            Digits[RandomNumberGenerator.GetInt32(Digits.Length)],
            Symbols[RandomNumberGenerator.GetInt32(Symbols.Length)],
        };
        while (chars.Count < 20)
            chars.Add(all[RandomNumberGenerator.GetInt32(all.Length)]);
        return new string([.. chars.OrderBy(_ => RandomNumberGenerator.GetInt32(int.MaxValue))]);
    }

    /// <summary>
    /// A <see cref="Create"/>d password that the account's password validators accept. A random password can still be
    /// refused: the breached-password filter answers "yes" by mistake at its false-positive rate (0.1 % by default), and
    /// a user's name may happen to appear in it; another is drawn then, a few times at most.
    /// </summary>
    public static async Task<string> CreateValidAsync(UserManager<AriadneUser> users, AriadneUser user)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var password = Create();
            var accepted = true;
            foreach (var validator in users.PasswordValidators)
                accepted &= (await validator.ValidateAsync(users, user, password)).Succeeded;
            if (accepted)
                return password;
        }
        throw new InvalidOperationException("Ten random temporary passwords were refused by the password policy; check Security:BreachedPasswordsFile.");
    }

    /// <summary>
    /// Replaces the account's password with a new temporary one (<see cref="CreateValidAsync"/>) that must be changed at the next sign-in
    /// and stops signing in after <c>Security:TemporaryPasswordLifetime</c>, and lifts a lockout; returns it, to be shown once.
    /// </summary>
    public static async Task<string> IssueAsync(UserManager<AriadneUser> users, AriadneUser user, DateTimeOffset now)
    {
        var password = await CreateValidAsync(users, user);
        if (await users.HasPasswordAsync(user))
            Succeeded(await users.RemovePasswordAsync(user));
        Succeeded(await users.AddPasswordAsync(user, password));
        user.MustChangePassword = true;
        user.TemporaryPasswordIssuedAt = now;
        Succeeded(await users.UpdateAsync(user));
        Succeeded(await users.SetLockoutEndDateAsync(user, null));
        Succeeded(await users.ResetAccessFailedCountAsync(user));
        return password;
    }

    private static void Succeeded(IdentityResult result)
    {
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
            throw new DbUpdateConcurrencyException("The account changed meanwhile.");
        if (!result.Succeeded)
            throw new InvalidOperationException("Identity refused a new temporary password: " + string.Join(", ", result.Errors.Select(e => e.Code)));
    }
}
