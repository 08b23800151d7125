using Ariadne.Web.Platform.Jobs;
using Microsoft.Extensions.Options;

namespace Ariadne.Web.Platform.Audit;

public sealed class AuditOptions
{
    /// <summary>How often a signed checkpoint is written (when there are new events).</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>Writes a signed checkpoint periodically; with several nodes, only the lease holder does.</summary>
public sealed class CheckpointJob(IServiceProvider services, IOptions<AuditOptions> options, TimeProvider time, ILogger<CheckpointJob> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckpointInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                if (await scope.ServiceProvider.GetRequiredService<JobLeases>().TryAcquireAsync("audit-checkpoint", options.Value.CheckpointInterval, stoppingToken))
                    await scope.ServiceProvider.GetRequiredService<AuditCheckpoints>().WriteAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Logging.Log.CheckpointFailed(logger, ex.GetType().Name);
            }
        }
    }
}
