using System.Threading.RateLimiting;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Logging;
using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Ariadne.Web.Platform.Security;

/// <summary>Identity, sessions, MFA, API tokens, authorization and the sign-in rate limit.</summary>
public static class SecurityServices
{
    public const string SignInRateLimit = "sign-in";
    public const string ChatStartRateLimit = "chat-start";
    public const string ChatSendRateLimit = "chat-send";
    public const string ChatReadRateLimit = "chat-read";

    public static IServiceCollection AddAriadneSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SecurityOptions>().Bind(configuration.GetSection("Security")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidation>();
        // The lists also as one value separated by commas (Security__PrivilegedNetworks=10.20.0.0/16,10.30.0.0/16), which the
        // binder would leave unset without a word: an unset list of networks means "anywhere".
        services.PostConfigure<SecurityOptions>(o =>
        {
            if (configuration.GetSection("Security:PrivilegedNetworks") is { } networks && (networks.Value is not null || networks.GetChildren().Any()))
                o.PrivilegedNetworks = [.. ForwardedProxies.Entries(networks)];
            if (configuration.GetSection("Security:PrivilegedRoles") is { } roles && (roles.Value is not null || roles.GetChildren().Any()))
                o.PrivilegedRoles = [.. ForwardedProxies.Entries(roles)];
        });
        services.AddSingleton<BreachedPasswords>();
        services.AddHostedService<BreachedPasswordsLoader>();
        services.AddSingleton<Cli.IOperatorVerb, BreachedFilterVerb>();

        // PBKDF2-HMAC-SHA512 at 210,000 rounds (ASVS 5.0 11.4.2, OWASP); hashes made at Identity's default 100,000 are
        // re-hashed at the next successful sign-in.
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = 210_000);
        services.AddIdentityCore<AriadneUser>(o =>
            {
                o.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
                o.User.RequireUniqueEmail = false;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyz0123456789.-_@";
                // ASVS 5.0 6.2.1/6.2.5/6.2.9: length, not composition; the common, repeated and context-word passwords are
                // refused by PasswordPolicyValidator.
                o.Password.RequiredLength = 15;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 6;
                o.Lockout.AllowedForNewUsers = true;
                o.SignIn.RequireConfirmedAccount = false;
                o.Tokens.AuthenticatorTokenProvider = OneTimeTotpProvider.Name;
                o.Tokens.AuthenticatorIssuer = "Ariadne";
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddUserStore<HashedRecoveryCodeStore>()
            .AddRoleStore<Microsoft.AspNetCore.Identity.EntityFrameworkCore.RoleStore<IdentityRole<Guid>, AriadneDbContext, Guid>>()
            .AddUserManager<AriadneUserManager>()
            .AddSignInManager<AriadneSignInManager>()
            .AddClaimsPrincipalFactory<AriadneClaimsFactory>()
            .AddErrorDescriber<LocalizedIdentityErrors>()
            .AddPasswordValidator<PasswordPolicyValidator>()
            .AddTokenProvider<OneTimeTotpProvider>(OneTimeTotpProvider.Name)
            .AddDefaultTokenProviders();

        services.AddOptions<IdentityOptions>().Configure<IOptions<SecurityOptions>>((o, security) =>
        {
            o.Lockout.MaxFailedAccessAttempts = security.Value.MaxFailedAccessAttempts;
            o.Lockout.DefaultLockoutTimeSpan = security.Value.LockoutDuration;
            // Identity's own "Authenticator" provider checks a TOTP code without spending its step: only the
            // one-time verifier may accept an authenticator code, so that one store records every use.
            o.Tokens.ProviderMap.Remove(TokenOptions.DefaultAuthenticatorProvider);
        });

        services.AddScoped<OneTimeTotpProvider>();
        services.AddSingleton<SignInContextRules>();
        services.AddScoped<SignInContexts>();
        services.AddScoped<FactorProof>();

        // A passkey is valid only for the origin the user is on: same scheme, host and port, never
        // from a cross-origin frame. Behind a TLS proxy, forwarded headers must restore the scheme.
        // New passkeys only in the signature algorithms ASVS 5.0 Appendix C approves (11.3.1, 11.6.1): ECDSA, EdDSA and
        // RSASSA-PSS; not RSASSA-PKCS1-v1_5 (RS256/384/512), which Identity would otherwise accept.
        services.Configure<IdentityPasskeyOptions>(o =>
        {
            o.ValidateOrigin = context =>
            {
                var request = context.HttpContext.Request;
                var own = $"{request.Scheme}://{request.Host}";
                return ValueTask.FromResult(!context.CrossOrigin && string.Equals(context.Origin, own, StringComparison.OrdinalIgnoreCase));
            };
            o.IsAllowedAlgorithm = PasskeyAlgorithms.IsApproved;
        });

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = IdentityConstants.ApplicationScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokenHandler.SchemeName, null);

        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<TimeProvider, IOptions<SecurityOptions>>((o, time, security) =>
            {
                o.TimeProvider = time;
                o.Cookie.Name = "ariadne.session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = security.Value.IdleTimeout;
                o.SlidingExpiration = true;
                o.LoginPath = "/Account/SignIn";
                o.LogoutPath = "/Account/SignOut";
                o.AccessDeniedPath = "/Account/AccessDenied";
                o.Events.OnValidatePrincipal = SessionValidator.ValidateAsync;
            });
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme)
            .Configure<TimeProvider>((o, time) =>
            {
                o.TimeProvider = time;
                o.Cookie.Name = "ariadne.2fa";
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.ExpireTimeSpan = TimeSpan.FromMinutes(5);
            });
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ExternalScheme)
            .Configure<TimeProvider>((o, time) => o.TimeProvider = time);

        services.AddAuthorization(Policies.Configure);
        services.AddMemoryCache();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, DenialAuditingResultHandler>();

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsSignInAttempt(context)
                    ? RateLimitPartition.GetFixedWindowLimiter(
                        "sign-in:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                        _ => new FixedWindowRateLimiterOptions
                        {
                            PermitLimit = context.RequestServices.GetRequiredService<IOptions<SecurityOptions>>().Value.SignInAttemptsPerMinute,
                            Window = TimeSpan.FromMinutes(1),
                            QueueLimit = 0,
                        })
                    : RateLimitPartition.GetNoLimiter("none"));
            o.OnRejected = (context, _) =>
            {
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Ariadne.RateLimit")
                    .RateLimited("sign-in", context.HttpContext.Request.Path.Value ?? "/"); // URLs carry no personal data (ASVS 14.2.1)
                var links = context.HttpContext.RequestServices.GetRequiredService<LinkGenerator>();
                context.HttpContext.Response.Redirect(links.GetPathByPage(context.HttpContext, "/Account/TooManyAttempts")
                    ?? throw new InvalidOperationException("No page /Account/TooManyAttempts"));
                return ValueTask.CompletedTask;
            };
            // The anonymous web chat: per client address, answered as JSON with a message in the chat's language.
            o.AddPolicy(ChatStartRateLimit, new JsonRateLimitPolicy(ChatStartRateLimit, s => s.ChatStartsPerTenMinutes, TimeSpan.FromMinutes(10)));
            o.AddPolicy(ChatSendRateLimit, new JsonRateLimitPolicy(ChatSendRateLimit, s => s.ChatSendsPerMinute, TimeSpan.FromMinutes(1)));
            o.AddPolicy(ChatReadRateLimit, new JsonRateLimitPolicy(ChatReadRateLimit, s => s.ChatReadsPerMinute, TimeSpan.FromMinutes(1)));
        });
        return services;
    }

    private static bool IsSignInAttempt(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method)
        && (context.Request.Path.StartsWithSegments("/Account/SignIn", StringComparison.OrdinalIgnoreCase)
            || context.Request.Path.StartsWithSegments("/Account/SignInMfa", StringComparison.OrdinalIgnoreCase)
            || context.Request.Path.StartsWithSegments("/Account/Passkey", StringComparison.OrdinalIgnoreCase)
            // Re-authentication checks the password and a code (or a passkey) like a sign-in, and so does break-glass.
            || context.Request.Path.StartsWithSegments("/Account/Reauthenticate", StringComparison.OrdinalIgnoreCase)
            || context.Request.Path.StartsWithSegments("/Cases/BreakGlass", StringComparison.OrdinalIgnoreCase)
            // Passkey ceremonies on the security page: each one is a credential check too.
            || context.Request.Path.StartsWithSegments("/Account/Security", StringComparison.OrdinalIgnoreCase)
            // A resident's complaint code (Accommodation): one-time, but still a secret someone could try to guess.
            || context.Request.Path.StartsWithSegments("/Complaint", StringComparison.OrdinalIgnoreCase));
}
