using System.Globalization;
using System.Security.Claims;
using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Ariadne.Web.Platform.Security;

/// <summary>
/// Identity's sign-in manager with Ariadne's rules: a disabled account cannot sign in; every session
/// records when it began (for the absolute timeout), and keeps that moment when it is refreshed or
/// raised from password-only to multi-factor; demo accounts in demo mode may skip MFA enrolment.
/// Signing out and every change of the user's own credentials rotate the security stamp, which
/// <see cref="SessionValidator"/> compares on every request: every session of the user on every node ends.
/// </summary>
public sealed class AriadneSignInManager(
    UserManager<AriadneUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AriadneUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AriadneUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AriadneUser> confirmation,
    DemoMode demo,
    TimeProvider time,
    IOptions<SecurityOptions> security,
    SignInContextRules contextRules,
    SignInContexts contexts)
    : SignInManager<AriadneUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(AriadneUser user) =>
        !user.IsDisabled && await base.CanSignInAsync(user);

    /// <summary>
    /// The password check, then: a temporary password past its lifetime does not sign in (<see cref="TemporaryPasswordExpired"/>).
    /// Told only to whoever gave the right password, so it reveals nothing about the account to anyone else.
    /// </summary>
    public override async Task<SignInResult> CheckPasswordSignInAsync(AriadneUser user, string password, bool lockoutOnFailure)
    {
        var result = await base.CheckPasswordSignInAsync(user, password, lockoutOnFailure);
        if ((result.Succeeded || result.RequiresTwoFactor) && await OutsidePrivilegedNetworksAsync(user))
            return NetworkRefused.Instance;
        return result.Succeeded && user.MustChangePassword && user.TemporaryPasswordIssuedAt is { } issued
            && time.GetUtcNow() - issued > security.Value.TemporaryPasswordLifetime
            ? TemporaryPasswordExpired.Instance
            : result;
    }

    /// <summary>
    /// Whether the user holds a privileged role (<c>Security:PrivilegedRoles</c>) and the request comes from outside
    /// <c>Security:PrivilegedNetworks</c> (ASVS 8.2.4): such a sign-in is refused after the password, or after the passkey.
    /// </summary>
    public async Task<bool> OutsidePrivilegedNetworksAsync(AriadneUser user) =>
        !contextRules.AllowsPrivileged(Context.Connection.RemoteIpAddress) && contextRules.IsPrivileged(await UserManager.GetRolesAsync(user));

    /// <summary>
    /// Step-up on an unusual context (ASVS 8.2.4): a privileged account that holds a passkey, giving an authenticator code from a
    /// network and device it has not signed in from, is asked for the passkey instead. A recovery code still opens (a lost key).
    /// </summary>
    public async Task<bool> NeedsPasskeyHereAsync(AriadneUser user) =>
        contextRules.IsPrivileged(await UserManager.GetRolesAsync(user))
        && (await UserManager.GetPasskeysAsync(user)).Count > 0
        && !await contexts.IsKnownAsync(user.Id);

    /// <summary>
    /// A locked, disabled or otherwise refused account is refused before its password is checked; the time of one check
    /// is spent all the same, so that the refusal answers as slowly as a wrong password (<see cref="SignInTiming"/>).
    /// </summary>
    protected override async Task<SignInResult?> PreSignInCheck(AriadneUser user)
    {
        var refused = await base.PreSignInCheck(user);
        if (refused is not null)
            SignInTiming.Spend(UserManager.PasswordHasher, "");
        return refused;
    }

    /// <summary>
    /// An account with a second factor is asked for it; one whose factors all fail to open (<see cref="SecondFactorUnusable"/>)
    /// is refused, where Identity would have signed it in with the password alone.
    /// </summary>
    protected override async Task<SignInResult> SignInOrTwoFactorAsync(AriadneUser user, bool isPersistent, string? loginProvider = null, bool bypassTwoFactor = false) =>
        !bypassTwoFactor && user.TwoFactorEnabled && !await IsTwoFactorEnabledAsync(user)
            ? SecondFactorUnusable.Instance
            : await base.SignInOrTwoFactorAsync(user, isPersistent, loginProvider, bypassTwoFactor);

    public override Task SignInWithClaimsAsync(AriadneUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var claims = additionalClaims.ToList();
        var current = Context.User;
        var sameSession = current.UserId() == user.Id;
        var now = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var started = sameSession ? current.FindFirstValue(AriadneClaims.SignedInAt) : null;
        claims.Add(new Claim(AriadneClaims.SignedInAt, started ?? now));
        var waived = demo.Enabled && user.IsDemo && !user.TwoFactorEnabled;
        // When the factors were last proved: now, if this call completes a sign-in (a second factor that the session
        // did not have, or a demo account's waiver) or follows a re-authentication; otherwise the session keeps its
        // moment (a refresh).
        var provesFactor = (waived || claims.Any(c => c.Type == AriadneClaims.AuthenticationMethod && c.Value is "mfa" or "pk"))
            && !(sameSession && current.HasSecondFactor());
        if ((provesFactor || reauthenticating ? now : sameSession ? current.FindFirstValue(AriadneClaims.AuthenticatedAt) : null) is { } proved)
            claims.Add(new Claim(AriadneClaims.AuthenticatedAt, proved));
        if (waived)
            claims.Add(new Claim(AriadneClaims.MfaWaived, "demo"));
        // The network the ticket is issued on: a privileged session used from another one ends (SessionValidator).
        claims.Add(new Claim(AriadneClaims.Network, contextRules.SessionNetwork(Context.Connection.RemoteIpAddress)));
        return base.SignInWithClaimsAsync(user, authenticationProperties, claims);
    }

    /// <summary>Ends every session of the signed-in user, on every node, not just this browser's cookie.</summary>
    public override async Task SignOutAsync()
    {
        if (Context.User.UserId() is { } id && await UserManager.FindByIdAsync(id.ToString()) is { } user)
            await UserManager.UpdateSecurityStampAsync(user);
        await base.SignOutAsync();
    }

    private bool reauthenticating;

    /// <summary>
    /// The signed-in user proved their factors again (password and a fresh code, or a passkey): the session's ticket is
    /// issued anew, recording the moment, which <see cref="Reauthentication"/> asks for before factor changes.
    /// </summary>
    public async Task ReauthenticatedAsync(AriadneUser user)
    {
        reauthenticating = true;
        try
        {
            await RefreshSignInAsync(user);
        }
        finally
        {
            reauthenticating = false;
        }
    }

    /// <summary>After the user asked for it: every other session of the account ends, on every node; this one goes on.</summary>
    public async Task EndOtherSessionsAsync(AriadneUser user)
    {
        Stamped(await UserManager.UpdateSecurityStampAsync(user));
        await RefreshSignInAsync(user);
    }

    /// <summary>
    /// One change of the user's own credentials (<paramref name="apply"/>, false when refused), with what follows it in
    /// one transaction: the owner's notice (<see cref="CredentialNotices"/>) and a new security stamp, which ends every
    /// other session; then this session's ticket is issued anew. A refusal or failure leaves nothing of it written.
    /// </summary>
    public async Task<bool> ChangeCredentialAsync(AriadneUser user, Notifications.NotificationKind change, Func<Task<bool>> apply)
    {
        var db = Context.RequestServices.GetRequiredService<Data.AriadneDbContext>();
        await using (var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync() : null)
        {
            if (!await apply())
                return false;
            CredentialNotices.Add(db, user.Id, change, time.GetUtcNow());
            Stamped(await UserManager.UpdateSecurityStampAsync(user));
            if (transaction is not null)
                await transaction.CommitAsync();
        }
        await RefreshSignInAsync(user);
        return true;
    }

    private static void Stamped(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException("The account changed meanwhile; its sessions were not ended.");
    }

    /// <summary>
    /// A passkey response with no ceremony in progress (no options were asked for, or they expired), or
    /// one that cannot be parsed, is a failed assertion like any other: never an exception, never a 500.
    /// </summary>
    public override async Task<PasskeyAssertionResult<AriadneUser>> PerformPasskeyAssertionAsync(string credentialJson)
    {
        try
        {
            return await base.PerformPasskeyAssertionAsync(credentialJson);
        }
        catch (Exception ex) when (IsBadCeremony(ex))
        {
            Logging.Log.PasskeyCeremonyRefused(Logger, "assertion", ex.GetType().Name);
            return PasskeyAssertionResult.Fail<AriadneUser>(new PasskeyException("No passkey assertion is in progress."));
        }
    }

    /// <inheritdoc cref="PerformPasskeyAssertionAsync"/>
    public override async Task<PasskeyAttestationResult> PerformPasskeyAttestationAsync(string credentialJson)
    {
        try
        {
            return await base.PerformPasskeyAttestationAsync(credentialJson);
        }
        catch (Exception ex) when (IsBadCeremony(ex))
        {
            Logging.Log.PasskeyCeremonyRefused(Logger, "attestation", ex.GetType().Name);
            return PasskeyAttestationResult.Fail(new PasskeyException("No passkey attestation is in progress."));
        }
    }

    // The framework throws InvalidOperationException when no ceremony state is found, and argument or
    // format errors for input it cannot read; all of them are the client's fault, not the server's.
    private static bool IsBadCeremony(Exception ex) =>
        ex is InvalidOperationException or ArgumentException or FormatException or System.Text.Json.JsonException or PasskeyException;
}
