using Microsoft.AspNetCore.Identity;

namespace Ariadne.Web.Platform.Security;

/// <summary>
/// The right password (or passkey) of a privileged account, from outside <c>Security:PrivilegedNetworks</c>: not allowed to sign
/// in (ASVS 8.2.4). Told only to whoever proved the password, so it reveals nothing about the account to anyone else.
/// </summary>
public sealed class NetworkRefused : SignInResult
{
    public static readonly NetworkRefused Instance = new();

    private NetworkRefused() => IsNotAllowed = true;
}
