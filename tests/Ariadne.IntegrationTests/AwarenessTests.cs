using System.Globalization;
using System.Net;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Awareness;
using Ariadne.Web.Features.Helpline;
using Ariadne.Web.Features.Observation;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>
/// Awareness (issue 16 §6): the helpline's weekly contacts around a campaign equal an independent count, with one or two shown as
/// "&lt;3" and no contact's details on the page; bad input refused with nothing saved; a form sent twice records once; only the
/// office, the lead and partners record, while everyone (auditors too) reads.
/// </summary>
public abstract class AwarenessTests(AriadneApp app)
{
    private static readonly string[] Coordinator = [RoleCatalog.Coordinator];

    private Task<T> Campaigns<T>(Func<Web.Features.Awareness.Campaigns, Task<T>> call) => app.WithScopeAsync(sp => call(sp.GetRequiredService<Web.Features.Awareness.Campaigns>()));

    private Task<T> DbAsync<T>(Func<AriadneDbContext, Task<T>> query) => app.WithScopeAsync(sp => query(sp.GetRequiredService<AriadneDbContext>()));

    private static readonly TimeZoneInfo Baku = TimeZoneInfo.FindSystemTimeZoneById("Asia/Baku");

    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Time.GetUtcNow(), Baku).DateTime);

    private static DateTimeOffset Noon(DateOnly day) => new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.FromHours(4)).ToUniversalTime();

    private Task<string> StateAsync() => DbAsync(async db =>
        $"{await db.Set<Campaign>().CountAsync()}|{await db.Set<CampaignRegion>().CountAsync()}|{await db.Set<CampaignPartner>().CountAsync()}|{await db.Set<CampaignActivity>().CountAsync()}|{await db.Set<CampaignMaterial>().CountAsync()}");

    private async Task<Guid> CampaignAsync(TestUser coordinatorUser, DateOnly start, DateOnly end)
    {
        var (id, errors) = await Campaigns(c => c.CreateAsync(CaseSteps.ViewerOf(coordinatorUser, Coordinator), Coordinator, new()
        {
            TitleEn = "Check the job offer first",
            Objective = "Teach jobseekers to recognise fake offers abroad.",
            Audiences = [CampaignAudience.JobseekersAbroad],
            Regions = [Region.Baku],
            Channels = [CampaignChannel.SocialMedia],
            StartsOn = start,
            EndsOn = end,
            LeadInstitutionId = coordinatorUser.InstitutionId,
        }));
        Assert.Empty(errors!);
        return id!.Value;
    }

    [Fact]
    public async Task Helpline_contacts_around_a_campaign_equal_an_independent_count_and_small_weeks_are_suppressed()
    {
        CultureInfo.CurrentUICulture = new("en");
        var coordinatorUser = await app.CreateUserAsync(InstitutionKind.NationalCoordinator, Coordinator);
        var helpline = await app.CreateUserAsync(InstitutionKind.Helpline, [RoleCatalog.HelplineOperator]);
        // A campaign far in the past of its own so no other test's contacts fall in its weeks: 2 weeks, weeks of 7 days.
        var start = Today.AddDays(-200);
        var end = start.AddDays(13);
        var id = await CampaignAsync(coordinatorUser, start, end);
        var now = app.Time.GetUtcNow();
        // Before: 5 contacts in the week before; 2 two weeks before. During: 1 in the first week, 4 in the second. After: 3 in the first week.
        var days = new List<DateOnly>();
        days.AddRange(Enumerable.Repeat(start.AddDays(-3), 5));
        days.AddRange(Enumerable.Repeat(start.AddDays(-10), 2));
        days.Add(start.AddDays(1));
        days.AddRange(Enumerable.Repeat(start.AddDays(9), 4));
        days.AddRange(Enumerable.Repeat(end.AddDays(2), 3));
        await DbAsync(db =>
        {
            db.HelplineContacts.AddRange(days.Select(d => new HelplineContact
            {
                Number = "HL-T-" + Guid.NewGuid().ToString("N")[..8],
                InstitutionId = helpline.InstitutionId,
                Channel = ContactChannel.Phone,
                ReceivedAt = Noon(d),
                DataKeyId = Guid.NewGuid(),
                UpdatedAt = now,
            }));
            return db.SaveChangesAsync();
        });

        var view = await Campaigns(c => c.ReadAsync(CaseSteps.ViewerOf(coordinatorUser, Coordinator), Coordinator, id, weeks: 2));
        var weeks = view!.Helpline;
        Assert.Equal(2 + 2 + 2, weeks.Count);
        // Independent: each week counted again from the contacts' local days.
        var all = await DbAsync(db => db.HelplineContacts.AsNoTracking().Select(h => h.ReceivedAt).ToListAsync());
        var local = all.Select(r => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(r, Baku).DateTime)).ToList();
        foreach (var w in weeks)
        {
            var expected = local.Count(d => d >= w.From && d <= w.To);
            Assert.Equal(expected is 1 or 2 ? null : expected, w.Count);
        }
        Assert.Equal([Web.Features.Awareness.Campaigns.Phase.Before, Web.Features.Awareness.Campaigns.Phase.Before, Web.Features.Awareness.Campaigns.Phase.During, Web.Features.Awareness.Campaigns.Phase.During, Web.Features.Awareness.Campaigns.Phase.After, Web.Features.Awareness.Campaigns.Phase.After], weeks.Select(w => w.Phase));
        Assert.Equal([null, 5, null, 4, 3, 0], weeks.Select(w => w.Count));

        // On the page: the table beside the chart, "<3" for the small weeks, and nothing of any contact; an auditor reads it too.
        var auditor = await app.CreateUserAsync(InstitutionKind.Oversight, [RoleCatalog.Auditor]);
        using var s = await app.SessionAsync(auditor, "ru");
        var page = await s.GetAsync($"/Awareness/Campaigns/{id}?weeks=2");
        Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
        var cells = page.Document.QuerySelectorAll("[data-helpline-table] [data-count]").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["<3", "5", "<3", "4", "3", "0"], cells);
        Assert.NotNull(page.Document.QuerySelector("svg[data-helpline-chart]"));
        Assert.Equal(6, page.Document.QuerySelectorAll("svg[data-helpline-chart] rect").Length);
        Assert.DoesNotContain("HL-T-", page.Html, StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector("form[data-activity-form]"));
    }

    [Fact]
    public async Task Bad_input_is_refused_with_nothing_saved_a_form_sent_twice_records_once_and_only_lead_partners_and_office_record()
    {
        CultureInfo.CurrentUICulture = new("en");
        var coordinatorUser = await app.CreateUserAsync(InstitutionKind.NationalCoordinator, Coordinator);
        var partner = await app.CreateUserAsync(InstitutionKind.InternationalPartner, [RoleCatalog.PartnerOfficer]);
        var shelter = await app.CreateUserAsync(InstitutionKind.Shelter, [RoleCatalog.ShelterManager]);
        var before = await StateAsync();
        var (none, errors) = await Campaigns(c => c.CreateAsync(CaseSteps.ViewerOf(coordinatorUser, Coordinator), Coordinator, new()
        {
            Objective = "short",
            StartsOn = Today,
            EndsOn = Today.AddDays(-1),
            Budget = -5,
        }));
        Assert.Null(none);
        Assert.Equal(["Audiences", "Budget", "Channels", "EndsOn", "LeadInstitutionId", "Objective", "Regions", "TitleAz"], errors!.Keys.Order(StringComparer.Ordinal));
        // A shelter may not name another institution as lead.
        var (_, other) = await Campaigns(c => c.CreateAsync(CaseSteps.ViewerOf(shelter, RoleCatalog.ShelterManager), [RoleCatalog.ShelterManager], new()
        {
            TitleAz = "Kampaniya",
            Objective = "Kənd qadınlarını maarifləndirmək.",
            Audiences = [CampaignAudience.RuralWomen],
            Regions = [Region.ShakiZagatala],
            Channels = [CampaignChannel.Events],
            StartsOn = Today,
            EndsOn = Today.AddDays(10),
            LeadInstitutionId = partner.InstitutionId,
        }));
        Assert.Equal(["LeadInstitutionId"], other!.Keys);
        Assert.Equal(before, await StateAsync());

        var id = await CampaignAsync(coordinatorUser, Today.AddDays(-10), Today.AddDays(10));
        // Not the lead nor a partner: refused (not found), nothing saved.
        var activity = new Web.Features.Awareness.Campaigns.ActivityInput { On = Today, Region = Region.Baku, Type = ActivityType.PublicEvent, Audience = CampaignAudience.Students, Reach = 40, ReachCounted = true };
        Assert.Null(await Campaigns(c => c.AddActivityAsync(CaseSteps.ViewerOf(shelter, RoleCatalog.ShelterManager), [RoleCatalog.ShelterManager], id, activity)));
        var auditor = await app.CreateUserAsync(InstitutionKind.Oversight, [RoleCatalog.Auditor]);
        Assert.Null(await Campaigns(c => c.AddActivityAsync(CaseSteps.ViewerOf(auditor, RoleCatalog.Auditor), [RoleCatalog.Auditor], id, activity)));

        using var s = await app.SessionAsync(coordinatorUser, "az");
        var page = await s.GetAsync($"/Awareness/Campaigns/{id}");
        var mid = await StateAsync();
        var bad = await s.SubmitAsync(page, "form[data-activity-form]", new Dictionary<string, string> { ["Activity.Reach"] = "-3" });
        Assert.NotEmpty(bad.Errors);
        Assert.NotNull(bad.FieldError("Activity_Reach"));
        Assert.Equal(mid, await StateAsync());
        var values = new Dictionary<string, string>
        {
            ["Activity.On.Day"] = Today.Day.ToString(CultureInfo.InvariantCulture),
            ["Activity.On.Month"] = Today.Month.ToString(CultureInfo.InvariantCulture),
            ["Activity.On.Year"] = Today.Year.ToString(CultureInfo.InvariantCulture),
            ["Activity.Region"] = "Baku",
            ["Activity.Type"] = "SchoolSession",
            ["Activity.Audience"] = "Students",
            ["Activity.Reach"] = "120",
            ["Activity.ReachCounted"] = "true",
        };
        Assert.Empty((await s.SubmitAsync(page, "form[data-activity-form]", values)).Errors);
        Assert.Empty((await s.SubmitAsync(page, "form[data-activity-form]", values)).Errors);
        Assert.Equal(1, await DbAsync(db => db.Set<CampaignActivity>().CountAsync(a => a.CampaignId == id)));
        Assert.Equal(1, await DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == AwarenessAudit.ActivityRecorded.Code && e.TargetId == id)));
    }
}

// On PostgreSQL only (the production database): this class tests a feature, not the database. Its pages' queries run on SQLite
// too, in the sweep of every handler (SweepTests) and the crawl of every page by every role (UniqueIdTests).
public sealed class AwarenessTestsOnPostgres(PostgresApp app) : AwarenessTests(app), IClassFixture<PostgresApp>;
