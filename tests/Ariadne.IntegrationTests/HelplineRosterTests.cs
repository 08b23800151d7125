using System.Globalization;
using System.Net;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Helpline;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>
/// The helpline's round-the-clock cover and statistics (issue 14, parts 4 and 5): shifts under rest rules, gaps flagged a
/// week ahead with proposals that keep the rules, out of hours, the roster kept by a helpline's own supervisors only, and
/// aggregate statistics with small cells suppressed, read by the helpline's supervisors and the Coordinator only.
/// </summary>
public abstract class HelplineRosterTests(AriadneApp app)
{
    private static readonly string[] Supervisor = [RoleCatalog.HelplineSupervisor];
    private static readonly string[] Operator = [RoleCatalog.HelplineOperator];
    private static readonly TimeZoneInfo Baku = Ariadne.Web.Platform.Ui.UiTime.Resolve("Asia/Baku");

    private Task<T> DbAsync<T>(Func<AriadneDbContext, Task<T>> query) => app.WithScopeAsync(sp => query(sp.GetRequiredService<AriadneDbContext>()));

    private Task<T> Roster<T>(Func<RosterService, Task<T>> call) => app.WithScopeAsync(sp => call(sp.GetRequiredService<RosterService>()));

    private Task<T> Stats<T>(Func<HelplineStatistics, Task<T>> call) => app.WithScopeAsync(sp => call(sp.GetRequiredService<HelplineStatistics>()));

    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Time.GetUtcNow(), Baku).DateTime);

    private static DateTimeOffset Utc(DateOnly day, int hour) =>
        new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, 0)), Baku.GetUtcOffset(day.ToDateTime(new TimeOnly(hour, 0)))).ToUniversalTime();

    /// <summary>A helpline of its own (so that tests do not share a roster), and its first supervisor.</summary>
    private async Task<(Guid Helpline, TestUser Supervisor, Viewer Viewer)> HelplineAsync()
    {
        var id = await DbAsync(async db =>
        {
            var institution = new Institution { Name = "Helpline " + Guid.NewGuid().ToString("N")[..6], Code = "HL-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(), Kind = InstitutionKind.Helpline, CreatedAt = app.Time.GetUtcNow() };
            db.Institutions.Add(institution);
            await db.SaveChangesAsync();
            return institution.Id;
        });
        var supervisor = await StaffAsync(id, Supervisor);
        return (id, supervisor, CaseSteps.ViewerOf(supervisor, RoleCatalog.HelplineSupervisor));
    }

    private async Task<TestUser> StaffAsync(Guid helpline, string[] roles, string? languages = null, Viewer? keeper = null)
    {
        var user = await app.CreateUserAsync(InstitutionKind.Helpline, roles, [TrainingTopic.Helpline]);
        await DbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.InstitutionId, helpline)));
        user = user with { InstitutionId = helpline };
        if (languages is not null)
        {
            var viewer = keeper ?? CaseSteps.ViewerOf(user, RoleCatalog.HelplineSupervisor);
            Assert.Empty((await Roster(r => r.SaveProfileAsync(viewer, Supervisor, new() { UserId = user.Id, Languages = languages, Skills = ["chat"] })))!);
        }
        return user;
    }

    private Task<Dictionary<string, string[]>?> ShiftAsync(Viewer keeper, TestUser who, DateOnly day, int hour, int hours) =>
        Roster(r => r.SaveShiftAsync(keeper, Supervisor, new() { UserId = who.Id, Day = day, Start = $"{hour:00}:00", Hours = hours }));

    [Fact]
    public async Task A_shift_breaking_a_rest_rule_is_refused_naming_the_rule()
    {
        CultureInfo.CurrentUICulture = new("en");
        var (helpline, _, keeper) = await HelplineAsync();
        var day = Today.AddDays(2);

        var first = await StaffAsync(helpline, Operator, "az,ru", keeper);
        Assert.Equal("Rule on the longest shift: a shift can last at most 12 hours.", (await ShiftAsync(keeper, first, day, 8, 13))!["Hours"].Single());
        Assert.Empty((await ShiftAsync(keeper, first, day, 8, 12))!);
        Assert.Equal("The operator already has a shift at this time.", (await ShiftAsync(keeper, first, day, 10, 4))!["Day"].Single());
        // 20:00 to 06:00 the next morning is 10 hours of rest.
        Assert.Equal("Rule on rest between shifts: the operator needs at least 11 hours of rest between two shifts.", (await ShiftAsync(keeper, first, day.AddDays(1), 6, 8))!["Day"].Single());
        Assert.Empty((await ShiftAsync(keeper, first, day.AddDays(1), 7, 8))!); // 11 hours exactly

        var nights = await StaffAsync(helpline, Operator, "az", keeper);
        for (var n = 0; n < 3; n++)
            Assert.Empty((await ShiftAsync(keeper, nights, day.AddDays(n), 22, 8))!);
        Assert.Equal("Rule on consecutive nights: no more than 3 night shifts in a row.", (await ShiftAsync(keeper, nights, day.AddDays(3), 22, 8))!["Day"].Single());
        // A night before the run makes four in a row too.
        Assert.Equal("Rule on consecutive nights: no more than 3 night shifts in a row.", (await ShiftAsync(keeper, nights, day.AddDays(-1), 22, 8))!["Day"].Single());

        var days = await StaffAsync(helpline, Operator, "ru", keeper);
        for (var n = 0; n < 4; n++)
            Assert.Empty((await ShiftAsync(keeper, days, day.AddDays(n), 8, 12))!);
        Assert.Equal("Rule on weekly hours: no more than 48 hours in any 7 days.", (await ShiftAsync(keeper, days, day.AddDays(4), 8, 12))!["Day"].Single());
        // Seven days after the first shift began, the window has moved on.
        Assert.Empty((await ShiftAsync(keeper, days, day.AddDays(7), 8, 12))!);

        Assert.Equal(2, await DbAsync(db => db.HelplineShifts.CountAsync(s => s.UserId == first.Id)));
        Assert.Equal(3, await DbAsync(db => db.HelplineShifts.CountAsync(s => s.UserId == nights.Id)));
        Assert.Equal(5, await DbAsync(db => db.HelplineShifts.CountAsync(s => s.UserId == days.Id)));
    }

    [Fact]
    public async Task Gaps_are_flagged_a_week_ahead_with_proposals_that_keep_the_rules_and_out_of_hours_is_told()
    {
        CultureInfo.CurrentUICulture = new("en");
        var (helpline, supervisor, keeper) = await HelplineAsync();
        Assert.Empty((await Roster(r => r.SaveProfileAsync(keeper, Supervisor, new() { UserId = supervisor.Id, Languages = "az, RU", Skills = ["supervision"] })))!);
        var azOnly = await StaffAsync(helpline, Operator, "az", keeper);
        var both = await StaffAsync(helpline, Operator, "az,ru", keeper);

        // Nobody on: out of hours, for the chat page and the webhook.
        var none = await Roster(r => r.CoverAsync(helpline));
        Assert.Equal((true, 0, 0), (none.OutOfHours, none.OnShift, none.Languages.Count));
        Assert.True(await Roster(r => r.IsOutOfHoursAsync(helpline)));

        // The Azerbaijani speaker takes the current hour on for 8 hours; the other operator works 8 hours later in the week.
        var now = app.Time.GetUtcNow();
        var local = TimeZoneInfo.ConvertTime(now, Baku);
        var hour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        Assert.Empty((await ShiftAsync(keeper, azOnly, DateOnly.FromDateTime(local.DateTime), local.Hour, 8))!);
        Assert.Empty((await ShiftAsync(keeper, both, Today.AddDays(5), 8, 8))!);

        var cover = await Roster(r => r.CoverAsync(helpline));
        Assert.Equal((false, 1, "az"), (cover.OutOfHours, cover.OnShift, string.Join(',', cover.Languages)));
        Assert.False(await Roster(r => r.IsOutOfHoursAsync(helpline)));
        Assert.Equal([azOnly.Id], (await Roster(r => r.OnNowAsync(helpline))).Select(o => o.UserId));

        var gaps = (await Roster(r => r.GapsAsync(keeper, Supervisor, now)))!;
        // While the Azerbaijani speaker is on, nobody speaks Russian: both Russian speakers are proposed, and not the one on shift.
        var language = gaps[0];
        Assert.Equal((hour, hour.AddHours(8), false, "ru"), (language.From, language.To, language.Uncovered, string.Join(',', language.MissingLanguages)));
        Assert.Equal([supervisor.Id, both.Id], language.Proposals.Select(p => p.UserId));
        // Then nobody at all: the operator just off shift would not have rested 11 hours, so is not proposed;
        // the supervisor (no hours this week) comes before the operator with 8.
        var nobody = gaps[1];
        Assert.Equal((hour.AddHours(8), true), (nobody.From, nobody.Uncovered));
        Assert.Equal([supervisor.Id, both.Id], nobody.Proposals.Select(p => p.UserId));
        Assert.Equal([0.0, 8.0], nobody.Proposals.Select(p => p.HoursThisWeek));
        Assert.All(nobody.Proposals, p => Assert.Equal(TimeSpan.FromHours(12), p.EndsAt - p.StartsAt));
        // A week ahead: the last gap ends 7 days on; the other operator's shift on day 5 splits the uncovered hours but
        // leaves a Russian-speaking gap nowhere (the operator speaks both).
        Assert.Equal(hour.AddDays(7), gaps[^1].To);
        Assert.DoesNotContain(gaps, g => g.From < Utc(Today.AddDays(5), 16) && g.To > Utc(Today.AddDays(5), 8));
        Assert.All(gaps.Skip(1), g => Assert.True(g.Uncovered));

        // A proposal taken is a shift the rules accept; the gap it filled is gone.
        var proposal = nobody.Proposals[0];
        var start = TimeZoneInfo.ConvertTime(proposal.StartsAt, Baku);
        Assert.Empty((await ShiftAsync(keeper, supervisor, DateOnly.FromDateTime(start.DateTime), start.Hour, 12))!);
        var after = (await Roster(r => r.GapsAsync(keeper, Supervisor, now)))!;
        Assert.DoesNotContain(after, g => g.From < proposal.EndsAt && g.To > proposal.StartsAt && g.Uncovered);

        // With the clock on a day, the roster is read from the new hour: the first gap no longer starts in the past.
        app.Time.Advance(TimeSpan.FromDays(1));
        var later = (await Roster(r => r.GapsAsync(keeper, Supervisor, app.Time.GetUtcNow())))!;
        Assert.True(later[0].From >= hour.AddDays(1));
        Assert.Equal(hour.AddDays(8), later[^1].To);
    }

    [Fact]
    public async Task Only_the_helplines_own_supervisors_keep_its_roster_and_refusals_are_audited()
    {
        CultureInfo.CurrentUICulture = new("en");
        var (helpline, supervisor, keeper) = await HelplineAsync();
        var op = await StaffAsync(helpline, Operator, "az,ru", keeper);
        Assert.Empty((await ShiftAsync(keeper, op, Today.AddDays(1), 8, 8))!);
        var shiftId = await DbAsync(db => db.HelplineShifts.Where(s => s.UserId == op.Id).Select(s => s.Id).SingleAsync());

        var (_, otherSupervisor, other) = await HelplineAsync();
        Assert.Equal("Choose an operator of your helpline.", (await ShiftAsync(other, op, Today.AddDays(3), 8, 8))!["UserId"].Single());
        Assert.Equal("Choose an operator of your helpline.",
            (await Roster(r => r.SaveProfileAsync(other, Supervisor, new() { UserId = op.Id, Languages = "en" })))!["UserId"].Single());
        Assert.False(await Roster(r => r.RemoveShiftAsync(other, Supervisor, shiftId)));
        Assert.Equal(1, await DbAsync(db => db.HelplineShifts.CountAsync(s => s.UserId == op.Id)));
        Assert.Equal("az,ru", await DbAsync(db => db.OperatorProfiles.Where(p => p.UserId == op.Id).Select(p => p.Languages).SingleAsync()));
        Assert.DoesNotContain(op.Id, (await Roster(r => r.RosterAsync(other, Supervisor)))!.Operators.Select(o => o.UserId));

        // The operator is no supervisor: nothing, whatever the roles claimed on another institution's behalf.
        var opViewer = CaseSteps.ViewerOf(op, RoleCatalog.HelplineOperator);
        Assert.Null(await Roster(r => r.RosterAsync(opViewer, Operator)));
        Assert.Null(await Roster(r => r.SaveShiftAsync(opViewer, Operator, new() { UserId = op.Id, Day = Today.AddDays(3), Start = "08:00", Hours = 8 })));
        Assert.Null(await Roster(r => r.GapsAsync(opViewer, Operator, app.Time.GetUtcNow())));
        Assert.False(await Roster(r => r.RemoveShiftAsync(opViewer, Operator, shiftId)));
        // A supervisor's role claimed in an institution that is not a helpline keeps nothing either.
        var outsider = await app.CreateUserAsync(InstitutionKind.ServiceProvider, []);
        Assert.Null(await Roster(r => r.RosterAsync(CaseSteps.ViewerOf(outsider, RoleCatalog.HelplineSupervisor), Supervisor)));

        var denied = await DbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.Outcome == AuditOutcome.Denied && (e.ActorUserId == otherSupervisor.Id || e.ActorUserId == op.Id || e.ActorUserId == outsider.Id))
            .Select(e => new { e.Action, e.ActorUserId, e.TargetId }).ToListAsync());
        Assert.Contains(denied, e => e.Action == RosterAudit.ShiftSaved.Code && e.ActorUserId == otherSupervisor.Id && e.TargetId == op.Id);
        Assert.Contains(denied, e => e.Action == RosterAudit.ProfileSaved.Code && e.ActorUserId == otherSupervisor.Id && e.TargetId == op.Id);
        Assert.Contains(denied, e => e.Action == RosterAudit.ShiftRemoved.Code && e.ActorUserId == otherSupervisor.Id && e.TargetId == shiftId);
        Assert.Contains(denied, e => e.Action == RosterAudit.RosterViewed.Code && e.ActorUserId == op.Id);
        Assert.Contains(denied, e => e.Action == RosterAudit.ShiftSaved.Code && e.ActorUserId == op.Id);
        Assert.Contains(denied, e => e.Action == RosterAudit.ShiftRemoved.Code && e.ActorUserId == op.Id);
        Assert.Contains(denied, e => e.Action == RosterAudit.RosterViewed.Code && e.ActorUserId == outsider.Id);

        // Its own supervisor removes it; the pages answer the supervisor and refuse the operator.
        Assert.True(await Roster(r => r.RemoveShiftAsync(keeper, Supervisor, shiftId)));
        Assert.Equal(0, await DbAsync(db => db.HelplineShifts.CountAsync(s => s.UserId == op.Id)));
        using (var session = app.NewSession())
        {
            await session.SignInAsync(app, supervisor);
            var page = await session.GetAsync("/Helpline/Roster");
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.NotNull(page.Document.QuerySelector("[data-gaps]"));
            Assert.NotNull(page.Document.QuerySelector($"[data-operator='{op.Id}']"));
            var refused = await session.SubmitAsync(page, "form[data-shift-form]", new Dictionary<string, string>
            { ["Shift.UserId"] = op.Id.ToString(), ["Shift.Day.Day"] = Today.AddDays(2).Day.ToString(CultureInfo.InvariantCulture), ["Shift.Day.Month"] = Today.AddDays(2).Month.ToString(CultureInfo.InvariantCulture), ["Shift.Day.Year"] = Today.AddDays(2).Year.ToString(CultureInfo.InvariantCulture), ["Shift.Start"] = "08:00", ["Shift.Hours"] = "14" });
            Assert.Contains("Rule on the longest shift: a shift can last at most 12 hours.", refused.Errors);
            Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/Helpline/Statistics")).Status);
            // The home card counts the gaps of the week ahead (nobody is on shift now: at least one).
            var card = (await session.GetAsync("/")).Document.QuerySelector("[data-home-panel='roster-gaps']");
            Assert.NotNull(card);
            Assert.Contains("roster gaps in the next 7 days", card.TextContent, StringComparison.Ordinal);
        }
        using (var session = app.NewSession())
        {
            await session.SignInAsync(app, op);
            Assert.Equal(HttpStatusCode.Forbidden, (await session.GetAsync("/Helpline/Roster")).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await session.GetAsync("/Helpline/Statistics")).Status);
            Assert.Null((await session.GetAsync("/")).Document.QuerySelector("[data-home-panel='roster-gaps']"));
        }
    }

    [Fact]
    public async Task Statistics_suppress_small_cells_and_are_read_by_the_helplines_supervisors_and_the_Coordinator_only()
    {
        CultureInfo.CurrentUICulture = new("en");
        var (helpline, _, keeper) = await HelplineAsync();
        var (otherHelpline, _, other) = await HelplineAsync();
        var now = app.Time.GetUtcNow();
        HelplineContact Contact(Guid institution, ContactChannel channel, string? language, int answeredAfterSeconds, int daysAgo = 1) => new()
        {
            Number = "HL-T-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant(),
            InstitutionId = institution,
            Channel = channel,
            Language = language,
            ReceivedAt = now.AddDays(-daysAgo),
            AnsweredAt = now.AddDays(-daysAgo).AddSeconds(answeredAfterSeconds),
            DataKeyId = Guid.NewGuid(),
            UpdatedAt = now,
        };
        var phones = new[] { 60, 120, 180 }.Select(s => Contact(helpline, ContactChannel.Phone, "az", s)).ToList();
        foreach (var p in phones)
        {
            p.Category = ContactCategory.SexualExploitation;
            p.ReferralId = Guid.NewGuid();
        }
        phones[0].ForwardedAt = phones[0].ReceivedAt.AddMinutes(10);
        phones[1].ForwardedAt = phones[1].ReceivedAt.AddMinutes(20);
        var chat = Contact(helpline, ContactChannel.WebChat, "ru", 30);
        chat.HeldReason = ForwardingRules.HeldNoConsent;
        var sms = new[] { Contact(helpline, ContactChannel.Sms, "ru", 40), Contact(helpline, ContactChannel.Sms, "az", 50) };
        sms[0].NonData = NonDataKind.HangUp;
        var old = Contact(helpline, ContactChannel.Email, "en", 10, daysAgo: 40);
        var elsewhere = new[] { Contact(otherHelpline, ContactChannel.Phone, "az", 10), Contact(otherHelpline, ContactChannel.Phone, "az", 20) };
        await DbAsync(db =>
        {
            db.HelplineContacts.AddRange([.. phones, chat, .. sms, old, .. elsewhere]);
            return db.SaveChangesAsync();
        });

        var report = (await Stats(s => s.ReportAsync(keeper, Supervisor)))!;
        Assert.False(report.AllHelplines);
        Assert.Equal((Today.AddDays(-29), Today, 3), (report.From, report.To, report.Threshold));
        Assert.Equal(6, report.Total.Count);
        int? Count(IReadOnlyList<HelplineStatistics.Row> rows, string key) => rows.Single(r => r.Key == key).Count.Count;
        Assert.Equal(3, Count(report.ByChannel, nameof(ContactChannel.Phone)));
        Assert.Null(Count(report.ByChannel, nameof(ContactChannel.Sms))); // 2: suppressed
        Assert.True(report.ByChannel.Single(r => r.Key == nameof(ContactChannel.WebChat)).Count.Suppressed); // 1
        Assert.Equal(0, Count(report.ByChannel, nameof(ContactChannel.Email))); // the e-mail is 40 days old
        Assert.Null(Count(report.ByLanguage, "ru")); // 2: suppressed
        Assert.Null(Count(report.ByLanguage, "az")); // 4, but the table's only other cell: with the total it would give "ru" away
        Assert.Equal(3, Count(report.ByCategory, nameof(ContactCategory.SexualExploitation)));
        Assert.Equal("T1", report.ByCategory.Single(r => r.Key == nameof(ContactCategory.SexualExploitation)).Code);
        Assert.Null(Count(report.ByNonData, nameof(NonDataKind.HangUp)));
        Assert.Equal(0, Count(report.ByNonData, nameof(NonDataKind.Silent)));
        var hour = TimeZoneInfo.ConvertTime(now, Baku).Hour.ToString("00", CultureInfo.InvariantCulture);
        Assert.Equal(6, Count(report.ByHour, hour));
        Assert.Equal(3, report.Referrals.Count);
        Assert.Null(report.HeldNow.Count);
        // Six answer times (30, 40, 50, 60, 120, 180 s): median and 90th percentile by nearest rank.
        Assert.Equal((TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(180)), (report.Answer.Median, report.Answer.P90));
        // Two forwarded: too few for a median.
        Assert.Equal(((int?)null, (TimeSpan?)null, (TimeSpan?)null), (report.Forward.Count.Count, report.Forward.Median, report.Forward.P90));

        var wide = (await Stats(s => s.ReportAsync(keeper, Supervisor, Today.AddDays(-45), Today)))!;
        Assert.Equal(7, wide.Total.Count);

        // The other helpline's supervisor sees only its two contacts (suppressed).
        var theirs = (await Stats(s => s.ReportAsync(other, Supervisor)))!;
        Assert.Null(theirs.Total.Count);

        var coordinatorUser = await app.CreateUserAsync(InstitutionKind.NationalCoordinator, [RoleCatalog.Coordinator]);
        var all = (await Stats(s => s.ReportAsync(CaseSteps.ViewerOf(coordinatorUser, RoleCatalog.Coordinator), [RoleCatalog.Coordinator])))!;
        Assert.True(all.AllHelplines);
        Assert.Equal(5, Count(all.ByChannel, nameof(ContactChannel.Phone)));
        Assert.Equal(8, all.Total.Count);

        var op = await StaffAsync(helpline, Operator);
        Assert.Null(await Stats(s => s.ReportAsync(CaseSteps.ViewerOf(op, RoleCatalog.HelplineOperator), Operator)));
        var investigator = await app.CreateUserAsync(InstitutionKind.AntiTraffickingSquad, [RoleCatalog.Investigator]);
        Assert.Null(await Stats(s => s.ReportAsync(CaseSteps.ViewerOf(investigator, RoleCatalog.Investigator), [RoleCatalog.Investigator])));
        // A Coordinator's role claimed outside the Coordinator's office reads nothing.
        Assert.Null(await Stats(s => s.ReportAsync(CaseSteps.ViewerOf(op, RoleCatalog.Coordinator), [RoleCatalog.Coordinator])));
        var denied = await DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == RosterAudit.StatisticsViewed.Code && e.Outcome == AuditOutcome.Denied && (e.ActorUserId == op.Id || e.ActorUserId == investigator.Id)));
        Assert.Equal(3, denied);
        Assert.Equal(1, await DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == RosterAudit.StatisticsViewed.Code && e.Outcome == AuditOutcome.Allowed && e.ActorUserId == coordinatorUser.Id)));
    }
}

// On PostgreSQL only (the production database): this class tests a feature, not the database. Its pages' queries run on SQLite
// too, in the sweep of every handler (SweepTests) and the crawl of every page by every role (UniqueIdTests).
public sealed class HelplineRosterTestsOnPostgres(PostgresApp app) : HelplineRosterTests(app), IClassFixture<PostgresApp>;
