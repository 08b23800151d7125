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
    /// Replaces the account's password with a new temporary one (<see cref="Create"/>) that must be changed at the next sign-in
    /// and stops signing in after <c>Security:TemporaryPasswordLifetime</c>, and lifts a lockout; returns it, to be shown once.
    /// </summary>
    public static async Task<string> IssueAsync(UserManager<AriadneUser> users, AriadneUser user, DateTimeOffset now)
    {
        var password = Create();
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
