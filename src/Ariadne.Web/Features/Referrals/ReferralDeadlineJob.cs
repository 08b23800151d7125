using Ariadne.Web.Platform.Jobs;

namespace Ariadne.Web.Features.Referrals;

/// <summary>Escalates overdue referrals every minute; with several nodes only the lease holder does.</summary>
public sealed class ReferralDeadlineJob(IServiceProvider services, TimeProvider time, ILogger<ReferralDeadlineJob> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        JobClock.EveryUnderLeaseAsync(services, time, Interval, "referral-deadlines", logger,
            (scope, ct) => scope.GetRequiredService<ReferralDeadlines>().EscalateOverdueAsync(ct), stoppingToken);
}
