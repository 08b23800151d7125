using Microsoft.AspNetCore.Identity;

namespace Ariadne.Web.Platform.Security;

/// <summary>
/// The right password of an account that has a second factor, none of which can be used: the stored seed does not open
/// (<see cref="FactorSeal"/>: written around the application, moved from another account, or sealed under a master key
/// no longer in the ring). Not allowed to sign in, not even password-only, so that nothing can be enrolled with the
/// password alone; the administrator's second-factor reset is the way back.
/// </summary>
public sealed class SecondFactorUnusable : SignInResult
{
    public static readonly SecondFactorUnusable Instance = new();

    private SecondFactorUnusable() => IsNotAllowed = true;
}
