using Ariadne.Web.Platform.Jobs;
using Microsoft.Extensions.Options;

namespace Ariadne.Web.Features.Meetings;

/// <summary>
/// Reminds owners of action items due soon and escalates overdue ones: wakes every hour, and with several nodes only the
/// lease holder works; each item records what was sent, so nothing is sent twice (<see cref="CoordinationMeetings.RemindAndEscalateAsync"/>).
/// <c>Meetings:ReminderJob = false</c> turns it off on a node.
/// </summary>
public sealed class MeetingReminderJob(IServiceProvider services, IOptions<MeetingsOptions> options, TimeProvider time, ILogger<MeetingReminderJob> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        !options.Value.ReminderJob
            ? Task.CompletedTask
            : JobClock.EveryUnderLeaseAsync(services, time, Interval, "meeting-reminders", logger,
                (scope, ct) => scope.GetRequiredService<CoordinationMeetings>().RemindAndEscalateAsync(ct), stoppingToken);
}
