using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace Ariadne.Web.Platform.Security;

/// <summary>
/// The authorization policies. The fallback is <see cref="Mfa"/>: an endpoint that says nothing
/// requires a signed-in user who passed a second factor. Anonymous endpoints say so explicitly.
/// </summary>
public static class Policies
{
    /// <summary>A session that passed password and a second factor, with no pending password change.</summary>
    public const string Mfa = "mfa";
    /// <summary>Password accepted, second factor not yet set up: only the enrolment pages allow it.</summary>
    public const string SignedIn = "signed-in";
    public const string Admin = "admin";
    /// <summary>A machine client with a valid API token.</summary>
    public const string Api = "api";

    public static AuthorizationPolicy MfaPolicy { get; } = new AuthorizationPolicyBuilder(IdentityConstants.ApplicationScheme)
        .RequireAuthenticatedUser()
        .RequireAssertion(c => c.User.HasSecondFactor() && !c.User.HasClaim(x => x.Type == AriadneClaims.MustChangePassword))
        .Build();

    /// <summary>The platform's policies; each module adds its own (its API scopes) through its contract.</summary>
    public static void Configure(AuthorizationOptions options)
    {
        options.FallbackPolicy = MfaPolicy;
        options.DefaultPolicy = MfaPolicy;
        options.AddPolicy(Mfa, MfaPolicy);
        options.AddPolicy(SignedIn, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser());
        options.AddPolicy(Admin, p => p.Combine(MfaPolicy).RequireRole(RoleCatalog.Administrator));
        options.AddPolicy(Api, p => p.AddAuthenticationSchemes(ApiTokenHandler.SchemeName).RequireAuthenticatedUser());
    }
}
