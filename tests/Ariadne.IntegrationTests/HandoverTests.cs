using System.Net;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>Handovers without friction (issue 11, item 6): what a recipient sees before accepting, a decline's reason, the desk's link after a handover, consent carried from the referral.</summary>
public abstract class HandoverTests(AriadneApp app)
{
    private Task<T> DbAsync<T>(Func<AriadneDbContext, Task<T>> query) => app.WithScopeAsync(sp => query(sp.GetRequiredService<AriadneDbContext>()));

    [Fact]
    public async Task Before_accepting_the_shelter_sees_an_age_band_and_no_identity_and_declining_needs_a_reason()
    {
        var today = DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime);
        var input = CaseSteps.SampleInput("hov");
        input.DateOfBirth = today.AddYears(-30).ToString("yyyy-MM-dd");
        input.Languages = "uz";
        var (investigator, view) = await app.NewCaseAsync(input);
        var shelter = await app.ShelterManagerAsync();
        var viewer = CaseSteps.ViewerOf(investigator, RoleCatalog.Investigator);
        await app.WithScopeAsync(async sp =>
        {
            Assert.Empty((await sp.GetRequiredService<ConsentService>().RecordConsentAsync(viewer, view.Id, new()
            { Purposes = [ConsentPurpose.Services, ConsentPurpose.DataSharing], RecipientInstitutionId = shelter.InstitutionId, Form = ConsentForm.Written, GivenOn = today }))!);
            Assert.Empty((await sp.GetRequiredService<OnwardService>().SendAsync(viewer, view.Id,
                new() { Relation = Relation.Shelter, RecipientInstitutionId = shelter.InstitutionId, Share = [DataClass.Identity, DataClass.Care] }))!);
        });
        Assert.Equal(2, await DbAsync(db => db.Consents.CountAsync(c => c.CaseId == view.Id)));

        using var home = await app.SessionAsync(shelter);
        var inbox = await home.GetAsync("/Referrals/Onward");
        var row = inbox.Document.QuerySelector($"tr[data-onward='{view.Number}']")!;
        Assert.Equal("25–34", row.QuerySelector("[data-age-band]")!.TextContent.Trim());
        Assert.Contains("Female", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Uzbek", row.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Zülfiyyəhov", inbox.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Qəmbərova", inbox.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(input.DateOfBirth, inbox.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("887766", inbox.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("777 66 55", inbox.Html, StringComparison.Ordinal);

        // Declining without a reason is refused with a field error and changes nothing.
        var onwardId = await DbAsync(db => db.OnwardReferrals.Where(o => o.CaseId == view.Id).Select(o => o.Id).SingleAsync());
        var refused = await home.SubmitAsync(inbox, $"tr[data-onward='{view.Number}'] form[action*='handler=Decline']");
        Assert.Equal("Choose the reason for declining.", refused.FieldError(OnwardModel.ReasonField(onwardId)));
        Assert.Equal(OnwardStatus.Pending, await DbAsync(db => db.OnwardReferrals.Where(o => o.Id == onwardId).Select(o => o.Status).SingleAsync()));
        Assert.Equal(0, await DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == ProtectionAudit.OnwardAnswered && e.TargetId == onwardId)));

        var declined = await home.SubmitAsync(inbox, $"tr[data-onward='{view.Number}'] form[action*='handler=Decline']", new Dictionary<string, string> { ["reason"] = "NoCapacity" });
        Assert.Equal(HttpStatusCode.OK, declined.Status);
        Assert.Equal(OnwardStatus.Declined, await DbAsync(db => db.OnwardReferrals.Where(o => o.Id == onwardId).Select(o => o.Status).SingleAsync()));
        Assert.Equal("onward.decline:NoCapacity", await DbAsync(db => db.AuditEvents.Where(e => e.Action == ProtectionAudit.OnwardAnswered && e.TargetId == onwardId).Select(e => e.Purpose).SingleAsync()));
    }

    [Fact]
    public async Task After_a_handover_the_desk_sees_who_took_it_forward_and_no_link()
    {
        var duty = await app.DutyOfficerAsync();
        var investigator = await app.SquadInvestigatorAsync();
        var referral = await app.ReferAsync(await app.BorderOfficerAsync(), ReferralSteps.SampleReferral("hov"));
        using var desk = await app.SessionAsync(duty);
        var page = await desk.GetAsync($"/Referrals/Detail/{referral.Id}");
        await desk.SubmitAsync(page, "form[action*='handler=Dispatch']", new Dictionary<string, string> { ["Target"] = "new", ["InvestigatorUserName"] = investigator.UserName });
        var caseId = (await DbAsync(db => db.Referrals.Where(r => r.Id == referral.Id).Select(r => r.CaseId).FirstAsync()))!.Value;

        // The desk no longer has the case: no link that would lead to a 404, but who took it forward and when.
        var after = await desk.GetAsync($"/Referrals/Detail/{referral.Id}");
        Assert.Null(after.Document.QuerySelector("[data-referral-case] a"));
        var line = after.Document.QuerySelector("[data-taken-forward]")!.TextContent;
        Assert.StartsWith("Taken forward into a case on", line.Trim(), StringComparison.Ordinal);
        Assert.Contains($"by Test {duty.UserName};", line, StringComparison.Ordinal);
        Assert.Contains("you no longer have access to the case.", line, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await desk.GetAsync($"/Cases/Detail?id={caseId}")).Status);

        // The investigator, who has the case, gets the link.
        using var investigating = await app.SessionAsync(investigator);
        var theirs = await investigating.GetAsync($"/Referrals/Detail/{referral.Id}");
        Assert.NotNull(theirs.Document.QuerySelector("[data-referral-case] a"));
        Assert.Null(theirs.Document.QuerySelector("[data-taken-forward]"));
    }

    [Fact]
    public async Task The_consent_given_at_referral_shows_on_the_cases_protection_page()
    {
        var duty = await app.DutyOfficerAsync();
        var investigator = await app.SquadInvestigatorAsync();
        var referral = await app.ReferAsync(await app.BorderOfficerAsync(), ReferralSteps.SampleReferral("hoc"));
        using var desk = await app.SessionAsync(duty);
        await desk.SubmitAsync(await desk.GetAsync($"/Referrals/Detail/{referral.Id}"), "form[action*='handler=Dispatch']",
            new Dictionary<string, string> { ["Target"] = "new", ["InvestigatorUserName"] = investigator.UserName });
        var caseId = (await DbAsync(db => db.Referrals.Where(r => r.Id == referral.Id).Select(r => r.CaseId).FirstAsync()))!.Value;
        using var investigating = await app.SessionAsync(investigator);
        var protection = await investigating.GetAsync($"/Cases/Protection?id={caseId}");
        var consent = protection.Document.QuerySelector("[data-consent-from-referral]")!.TextContent;
        Assert.Contains($"Consent given at referral {referral.Number} on", consent, StringComparison.Ordinal);
        Assert.Contains("It covers being referred to the Squad and identified.", consent, StringComparison.Ordinal);
    }
}

// On PostgreSQL only (the production database): this class tests a feature, not the database. Its pages' queries run on SQLite
// too, in the sweep of every handler (SweepTests) and the crawl of every page by every role (UniqueIdTests).
public sealed class HandoverTestsOnPostgres(PostgresApp app) : HandoverTests(app), IClassFixture<PostgresApp>;
