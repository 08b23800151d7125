using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OtpNet;

namespace Ariadne.Web.Platform.Security;

/// <summary>
/// RFC 6238 TOTP with a window of one step either side, where each time step is accepted once:
/// the last accepted step is stored on the user and only a later one passes (RFC 6238 §5.2).
/// The compare-and-set is a single conditional UPDATE, so two concurrent uses of one code cannot both win.
/// </summary>
public sealed class OneTimeTotpProvider(AriadneDbContext db, TimeProvider time) : IUserTwoFactorTokenProvider<AriadneUser>
{
    public const string Name = "OneTimeTotp";

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<AriadneUser> manager, AriadneUser user) =>
        !string.IsNullOrEmpty(await manager.GetAuthenticatorKeyAsync(user));

    /// <summary>Codes come from the user's authenticator app; the server never sends one.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<AriadneUser> manager, AriadneUser user) =>
        Task.FromResult(string.Empty);

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<AriadneUser> manager, AriadneUser user) =>
        await manager.GetAuthenticatorKeyAsync(user) is { Length: > 0 } key && await VerifyAsync(user, key, token);

    /// <summary>Checks a code against a key (the enrolled one, or one being enrolled) and spends its time step.</summary>
    public async Task<bool> VerifyAsync(AriadneUser user, string key, string token)
    {
        var code = Normalize(token);
        if (code is null)
            return false;

        var totp = new Totp(Base32Encoding.ToBytes(key));
        if (!totp.VerifyTotp(time.GetUtcNow().UtcDateTime, code, out var step, new VerificationWindow(previous: 1, future: 1)))
            return false;

        var claimed = await db.Users
            .Where(u => u.Id == user.Id && u.LastTotpTimeStep < step)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.LastTotpTimeStep, step));
        if (claimed != 1)
            return false;
        // The column is never written by a save of the entity (see AriadneDbContext), so the copy in memory
        // only mirrors the database. (Marking the property unmodified here once reset it to the value loaded
        // before the UPDATE, which the next UserStore.UpdateAsync then wrote back: the step was spent no more.)
        user.LastTotpTimeStep = step;
        return true;
    }

    private static string? Normalize(string token)
    {
        var digits = token.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        return digits.Length == 6 && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    /// <summary>The otpauth URI an authenticator app reads from the enrolment QR code.</summary>
    public static string EnrolmentUri(string issuer, string account, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(account)}?secret={key}&issuer={Uri.EscapeDataString(issuer)}&digits=6&period=30";
}
