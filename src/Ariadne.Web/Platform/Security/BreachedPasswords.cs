using Ariadne.Web.Platform.Logging;

namespace Ariadne.Web.Platform.Security;

/// <summary>
/// The breached-password filter named by <c>Security:BreachedPasswordsFile</c>, read once per path and kept for the process's
/// life (<see cref="BreachedPasswordFilter"/>). No path: no filter, and the list of common passwords is the only check.
/// </summary>
public sealed class BreachedPasswords(ILogger<BreachedPasswords> logger)
{
    private readonly Lock _gate = new();
    private (string Path, BreachedPasswordFilter Filter)? _loaded;

    /// <summary>The filter at <paramref name="path"/>; null when none is set. A file that is not a filter throws (start-up refuses it first).</summary>
    public BreachedPasswordFilter? For(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
            return null;
        if (_loaded is { } hit && hit.Path == path)
            return hit.Filter;
        lock (_gate)
        {
            if (_loaded is { } again && again.Path == path)
                return again.Filter;
            var filter = BreachedPasswordFilter.Read(path, out var problem)
                ?? throw new InvalidOperationException($"Security:BreachedPasswordsFile is {problem}.");
            logger.BreachedPasswordFilterLoaded(filter.Entries, filter.Probes);
            _loaded = (path, filter);
            return filter;
        }
    }
}
