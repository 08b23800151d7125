using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Logging;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ariadne.Web.Platform.Api;

/// <summary>
/// Authenticates <c>Authorization: Bearer ariadne_…</c>. A token works only while it is unexpired,
/// unrevoked and its owner's account is enabled; its principal carries the owner's roles and the
/// token's scopes. Failures answer 401/403 with a problem-details body, never a redirect.
/// </summary>
public sealed class ApiTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AriadneDbContext db,
    IStringLocalizer<SharedResource> text,
    Security.SignInContextRules contextRules)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is not { } secret || !secret.StartsWith(ApiTokenSecrets.Marker, StringComparison.Ordinal))
            return AuthenticateResult.NoResult();

        var hash = ApiTokenSecrets.Hash(secret);
        var now = TimeProvider.GetUtcNow();
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.SecretHash == hash, Context.RequestAborted);
        if (token is null || !token.IsActive(now))
        {
            // Logged with the token's id when one matched (never the secret): a revoked or expired token still in use
            // is a client to fix, or a stolen token being tried (ASVS 16.3.1).
            Logger.ApiTokenRefused(token is null ? "unknown" : token.RevokedAt is not null ? "revoked" : "expired", token?.Id);
            return AuthenticateResult.Fail("invalid token");
        }

        var owner = await db.Users.AsNoTracking().Where(u => u.Id == token.UserId)
            .Select(u => new { u.Id, u.IsDisabled, u.InstitutionId }).FirstOrDefaultAsync(Context.RequestAborted);
        if (owner is null || owner.IsDisabled)
        {
            Logger.ApiTokenRefused("owner disabled", token.Id);
            return AuthenticateResult.Fail("invalid token");
        }

        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ur.UserId == owner.Id
                           select r.Name).ToListAsync(Context.RequestAborted);
        // A privileged owner's token works only from the privileged networks, like their sessions (ASVS 8.2.4).
        if (contextRules.IsPrivileged(roles.OfType<string>()) && !contextRules.AllowsPrivileged(Context.Connection.RemoteIpAddress))
        {
            Logger.ApiTokenRefused("outside the privileged networks", token.Id);
            return AuthenticateResult.Fail("invalid token");
        }

        // Record use at most once a minute, so that a busy client does not write on every call.
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            token.LastUsedAt = now;
            await db.SaveChangesAsync(Context.RequestAborted);
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, owner.Id.ToString()),
            new(Security.AriadneClaims.InstitutionId, owner.InstitutionId.ToString()),
            new("token_id", token.Id.ToString()),
        };
        claims.AddRange(roles.Where(r => r is not null).Select(r => new Claim(ClaimTypes.Role, r!)));
        claims.AddRange(token.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => new Claim(ApiScopes.ClaimType, s)));
        var identity = new ClaimsIdentity(claims, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return WriteProblemAsync(StatusCodes.Status401Unauthorized, text["Api_Unauthorized"]);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, text["Api_Forbidden"]);

    private Task WriteProblemAsync(int status, string title) =>
        Results.Problem(new ProblemDetails
        {
            Status = status,
            Title = title,
        }).ExecuteAsync(Context);
}
