namespace Ariadne.Web.Platform.Security;

/// <summary>Session and sign-in limits (ASVS 5.0 V7). Bound from the <c>Security</c> section.</summary>
public sealed class SecurityOptions
{
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan AbsoluteTimeout { get; set; } = TimeSpan.FromHours(8);
    /// <summary>How long a proof of one's factors opens the pages that ask for a recent one (<see cref="Reauthentication"/>).</summary>
    public TimeSpan ReauthenticationWindow { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>Sign-in attempts allowed per client address per minute, before lockout counts per account.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 10;
    public int MaxFailedAccessAttempts { get; set; } = 5;
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);
    public int MaxApiTokenLifetimeDays { get; set; } = 90;
    /// <summary>How long a temporary password issued by an administrator or a confirmation signs in (ASVS 6.4.1).</summary>
    public TimeSpan TemporaryPasswordLifetime { get; set; } = TimeSpan.FromHours(72);
    /// <summary>Anonymous web chats a client address may start per ten minutes.</summary>
    public int ChatStartsPerTenMinutes { get; set; } = 10;
    /// <summary>Chat messages (and ends) a client address may send per minute.</summary>
    public int ChatSendsPerMinute { get; set; } = 30;
    /// <summary>Chat reads (polling without the live stream, stream connections) a client address may make per minute.</summary>
    public int ChatReadsPerMinute { get; set; } = 240;
    /// <summary>
    /// A breached-password filter built by <c>passwords breached-filter</c> (ASVS 6.2.12); new passwords found in it are
    /// refused. Unset: only the shipped list of common passwords is checked.
    /// </summary>
    public string? BreachedPasswordsFile { get; set; }
    /// <summary>PBKDF2-HMAC-SHA256 rounds for new recovery codes (ASVS 6.5.2, Appendix C: at least 600,000).</summary>
    public int RecoveryCodeIterations { get; set; } = 600_000;

    /// <summary>The roles whose sessions are bound to the network they signed in from, and who may be kept to <see cref="PrivilegedNetworks"/>.</summary>
    public static readonly string[] DefaultPrivilegedRoles = [Participants.RoleCatalog.Administrator, Participants.RoleCatalog.Auditor];

    /// <summary>Privileged roles (ASVS 8.2.4); unset: <see cref="DefaultPrivilegedRoles"/>. Set as a whole list (binding would add to a default).</summary>
    public string[]? PrivilegedRoles { get; set; }
    /// <summary>Networks (CIDR) privileged roles may sign in and work from; unset or empty: any.</summary>
    public string[]? PrivilegedNetworks { get; set; }
    /// <summary>A sign-in after this long without one is told to the user (ASVS 6.3.5).</summary>
    public TimeSpan InactivityNoticeAfter { get; set; } = TimeSpan.FromDays(30);
}
