using Ariadne.Web.Platform.Jobs;
using Microsoft.Extensions.Options;

namespace Ariadne.Web.Features.Coordination;

/// <summary>
/// Takes the national count's snapshot: wakes every hour, and with several nodes only the lease holder
/// works; <see cref="NationalCount.SnapshotAsync"/> itself refuses a snapshot within a day of the last.
/// <c>Coordination:SnapshotJob = false</c> turns it off on a node (tests take snapshots themselves).
/// </summary>
public sealed class NationalCountJob(IServiceProvider services, IOptions<CoordinationOptions> options, TimeProvider time, ILogger<NationalCountJob> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        !options.Value.SnapshotJob
            ? Task.CompletedTask
            : JobClock.EveryUnderLeaseAsync(services, time, Interval, "national-count", logger,
                (scope, ct) => scope.GetRequiredService<NationalCount>().SnapshotAsync(ct), stoppingToken);
}
