using Ariadne.Web.Platform.Jobs;

namespace Ariadne.Web.Features.Referrals;

/// <summary>Escalates overdue referrals every minute, and destroys expired draft files; with several nodes only the lease holder does.</summary>
public sealed class ReferralDeadlineJob(IServiceProvider services, TimeProvider time, ILogger<ReferralDeadlineJob> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        JobClock.EveryUnderLeaseAsync(services, time, Interval, "referral-deadlines", logger,
            async (scope, ct) =>
            {
                await scope.GetRequiredService<ReferralDeadlines>().EscalateOverdueAsync(ct);
                // Files attached to forms that were never sent: destroyed after a day.
                await scope.GetRequiredService<ReferralDrafts>().ExpireAsync(ct);
            }, stoppingToken);
}
