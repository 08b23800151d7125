using Ariadne.Web.Platform.Jobs;

namespace Ariadne.Web.Features.Helpline;

/// <summary>Forwards overdue tips and tells the supervisors, every minute; with several nodes only the lease holder does.</summary>
public sealed class HelplineDeadlineJob(IServiceProvider services, TimeProvider time, ILogger<HelplineDeadlineJob> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        JobClock.EveryUnderLeaseAsync(services, time, Interval, "helpline-deadlines", logger,
            (scope, ct) => scope.GetRequiredService<HelplineDeadlines>().EscalateOverdueAsync(ct), stoppingToken);
}
