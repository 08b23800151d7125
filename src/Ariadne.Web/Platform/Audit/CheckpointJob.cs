using Ariadne.Web.Platform.Jobs;
using Microsoft.Extensions.Options;

namespace Ariadne.Web.Platform.Audit;

/// <summary>
/// Signs a checkpoint at start, at shutdown, and whenever one is due (see <see cref="AuditCheckpoints.WriteIfDueAsync"/>);
/// with several nodes, only the holder of the lease does, and a node that stops hands the lease on.
/// </summary>
public sealed class CheckpointJob(IServiceProvider services, IOptions<AuditOptions> options, TimeProvider time, ILogger<CheckpointJob> logger)
    : BackgroundService
{
    private const string Lease = "audit-checkpoint";

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await RunAsync(due: false, cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await RunAsync(due: false, cancellationToken, release: true);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        JobClock.EveryAsync(time, options.Value.CheckpointPollInterval, ct => RunAsync(due: true, ct), stoppingToken);

    /// <summary>One checkpoint (when due, or whenever there is something new) under the lease.</summary>
    private async Task RunAsync(bool due, CancellationToken cancellationToken, bool release = false)
    {
        try
        {
            await using var scope = services.CreateAsyncScope();
            var leases = scope.ServiceProvider.GetRequiredService<JobLeases>();
            var duration = options.Value.CheckpointInterval + options.Value.CheckpointPollInterval;
            if (!await leases.TryAcquireAsync(Lease, duration, cancellationToken))
                return;
            var checkpoints = scope.ServiceProvider.GetRequiredService<AuditCheckpoints>();
            await (due ? checkpoints.WriteIfDueAsync(cancellationToken) : checkpoints.WriteAsync(cancellationToken));
            if (release)
                await leases.ReleaseAsync(Lease, cancellationToken);
        }
        catch (SigningKeyRetiredException)
        {
            Logging.Log.SigningKeyRetired(logger);
        }
        catch (Exception ex) when (release || !cancellationToken.IsCancellationRequested)
        {
            Logging.Log.CheckpointFailed(logger, ex.GetType().Name);
        }
    }
}
