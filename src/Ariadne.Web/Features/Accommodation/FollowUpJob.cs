using Ariadne.Web.Platform.Jobs;

namespace Ariadne.Web.Features.Accommodation;

/// <summary>Escalates missed reintegration follow-ups, every ten minutes, on one instance at a time (a lease).</summary>
public sealed class FollowUpJob(IServiceProvider services, TimeProvider time, ILogger<FollowUpJob> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        JobClock.EveryUnderLeaseAsync(services, time, Interval, "follow-ups", logger,
            async (scope, ct) => await scope.GetRequiredService<FollowUpService>().EscalateMissedAsync(ct), stoppingToken);
}
