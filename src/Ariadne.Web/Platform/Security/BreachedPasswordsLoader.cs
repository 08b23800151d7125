namespace Ariadne.Web.Platform.Security;

/// <summary>Reads the breached-password filter as the host starts (<see cref="BreachedPasswords"/>); a bad file fails the start.</summary>
public sealed class BreachedPasswordsLoader(BreachedPasswords breached) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = breached.Filter;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
