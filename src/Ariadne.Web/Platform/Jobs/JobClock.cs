namespace Ariadne.Web.Platform.Jobs;

/// <summary>The loop of every background job: run, then wait one interval on the <see cref="TimeProvider"/>, until stopped.</summary>
public static class JobClock
{
    /// <summary>
    /// Runs <paramref name="work"/> one interval after the previous run ended. Unlike a
    /// <see cref="PeriodicTimer"/>, a clock that jumps ahead (a suspended machine, a test's fake clock
    /// advanced by days) gives one run, not one per tick it skipped over.
    /// </summary>
    public static async Task EveryAsync(TimeProvider time, TimeSpan interval, Func<CancellationToken, Task> work, CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                await Task.Delay(interval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return; // stopped: a normal end, not a fault that would stop the host
            }
            await work(stoppingToken);
        }
    }

    /// <summary>
    /// As <see cref="EveryAsync"/>, for a job that one node runs at a time: each run takes the lease in a
    /// scope of its own; a failure is logged by its type (never its message, which may hold data) and the
    /// job goes on.
    /// </summary>
    public static Task EveryUnderLeaseAsync(IServiceProvider services, TimeProvider time, TimeSpan interval, string lease, ILogger logger,
        Func<IServiceProvider, CancellationToken, Task> work, CancellationToken stoppingToken) =>
        EveryAsync(time, interval, async ct =>
        {
            try
            {
                await using var scope = services.CreateAsyncScope();
                if (await scope.ServiceProvider.GetRequiredService<JobLeases>().TryAcquireAsync(lease, interval, ct))
                    await work(scope.ServiceProvider, ct);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                // Any fault but the job's own stop is logged and the job goes on: a cancellation that is not the
                // stop (a driver's own timeout) must not end the job, nor (as a fault of a background service) the host.
                Logging.Log.JobFailed(logger, lease, ex.GetType().Name);
            }
        }, stoppingToken);
}
