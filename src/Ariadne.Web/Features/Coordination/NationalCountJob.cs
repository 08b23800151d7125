using Ariadne.Web.Platform.Jobs;

namespace Ariadne.Web.Features.Coordination;

/// <summary>
/// Takes the national count's snapshot: wakes every hour, and with several nodes only the lease holder
/// works; <see cref="NationalCount.SnapshotAsync"/> itself refuses a snapshot within a day of the last.
/// <c>Coordination:SnapshotJob = false</c> turns it off on a node (tests take snapshots themselves).
/// </summary>
public sealed class NationalCountJob(IServiceProvider services, IConfiguration configuration, TimeProvider time, ILogger<NationalCountJob> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Coordination:SnapshotJob", true))
            return;
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                if (await scope.ServiceProvider.GetRequiredService<JobLeases>().TryAcquireAsync("national-count", Interval, stoppingToken))
                    await scope.ServiceProvider.GetRequiredService<NationalCount>().SnapshotAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Platform.Logging.Log.JobFailed(logger, "national-count", ex.GetType().Name);
            }
        }
    }
}
