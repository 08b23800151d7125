using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Referrals;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Notifications;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>Notices reach the person who must act, and nobody else.</summary>
public abstract class NoticeTests(AriadneApp app)
{
    private Task<List<Ariadne.Web.Platform.Notifications.Notification>> NoticesAsync(string kind, string number) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Notifications.AsNoTracking()
            .Where(n => n.Kind == kind && n.CaseNumber == number).ToListAsync());

    [Fact]
    public async Task Dispatch_tells_the_investigator_and_the_referrer_and_nobody_else()
    {
        var duty = await app.DutyOfficerAsync();
        var investigator = await app.SquadInvestigatorAsync();
        var officer = await app.BorderOfficerAsync();
        var referral = await app.ReferAsync(officer, ReferralSteps.SampleReferral("notice"));
        var (outcome, caseId, _) = await app.WithScopeAsync(sp => sp.GetRequiredService<ReferralDispatch>()
            .DispatchAsync(CaseSteps.ViewerOf(duty, RoleCatalog.DutyOfficer), referral.Id, investigator.UserName, null));
        Assert.Equal(ReferralActionOutcome.Done, outcome);

        var forward = Assert.Single(await NoticesAsync(ReferralsAudit.TakenForward, referral.Number));
        Assert.Equal(officer.InstitutionId, forward.RecipientInstitutionId);
        Assert.Null(forward.RecipientUserId);
        var caseNumber = await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Cases.Where(c => c.Id == caseId).Select(c => c.Number).FirstAsync());
        var assigned = Assert.Single(await NoticesAsync(ReferralsAudit.CaseAssigned, caseNumber));
        Assert.Equal(investigator.Id, assigned.RecipientUserId);
        Assert.Null(assigned.RecipientInstitutionId);
        Assert.Empty(await NoticesAsync(ReferralsAudit.TakenForward, caseNumber)); // the referrer never learns the case's number
    }

    [Fact]
    public async Task A_new_referral_is_announced_to_the_duty_desk_and_not_to_the_rest_of_the_squad()
    {
        var duty = await app.DutyOfficerAsync();
        var investigator = await app.SquadInvestigatorAsync();
        var officer = await app.BorderOfficerAsync();
        var referral = await app.ReferAsync(officer, ReferralSteps.SampleReferral("recv"));
        var notice = Assert.Single(await NoticesAsync(ReferralsAudit.Received, referral.Number));
        Assert.Equal(duty.InstitutionId, notice.RecipientInstitutionId);
        Assert.Equal(RoleCatalog.DutyOfficer, notice.RecipientRole);

        Task<bool> SeesAsync(TestUser user, string role) => app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Notifications
            .For(CaseSteps.ViewerOf(user, role), [role]).AnyAsync(n => n.Id == notice.Id));
        Assert.True(await SeesAsync(duty, RoleCatalog.DutyOfficer));
        Assert.False(await SeesAsync(investigator, RoleCatalog.Investigator));
        Assert.False(await SeesAsync(officer, RoleCatalog.LawEnforcementOfficer));
        using var squad = await app.SessionAsync(investigator);
        Assert.DoesNotContain(referral.Number, (await squad.GetAsync("/Notifications")).Text, StringComparison.Ordinal);
        using var desk = await app.SessionAsync(duty);
        Assert.Contains(referral.Number, (await desk.GetAsync("/Notifications")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_referral_near_its_deadline_is_announced_once_to_the_desk_only()
    {
        var duty = await app.DutyOfficerAsync();
        var investigator = await app.SquadInvestigatorAsync();
        var officer = await app.BorderOfficerAsync();
        var referral = await app.ReferAsync(officer, ReferralSteps.SampleReferral("near"));
        Task<int> WarnAsync() => app.WithScopeAsync(sp => sp.GetRequiredService<ReferralDeadlines>().WarnNearDeadlineAsync());

        await WarnAsync();
        Assert.Empty(await NoticesAsync(ReferralsAudit.DeadlineNear, referral.Number));
        var window = referral.AcknowledgeBy - referral.ReceivedAt;
        app.Time.Advance(referral.AcknowledgeBy - app.Time.GetUtcNow() - window / 8);
        await WarnAsync();
        var notices = await NoticesAsync(ReferralsAudit.DeadlineNear, referral.Number);
        Assert.Contains(notices, n => n.RecipientUserId == duty.Id);
        Assert.DoesNotContain(notices, n => n.RecipientUserId == investigator.Id || n.RecipientUserId == officer.Id || n.RecipientInstitutionId != null);
        await WarnAsync();
        Assert.Equal(notices.Count, (await NoticesAsync(ReferralsAudit.DeadlineNear, referral.Number)).Count);
    }
}

// On SQLite only: what this class tests (HTTP, settings, page plumbing) does not depend on the database; the sweep of every
// handler (SweepTests) runs its pages on PostgreSQL too.
public sealed class NoticeTestsOnSqlite(SqliteApp app) : NoticeTests(app), IClassFixture<SqliteApp>;
