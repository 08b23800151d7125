using Ariadne.Web.Platform.Jobs;
using Microsoft.Extensions.Options;

namespace Ariadne.Web.Features.InformationRequests;

/// <summary>
/// Records the lapse of releases past their expiry, every quarter of an hour, on the lease holder's node only. The grant has stopped
/// opening the case at its end already (the predicate reads <c>ValidUntil</c>); this writes the timeline's step and the audit event.
/// </summary>
public sealed class InformationLapseJob(IServiceProvider services, IOptions<InformationRequestsOptions> options, TimeProvider time,
    ILogger<InformationLapseJob> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        !options.Value.LapseJob
            ? Task.CompletedTask
            : JobClock.EveryUnderLeaseAsync(services, time, Interval, "information-lapse", logger,
                (scope, ct) => scope.GetRequiredService<InformationRequests>().RecordLapsesAsync(ct), stoppingToken);
}
