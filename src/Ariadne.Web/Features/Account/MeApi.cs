using System.Security.Claims;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Security;

namespace Ariadne.Web.Features.Account;

/// <summary>GET /api/v1/me: who the token belongs to, with its roles and scopes.</summary>
public static class MeApi
{
    public static void MapMeApi(this RouteGroupBuilder api) =>
        api.MapGet("/me", (ClaimsPrincipal user) => TypedResults.Ok(new Profile(
                user.UserId()!.Value,
                user.InstitutionOf()!.Value,
                user.FindAll(ClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal).ToList(),
                user.FindAll(ApiScopes.ClaimType).Select(c => c.Value).ToList())))
            .WithName("GetMe")
            .ProducesProblem(StatusCodes.Status401Unauthorized); // any valid token may ask: no 403
}
