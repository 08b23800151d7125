using Microsoft.Extensions.Options;

namespace Ariadne.Web.Platform.Security;

/// <summary>Refuses, at start, a <c>Security</c> setting that would weaken or break sign-in and sessions, naming the key.</summary>
public sealed class SecurityOptionsValidation : IValidateOptions<SecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, SecurityOptions options)
    {
        var failures = new List<string>();
        if (options.IdleTimeout <= TimeSpan.Zero)
            failures.Add("Security:IdleTimeout must be a positive time span (e.g. 00:15:00).");
        if (options.AbsoluteTimeout <= TimeSpan.Zero || options.AbsoluteTimeout < options.IdleTimeout)
            failures.Add("Security:AbsoluteTimeout must be a positive time span no shorter than Security:IdleTimeout.");
        if (options.SignInAttemptsPerMinute < 1)
            failures.Add("Security:SignInAttemptsPerMinute must be at least 1.");
        if (options.MaxFailedAccessAttempts < 1)
            failures.Add("Security:MaxFailedAccessAttempts must be at least 1.");
        if (options.LockoutDuration <= TimeSpan.Zero)
            failures.Add("Security:LockoutDuration must be a positive time span.");
        if (options.MaxApiTokenLifetimeDays is < 1 or > 3650)
            failures.Add("Security:MaxApiTokenLifetimeDays must be between 1 and 3650.");
        if (options.RecoveryCodeIterations < 1)
            failures.Add("Security:RecoveryCodeIterations must be at least 1 (600,000 by default).");
        if (!string.IsNullOrWhiteSpace(options.BreachedPasswordsFile) && !BreachedPasswordFilter.IsFilterFile(options.BreachedPasswordsFile, out var problem))
            failures.Add($"Security:BreachedPasswordsFile is {problem}; build one with 'passwords breached-filter' or leave the setting empty.");
        if ((options.PrivilegedNetworks ?? []).Any(n => !System.Net.IPNetwork.TryParse(n?.Trim() ?? "", out _)))
            failures.Add("Security:PrivilegedNetworks must list networks in CIDR notation (e.g. 10.20.0.0/16), or be empty.");
        if (options.PrivilegedRoles is { } roles && roles.Any(r => Participants.RoleCatalog.Find(r) is null))
            failures.Add("Security:PrivilegedRoles must name roles of the role catalogue.");
        if (options.InactivityNoticeAfter <= TimeSpan.Zero)
            failures.Add("Security:InactivityNoticeAfter must be a positive time span (30.00:00:00 by default).");
        return failures.Count > 0 ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
    }
}
