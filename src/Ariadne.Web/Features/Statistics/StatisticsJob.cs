using Ariadne.Web.Platform.Jobs;
using Microsoft.Extensions.Options;

namespace Ariadne.Web.Features.Statistics;

/// <summary>
/// Rebuilds the statistics' facts every night (a person erased since is gone from the dashboards by the morning); with several
/// nodes only the lease holder works. <c>Statistics:RefreshJob = false</c> turns it off on a node (tests refresh themselves).
/// </summary>
public sealed class StatisticsJob(IServiceProvider services, IOptions<StatisticsOptions> options, TimeProvider time, ILogger<StatisticsJob> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(24);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        !options.Value.RefreshJob
            ? Task.CompletedTask
            : JobClock.EveryUnderLeaseAsync(services, time, Interval, "statistics-refresh", logger,
                (scope, ct) => scope.GetRequiredService<StatisticsProjection>().RefreshAsync(null, ct), stoppingToken);
}
