using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Jobs;

namespace Ariadne.Web.Platform.Api;

/// <summary>Sends the API tokens' expiry reminders (<see cref="ApiTokenExpiry"/>) every six hours; with several nodes, the lease holder does.</summary>
public sealed class ApiTokenExpiryJob(IServiceProvider services, TimeProvider time, ILogger<ApiTokenExpiryJob> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(6);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        JobClock.EveryUnderLeaseAsync(services, time, Interval, "api-token-expiry", logger,
            (scope, ct) => ApiTokenExpiry.RemindAsync(scope.GetRequiredService<AriadneDbContext>(), time.GetUtcNow(), ct), stoppingToken);
}
