using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Logging;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Ariadne.Web.Platform.Security;

/// <summary>
/// Runs on every request that carries a session cookie: ends the session after the absolute limit,
/// and at once when the account is disabled, deleted or its security stamp changed (sign-out, password
/// change or reset, new authenticator, recovery codes or passkeys, administrator action: see
/// <see cref="AriadneSignInManager"/>). The idle limit is the cookie's own sliding expiry. A privileged session
/// (<see cref="SignInContextRules"/>) also ends when it is used from another network than the one it signed in from, or
/// from outside <c>Security:PrivilegedNetworks</c> (ASVS 8.2.4): a copied cookie does not work elsewhere.
/// </summary>
public static class SessionValidator
{
    /// <summary>Told to the user when their privileged session was ended for its context (<see cref="SignInContextRules"/>).</summary>
    public static readonly Notifications.NotificationKind ContextRefusedNotice = new("session-context-refused");

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var limits = services.GetRequiredService<IOptions<SecurityOptions>>().Value;
        var principal = context.Principal;
        var userId = principal?.UserId();

        var started = long.TryParse(principal?.FindFirst(AriadneClaims.SignedInAt)?.Value, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds) : (DateTimeOffset?)null;
        if (userId is null || started is null || now - started.Value > limits.AbsoluteTimeout)
        {
            await RejectAsync(context);
            return;
        }

        var stampType = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var db = services.GetRequiredService<AriadneDbContext>();
        var account = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId.Value)
            .Select(u => new { u.IsDisabled, u.SecurityStamp })
            .FirstOrDefaultAsync(context.HttpContext.RequestAborted);
        if (account is null || account.IsDisabled || account.SecurityStamp != principal!.FindFirst(stampType)?.Value)
        {
            await RejectAsync(context);
            return;
        }

        var rules = services.GetRequiredService<SignInContextRules>();
        if (!rules.IsPrivileged(principal))
            return;
        var address = context.HttpContext.Connection.RemoteIpAddress;
        // With privileged networks set, anywhere inside them will do (a dual-stack office, several outgoing addresses);
        // without, the network (/24, /48) the session signed in from.
        var reason = rules.HasNetworks
            ? rules.AllowsPrivileged(address) ? null : "outside-privileged-networks"
            : principal.FindFirst(AriadneClaims.Network)?.Value != rules.SessionNetwork(address) ? "network-changed" : null;
        if (reason is null)
            return;
        services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SessionValidator)).SessionRefusedByContext(userId.Value, reason);
        // Audited each time; the user is told once an hour (a copied cookie tried again and again does not flood their notices).
        await services.GetRequiredService<AuditTrail>().InTransactionAsync(async () =>
        {
            var since = now - TimeSpan.FromHours(1);
            var ct = context.HttpContext.RequestAborted;
            if (!await db.Notifications.AnyAsync(n => n.RecipientUserId == userId && n.Kind == ContextRefusedNotice.Code && n.CreatedAt > since, ct))
            {
                db.Notifications.Add(new Notifications.Notification { RecipientUserId = userId, Kind = ContextRefusedNotice, CreatedAt = now });
                await db.SaveChangesAsync(ct);
            }
            return (true, new AuditRecord(PlatformAudit.SessionRefusedByContext, AuditOutcome.Denied, userId.Value, principal.InstitutionOf()));
        }, context.HttpContext.RequestAborted);
        await RejectAsync(context);
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}
