using System.Globalization;
using System.Net;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Accommodation;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Features.Protection;
using Ariadne.Web.Features.Referrals;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>
/// Shelter security (issue 13): guards need the role and current shelter-security training at every use, see only the
/// aliases of who is expected and present during their shift, and hand-overs are confirmed by a one-time code.
/// </summary>
public abstract class GuardTests(AriadneApp app)
{
    private static readonly string[] Manager = [RoleCatalog.ShelterManager];
    private static readonly string[] GuardRoles = [RoleCatalog.SecurityOfficer];

    private Task<T> DbAsync<T>(Func<AriadneDbContext, Task<T>> query) => app.WithScopeAsync(sp => query(sp.GetRequiredService<AriadneDbContext>()));

    private DateOnly Today => DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime);

    /// <summary>A shelter manager of an institution of their own, a shelter with the given beds, and its address.</summary>
    internal static async Task<(TestUser Manager, Guid ShelterId, string Name, string Address)> ShelterAsync(AriadneApp app, params string[] beds)
    {
        var manager = await app.ShelterManagerAsync();
        var institutionId = await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            var tag = Guid.NewGuid().ToString("N")[..6];
            var own = new Institution { Name = "Shelter org " + tag, Code = "T-SH-" + tag, Kind = InstitutionKind.Shelter, CreatedAt = app.Time.GetUtcNow() };
            db.Institutions.Add(own);
            await db.SaveChangesAsync();
            await db.Users.Where(u => u.Id == manager.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.InstitutionId, own.Id));
            return own.Id;
        });
        manager = manager with { InstitutionId = institutionId };
        var id = Guid.NewGuid().ToString("N")[..8];
        var (name, address) = ("Sığınacaq " + id, "Gizli küçə " + id);
        var viewer = CaseSteps.ViewerOf(manager, RoleCatalog.ShelterManager);
        Assert.Empty((await app.WithScopeAsync(sp => sp.GetRequiredService<ShelterService>().SaveShelterAsync(viewer, Manager, null,
            new() { Name = name, Ownership = ShelterOwnership.Ngo, Languages = "az", Address = address })))!);
        var shelterId = await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Shelters.Where(s => s.Name == name).Select(s => s.Id).SingleAsync());
        foreach (var label in beds)
            Assert.Empty((await app.WithScopeAsync(sp => sp.GetRequiredService<ShelterService>().AddBedAsync(viewer, Manager, new() { ShelterId = shelterId, Label = label, Restriction = BedRestriction.Women })))!);
        return (manager, shelterId, name, address);
    }

    /// <summary>The case's onward referral to the shelter, accepted (the shelter's grant), as the real services do it.</summary>
    internal static async Task AcceptedByShelterAsync(AriadneApp app, TestUser investigator, Guid caseId, TestUser manager)
    {
        var squad = CaseSteps.ViewerOf(investigator, RoleCatalog.Investigator);
        await app.WithScopeAsync(async sp =>
        {
            Assert.Empty((await sp.GetRequiredService<ConsentService>().RecordConsentAsync(squad, caseId, new() { Purposes = [ConsentPurpose.Services, ConsentPurpose.DataSharing], RecipientInstitutionId = manager.InstitutionId, Form = ConsentForm.Written, GivenOn = DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime) }))!);
            Assert.Empty((await sp.GetRequiredService<OnwardService>().SendAsync(squad, caseId, new() { Relation = Relation.Shelter, RecipientInstitutionId = manager.InstitutionId, Share = [DataClass.Identity, DataClass.Care] }))!);
        });
        var onwardId = await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().OnwardReferrals.Where(o => o.CaseId == caseId).Select(o => o.Id).SingleAsync());
        Assert.True(await app.WithScopeAsync(sp => sp.GetRequiredService<OnwardService>().AnswerAsync(CaseSteps.ViewerOf(manager, RoleCatalog.ShelterManager), onwardId, OnwardService.Answer.Accept)));
    }

    private Task<Guid> BedAsync(Guid shelterId, string label) => DbAsync(db => db.Beds.Where(b => b.ShelterId == shelterId && b.Label == label).Select(b => b.Id).SingleAsync());

    /// <summary>A security officer of a police body with security functions, trained until <paramref name="validUntil"/> (null: no last day recorded).</summary>
    private async Task<TestUser> GuardAsync(DateOnly? validUntil)
    {
        var guard = await app.CreateUserAsync(InstitutionKind.SecurityPolice, [RoleCatalog.SecurityOfficer], [TrainingTopic.ShelterSecurity]);
        await DbAsync(db => db.Trainings.Where(t => t.UserId == guard.Id).ExecuteUpdateAsync(t => t.SetProperty(x => x.ValidUntil, validUntil)));
        return guard;
    }

    private GuardService.ShiftInput ShiftNow(Guid shelterId, TestUser guard)
    {
        var baku = app.Time.GetUtcNow().ToOffset(TimeSpan.FromHours(4));
        return new() { ShelterId = shelterId, Guard = guard.UserName, Day = DateOnly.FromDateTime(baku.DateTime), StartHour = baku.Hour, Hours = 8 };
    }

    private Task<Dictionary<string, string[]>?> AddShiftAsync(TestUser keeper, string role, GuardService.ShiftInput input) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<GuardService>().AddShiftAsync(CaseSteps.ViewerOf(keeper, role), [role], input));

    private Task<IReadOnlyList<GuardService.ShelterBoard>?> BoardAsync(TestUser guard) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<GuardService>().BoardAsync(CaseSteps.ViewerOf(guard, RoleCatalog.SecurityOfficer), GuardRoles));

    [Fact]
    public void The_guard_role_fits_the_Squad_and_police_with_security_functions_only_and_needs_current_training()
    {
        var today = new DateOnly(2026, 12, 1);
        TrainingRecord Record(DateOnly? until) => new() { Topic = TrainingTopic.ShelterSecurity, Course = "c", Provider = "p", CompletedOn = today.AddYears(-1), ValidUntil = until };
        var current = TrainingRecord.CurrentTopics([Record(today.AddDays(30))], today);
        Assert.Empty(RoleCatalog.Check(InstitutionKind.SecurityPolice, [RoleCatalog.SecurityOfficer], current, false));
        Assert.Empty(RoleCatalog.Check(InstitutionKind.AntiTraffickingSquad, [RoleCatalog.SecurityOfficer], current, false));
        Assert.Equal("Error_RoleDoesNotFitInstitution", Assert.Single(RoleCatalog.Check(InstitutionKind.Shelter, [RoleCatalog.SecurityOfficer], current, false)).MessageKey);
        // Expired, or recorded without a last day: refused at assignment like no training at all.
        Assert.Equal("Error_RoleNeedsTraining", Assert.Single(RoleCatalog.Check(InstitutionKind.SecurityPolice, [RoleCatalog.SecurityOfficer],
            TrainingRecord.CurrentTopics([Record(today.AddDays(-1))], today), false)).MessageKey);
        Assert.Equal("Error_RoleNeedsTraining", Assert.Single(RoleCatalog.Check(InstitutionKind.SecurityPolice, [RoleCatalog.SecurityOfficer],
            TrainingRecord.CurrentTopics([Record(null)], today), false)).MessageKey);
        Assert.DoesNotContain(AccessMatrix.RelationsFor([RoleCatalog.SecurityOfficer]), _ => true); // a guard never holds a case relation
    }

    [Fact]
    public async Task A_guard_without_current_training_is_refused_on_the_roster_and_a_lapsed_one_sees_nothing()
    {
        CultureInfo.CurrentUICulture = new("en");
        var (manager, shelterId, _, _) = await ShelterAsync(app, "1");
        var untrained = await GuardAsync(null);
        var expired = await GuardAsync(Today.AddDays(-1));
        foreach (var g in new[] { untrained, expired })
            Assert.Equal("This person cannot guard a shelter: they need the security officer role in the Squad or a police body with security functions, and valid shelter-security training.",
                Assert.Single((await AddShiftAsync(manager, RoleCatalog.ShelterManager, ShiftNow(shelterId, g)))!["Guard"]));
        Assert.Equal(0, await DbAsync(db => db.GuardShifts.CountAsync(s => s.ShelterId == shelterId)));

        // The Squad's chief keeps any shelter's roster; a trained guard on shift sees the board.
        var guard = await GuardAsync(Today.AddDays(1));
        Assert.Empty((await AddShiftAsync(await app.SquadChiefAsync(), RoleCatalog.SquadChief, ShiftNow(shelterId, guard)))!);
        Assert.NotNull(await BoardAsync(guard));
        // The training lapses while the shift is on: nothing from the next request on (deny by default at use).
        await DbAsync(db => db.Trainings.Where(t => t.UserId == guard.Id).ExecuteUpdateAsync(t => t.SetProperty(x => x.ValidUntil, Today.AddDays(-1))));
        Assert.Null(await BoardAsync(guard));
        // A social worker keeps no roster.
        Assert.Null(await AddShiftAsync(manager, RoleCatalog.SocialWorker, ShiftNow(shelterId, guard)));
    }

    [Fact]
    public async Task A_guard_on_shift_sees_only_the_chosen_names_of_who_is_expected_and_present_and_nobody_else_sees_anything()
    {
        CultureInfo.CurrentUICulture = new("en");
        var (manager, shelterId, _, address) = await ShelterAsync(app, "1", "2", "3");
        var placements = new List<(CaseService.CaseView Case, string? Alias)>();
        foreach (var (label, alias) in new[] { ("1", "Gülnar"), ("2", (string?)null) })
        {
            var (investigator, view) = await app.NewCaseAsync(CaseSteps.SampleInput("g" + label));
            await AcceptedByShelterAsync(app, investigator, view.Id, manager);
            Assert.Empty((await app.WithScopeAsync(sp => sp.GetRequiredService<PlacementService>().AdmitAsync(
                CaseSteps.ViewerOf(manager, RoleCatalog.ShelterManager), Manager, view.Id, BedAsync(shelterId, label).Result, alias)))!);
            placements.Add((view, alias));
        }
        // Someone on their way to the third bed, held by the Squad, with a hand-over arranged.
        Assert.Empty((await app.WithScopeAsync(sp => sp.GetRequiredService<ShelterService>().HoldAsync(CaseSteps.ViewerOf(manager, RoleCatalog.ShelterManager), Manager,
            shelterId, new() { Need = BedNeed.Woman }, 4)))!);
        var escort = await app.SquadInvestigatorAsync();
        var arranged = await app.WithScopeAsync(sp => sp.GetRequiredService<TransportService>().ArrangeAsync(CaseSteps.ViewerOf(manager, RoleCatalog.ShelterManager), Manager,
            new() { BedId = BedAsync(shelterId, "3").Result, EscortInstitutionId = escort.InstitutionId, MeetingPoint = "Gəncə avtovağzalı, 3-cü peron", Alias = "Səbinə" }));
        Assert.Empty(arranged!.Errors);

        var guard = await GuardAsync(Today.AddDays(90));
        Assert.Empty((await AddShiftAsync(manager, RoleCatalog.ShelterManager, ShiftNow(shelterId, guard)))!);
        var board = Assert.Single((await BoardAsync(guard))!);
        Assert.Equal(["Gülnar", "Resident 2"], board.Present.Select(p => p.Name));
        Assert.Equal("Səbinə", Assert.Single(board.Expected).Name);

        using var session = await app.SessionAsync(guard);
        var page = await session.GetAsync("/Accommodation/Guard");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(["Gülnar", "Resident 2"], page.Document.QuerySelectorAll("[data-present-name]").Select(e => e.TextContent.Trim()));
        foreach (var (view, _) in placements)
        {
            Assert.DoesNotContain(view.Number, page.Html, StringComparison.Ordinal);
            Assert.DoesNotContain(view.Id.ToString(), page.Html, StringComparison.Ordinal);
        }
        foreach (var leak in new[] { "Qəmbərova", "Zülfiyyə", "1998", "12.04", address, "Gəncə avtovağzalı", "/Cases/" })
            Assert.DoesNotContain(leak, page.Html, StringComparison.Ordinal);

        // Off shift, or on shift elsewhere: nothing.
        var other = await ShelterAsync(app, "x");
        var elsewhere = await GuardAsync(Today.AddDays(90));
        Assert.Empty((await AddShiftAsync(other.Manager, RoleCatalog.ShelterManager, ShiftNow(other.ShelterId, elsewhere)))!);
        var otherBoard = Assert.Single((await BoardAsync(elsewhere))!);
        Assert.Empty(otherBoard.Present);
        Assert.Empty(otherBoard.Expected);
        var offShift = await GuardAsync(Today.AddDays(90));
        Assert.Null(await BoardAsync(offShift));
        using var off = await app.SessionAsync(offShift);
        Assert.Equal(HttpStatusCode.NotFound, (await off.GetAsync("/Accommodation/Guard")).Status);
        // The shift ends: the board closes with it.
        app.Time.Advance(TimeSpan.FromHours(9));
        Assert.Null(await BoardAsync(guard));
    }

    [Fact]
    public async Task A_hand_over_code_confirms_once_and_wrong_reused_or_expired_codes_are_refused()
    {
        CultureInfo.CurrentUICulture = new("en");
        var (manager, shelterId, _, address) = await ShelterAsync(app, "1", "2");
        var staff = CaseSteps.ViewerOf(manager, RoleCatalog.ShelterManager);
        Assert.Empty((await app.WithScopeAsync(sp => sp.GetRequiredService<ShelterService>().HoldAsync(staff, Manager, shelterId, new() { Need = BedNeed.Woman }, 24)))!);
        Assert.Empty((await app.WithScopeAsync(sp => sp.GetRequiredService<ShelterService>().HoldAsync(staff, Manager, shelterId, new() { Need = BedNeed.Woman }, 24)))!);
        var escort = await app.BorderOfficerAsync();
        Task<TransportService.Arranged?> ArrangeAsync(string bed, string meeting) => app.WithScopeAsync(async sp =>
            await sp.GetRequiredService<TransportService>().ArrangeAsync(staff, Manager, new() { BedId = await BedAsync(shelterId, bed), EscortInstitutionId = escort.InstitutionId, MeetingPoint = meeting }));
        Task<Dictionary<string, string[]>?> ConfirmAsync(Guid id, string code) =>
            app.WithScopeAsync(sp => sp.GetRequiredService<TransportService>().ConfirmAsync(staff, Manager, id, code));

        // The meeting point is never the shelter's address.
        Assert.Equal("The meeting point must not be the shelter's address: the escort never learns it.",
            Assert.Single((await ArrangeAsync("1", "Qapı: " + address))!.Errors["MeetingPoint"]));
        var first = await ArrangeAsync("1", "Astara sərhəd məntəqəsi");
        Assert.Empty(first!.Errors);
        var code = first.Code!;
        var stored = await DbAsync(db => db.TransportHandovers.AsNoTracking().SingleAsync(t => t.ShelterId == shelterId));
        Assert.Equal(32, stored.CodeHash.Length);
        Assert.DoesNotContain(code, System.Text.Encoding.UTF8.GetString(stored.CodeHash), StringComparison.Ordinal);
        Assert.DoesNotContain("Astara", System.Text.Encoding.UTF8.GetString(stored.MeetingPointEnc!), StringComparison.Ordinal);

        Assert.Equal("The code is not right. Attempts left: 4.", Assert.Single((await ConfirmAsync(stored.Id, "AAAA-AAAA"))!["Code"]));
        Assert.Null(await DbAsync(db => db.TransportHandovers.Where(t => t.Id == stored.Id).Select(t => t.ConfirmedAt).SingleAsync()));
        Assert.Empty((await ConfirmAsync(stored.Id, TransportService.Display(code).ToLowerInvariant()))!);
        var confirmed = await DbAsync(db => db.TransportHandovers.AsNoTracking().SingleAsync(t => t.Id == stored.Id));
        Assert.NotNull(confirmed.ConfirmedAt);
        Assert.Equal(1, confirmed.FailedAttempts);
        Assert.Equal("This code has already been used: the hand-over was confirmed before.", Assert.Single((await ConfirmAsync(stored.Id, code))!["Code"]));
        Assert.Equal(1, await DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == AccommodationAudit.TransportConfirmed.Code && e.TargetId == stored.Id && e.Outcome == "allowed")));

        // Expired: refused even with the right code. Another shelter's staff cannot even try.
        var second = await ArrangeAsync("2", "Bakı dəmir yolu vağzalı");
        var secondId = await DbAsync(db => db.TransportHandovers.Where(t => t.ShelterId == shelterId && t.ConfirmedAt == null).Select(t => t.Id).SingleAsync());
        var stranger = await ShelterAsync(app);
        Assert.Null(await app.WithScopeAsync(sp => sp.GetRequiredService<TransportService>().ConfirmAsync(CaseSteps.ViewerOf(stranger.Manager, RoleCatalog.ShelterManager), Manager, secondId, second!.Code)));
        app.Time.Advance(TransportHandover.Lifetime + TimeSpan.FromMinutes(1));
        Assert.Equal("This code has expired. Arrange a new hand-over.", Assert.Single((await ConfirmAsync(secondId, second!.Code!))!["Code"]));
        Assert.Null(await DbAsync(db => db.TransportHandovers.Where(t => t.Id == secondId).Select(t => t.ConfirmedAt).SingleAsync()));
    }

    [Fact]
    public async Task The_referrer_reads_placement_confirmed_with_the_day_but_no_shelter_and_no_address()
    {
        var (manager, shelterId, name, address) = await ShelterAsync(app, "1");
        var duty = await app.DutyOfficerAsync();
        var investigator = await app.SquadInvestigatorAsync();
        var officer = await app.BorderOfficerAsync();
        var referral = await app.ReferAsync(officer, ReferralSteps.SampleReferral("plc"));
        var (outcome, caseId, _) = await app.WithScopeAsync(sp => sp.GetRequiredService<ReferralDispatch>()
            .DispatchAsync(CaseSteps.ViewerOf(duty, RoleCatalog.DutyOfficer), referral.Id, investigator.UserName, null));
        Assert.Equal(ReferralActionOutcome.Done, outcome);
        using var session = await app.SessionAsync(officer);
        var before = await session.GetAsync($"/Referrals/Detail/{referral.Id}");
        Assert.Equal(HttpStatusCode.OK, before.Status);
        Assert.Null(before.Document.QuerySelector("[data-placement-confirmed]"));

        await AcceptedByShelterAsync(app, investigator, caseId!.Value, manager);
        Assert.Empty((await app.WithScopeAsync(sp => sp.GetRequiredService<PlacementService>().AdmitAsync(
            CaseSteps.ViewerOf(manager, RoleCatalog.ShelterManager), Manager, caseId.Value, BedAsync(shelterId, "1").Result, "Leyla")))!);

        var page = await session.GetAsync($"/Referrals/Detail/{referral.Id}");
        Assert.StartsWith("Placement confirmed on ", page.Document.QuerySelector("[data-placement-confirmed]")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain(name, page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(address, page.Html, StringComparison.Ordinal);
        var notice = Assert.Single(await DbAsync(db => db.Notifications.AsNoTracking().Where(n => n.Kind == AccommodationAudit.PlacementConfirmedNotice.Code && n.RecipientUserId == officer.Id).ToListAsync()));
        Assert.Equal(referral.Number, notice.CaseNumber);
        Assert.Null(notice.CaseId);
        var notices = await session.GetAsync("/Notifications");
        Assert.Contains("Placement confirmed for your referral " + referral.Number, notices.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(address, notices.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(name, notices.Html, StringComparison.Ordinal);
    }
}

// On SQLite only: what this class tests (HTTP, settings, page plumbing) does not depend on the database; the sweep of every
// handler (SweepTests) runs its pages on PostgreSQL too.
public sealed class GuardTestsOnSqlite(SqliteApp app) : GuardTests(app), IClassFixture<SqliteApp>;
