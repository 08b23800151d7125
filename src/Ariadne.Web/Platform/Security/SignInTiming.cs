using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.Identity;

namespace Ariadne.Web.Platform.Security;

/// <summary>
/// One password check's worth of time, spent where no real check happens (an unknown account name; an account that is
/// locked, disabled or otherwise refused before its password is looked at), so that the answer's timing does not tell
/// those apart from a wrong password (ASVS 6.3.8). The hash is made once with the configured hasher, so it costs what a
/// real account's check costs.
/// </summary>
public static class SignInTiming
{
    private static readonly AriadneUser Dummy = new() { Id = Guid.Empty, UserName = "timing" };
    private static string? hash;

    public static void Spend(IPasswordHasher<AriadneUser> hasher, string password) =>
        hasher.VerifyHashedPassword(Dummy, hash ??= hasher.HashPassword(Dummy, Guid.NewGuid().ToString()), password);
}
