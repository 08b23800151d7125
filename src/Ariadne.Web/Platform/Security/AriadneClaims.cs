using System.Security.Claims;

namespace Ariadne.Web.Platform.Security;

/// <summary>Claims Ariadne adds to a signed-in principal, and what they mean.</summary>
public static class AriadneClaims
{
    /// <summary>Unix seconds of the sign-in that started this session; the 8-hour absolute limit counts from it.</summary>
    public const string SignedInAt = "ariadne:sat";
    /// <summary>Present only for demo accounts in demo mode: they may skip MFA enrolment.</summary>
    public const string MfaWaived = "ariadne:mfa_waived";
    /// <summary>Present while the user still has to replace a temporary password.</summary>
    public const string MustChangePassword = "ariadne:must_change_password";
    public const string InstitutionId = "ariadne:institution";
    public const string DisplayName = "ariadne:name";
    /// <summary>
    /// Unix seconds of the last time this session proved its factors: the sign-in's second step, or a re-authentication
    /// (<c>/Account/Reauthenticate</c>, break-glass). Changing one's factors or creating an API token needs it recent
    /// (<see cref="Reauthentication"/>).
    /// </summary>
    public const string AuthenticatedAt = "ariadne:aat";
    /// <summary>Authentication method reference (RFC 8176), as ASP.NET Core Identity writes it.</summary>
    public const string AuthenticationMethod = "amr";
    /// <summary>The keyed hash of the network the session signed in from (<see cref="SignInContextRules.SessionNetwork"/>).</summary>
    public const string Network = "ariadne:net";

    /// <summary>True when the session passed a second factor: TOTP, a recovery code or a passkey.</summary>
    public static bool HasSecondFactor(this ClaimsPrincipal user) =>
        user.HasClaim(AuthenticationMethod, "mfa") || user.HasClaim(AuthenticationMethod, "pk")
        || user.HasClaim(c => c.Type == MfaWaived);

    public static Guid? UserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    /// <summary>The institution the signed-in user (or the token's owner) belongs to; null when there is no such claim.</summary>
    public static Guid? InstitutionOf(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(InstitutionId), out var id) ? id : null;
}
