using Microsoft.AspNetCore.Identity;

namespace Ariadne.Web.Platform.Security;

/// <summary>The right temporary password, given after its lifetime: not allowed to sign in; the administrator issues a new one.</summary>
public sealed class TemporaryPasswordExpired : SignInResult
{
    public static readonly TemporaryPasswordExpired Instance = new();

    private TemporaryPasswordExpired() => IsNotAllowed = true;
}
