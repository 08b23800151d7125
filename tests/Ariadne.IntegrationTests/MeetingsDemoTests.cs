using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Meetings;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Ariadne.Web.Platform.Ui;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>
/// The meetings' demo: last month's meeting with approved minutes, two decisions, the ministry's action item overdue (and
/// escalated by the job) and the shelter's done; the next meeting upcoming. The ministry's person sees the overdue item.
/// </summary>
public abstract class MeetingsDemoTests(string provider)
{
    [Fact]
    public async Task The_demo_has_a_past_meeting_with_approved_minutes_decisions_an_overdue_and_a_done_item_and_an_upcoming_meeting()
    {
        await using var demo = new AriadneApp(provider, demo: true);
        await demo.InitializeAsync();
        await demo.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            var now = demo.Time.GetUtcNow();
            var meetings = await db.Meetings.AsNoTracking().ToListAsync();
            Assert.Equal(2, meetings.Count);
            var past = Assert.Single(meetings, m => m.EndsAt < now);
            Assert.Single(meetings, m => m.StartsAt > now);
            Assert.Equal(MinutesStatus.Approved, (await db.MeetingMinutes.SingleAsync(x => x.MeetingId == past.Id)).Status);
            Assert.Equal(2, await db.MeetingDecisions.CountAsync(d => d.MeetingId == past.Id));
            var ministry = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "ministry");
            var items = await db.ActionItems.AsNoTracking().Where(a => a.MeetingId == past.Id).OrderBy(a => a.Number).ToListAsync();
            var today = sp.GetRequiredService<UiTime>().Today;
            Assert.Equal(ministry.InstitutionId, items[0].OwnerInstitutionId);
            Assert.True(items[0].Status == ActionItemStatus.Open && items[0].DueOn < today);
            Assert.Equal(ActionItemStatus.Done, items[1].Status);

            var service = sp.GetRequiredService<CoordinationMeetings>();
            var viewer = new Ariadne.Web.Platform.Access.Viewer(ministry.Id, ministry.InstitutionId, []);
            var mine = await service.MineAsync(viewer, [RoleCatalog.ExecutiveOfficer]);
            Assert.True(Assert.Single(mine).Overdue);
            // The job escalates it once.
            await service.RemindAndEscalateAsync();
            await service.RemindAndEscalateAsync();
            Assert.Equal(1, await db.Notifications.CountAsync(n => n.Kind == MeetingsAudit.EscalationNotice.Code && n.RecipientInstitutionId == ministry.InstitutionId));
        });
    }
}

// On SQLite only: what this class tests (HTTP, settings, page plumbing) does not depend on the database; the sweep of every
// handler (SweepTests) runs its pages on PostgreSQL too.
public sealed class MeetingsDemoTestsOnSqlite() : MeetingsDemoTests("Sqlite");
