using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace Ariadne.Web.Platform.Api;

/// <summary>
/// A scope an API token may carry, and whom the token page offers it to. A module declares its scopes in
/// its contract and adds the matching policies with <see cref="AddPolicy"/>.
/// </summary>
public sealed record ApiScope(string Name, Func<ClaimsPrincipal, bool> OfferedTo)
{
    /// <summary>A policy for API endpoints: a valid token carrying one of <paramref name="scopes"/> (and the role, when given).</summary>
    public static void AddPolicy(AuthorizationOptions options, string policy, string? role, params string[] scopes) =>
        options.AddPolicy(policy, p =>
        {
            p.AddAuthenticationSchemes(ApiTokenHandler.SchemeName).RequireAuthenticatedUser();
            if (role is not null)
                p.RequireRole(role);
            p.RequireClaim(ApiScopes.ClaimType, scopes);
        });
}
