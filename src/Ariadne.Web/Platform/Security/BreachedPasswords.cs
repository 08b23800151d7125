using Ariadne.Web.Platform.Logging;
using Microsoft.Extensions.Options;

namespace Ariadne.Web.Platform.Security;

/// <summary>
/// The breached-password filter named by <c>Security:BreachedPasswordsFile</c> (<see cref="BreachedPasswordFilter"/>), read
/// once, at start (<see cref="BreachedPasswordsLoader"/>), and kept for the process's life: a file that cannot be read
/// stops the start instead of failing password changes later. No path: no filter, and the list of common passwords is
/// the only check. To change the file, replace it and restart the nodes.
/// </summary>
public sealed class BreachedPasswords(IOptions<SecurityOptions> options, ILogger<BreachedPasswords> logger)
{
    private readonly Lazy<BreachedPasswordFilter?> _filter = new(() =>
    {
        var path = options.Value.BreachedPasswordsFile;
        if (string.IsNullOrWhiteSpace(path))
            return null;
        var filter = BreachedPasswordFilter.Read(path, out var problem)
            ?? throw new InvalidOperationException($"Security:BreachedPasswordsFile is {problem}.");
        logger.BreachedPasswordFilterLoaded(filter.Entries, filter.Probes);
        return filter;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The filter, or null when none is configured.</summary>
    public BreachedPasswordFilter? Filter => _filter.Value;
}
