using Ariadne.Web.Platform.Jobs;
using Microsoft.Extensions.Options;

namespace Ariadne.Web.Features.Training;

/// <summary>
/// Sends the refresher notices (<see cref="Trainings.SendNoticesAsync"/>): wakes every six hours, and with several nodes only
/// the lease holder works; each notice is marked on its certificate, so none is sent twice.
/// <c>Training:RefresherJob = false</c> turns it off on a node.
/// </summary>
public sealed class TrainingRefresherJob(IServiceProvider services, IOptions<TrainingOptions> options, TimeProvider time, ILogger<TrainingRefresherJob> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(6);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        !options.Value.RefresherJob
            ? Task.CompletedTask
            : JobClock.EveryUnderLeaseAsync(services, time, Interval, "training-refresher", logger,
                (scope, ct) => scope.GetRequiredService<Trainings>().SendNoticesAsync(ct), stoppingToken);
}
