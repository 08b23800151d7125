using Ariadne.Web.Platform.Jobs;
using Microsoft.Extensions.Options;

namespace Ariadne.Web.Features.Observation;

/// <summary>
/// Tells routed institutions and the Coordinator's office, once, that a response to a problem is overdue: wakes every hour, and
/// with several nodes only the lease holder works (<see cref="Problems.NotifyOverdueAsync"/> itself marks each route told).
/// </summary>
public sealed class ObservationOverdueJob(IServiceProvider services, IOptions<ObservationOptions> options, TimeProvider time, ILogger<ObservationOverdueJob> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        !options.Value.OverdueJob
            ? Task.CompletedTask
            : JobClock.EveryUnderLeaseAsync(services, time, Interval, "observation-overdue", logger,
                (scope, ct) => scope.GetRequiredService<Problems>().NotifyOverdueAsync(ct), stoppingToken);
}
