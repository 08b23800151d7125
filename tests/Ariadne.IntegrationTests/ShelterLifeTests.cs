using System.Globalization;
using System.Net;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Accommodation;
using Ariadne.Web.Features.Protection;
using Ariadne.Web.Features.Services;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>
/// Life in a shelter (issue 13): the conditions and their inspections, and a shelter that is never a place of confinement —
/// neutral comings and goings, house rules in the resident's language, no assistance conditional on cooperation, and a
/// complaints channel that bypasses the shelter's staff and reaches oversight only.
/// </summary>
public abstract class ShelterLifeTests(AriadneApp app)
{
    private static readonly string[] Manager = [RoleCatalog.ShelterManager];
    private static readonly string[] Coordinator = [RoleCatalog.Coordinator];
    private static readonly string[] Auditor = [RoleCatalog.Auditor];
    private static readonly string[] Investigator = [RoleCatalog.Investigator];

    private const string NotConditional = "Assistance cannot depend on cooperating with the investigation (plan §6, CoE Convention art. 12 §6).";

    private Task<T> DbAsync<T>(Func<AriadneDbContext, Task<T>> query) => app.WithScopeAsync(sp => query(sp.GetRequiredService<AriadneDbContext>()));

    private Task<T> With<TService, T>(Func<TService, Task<T>> call) where TService : notnull => app.WithScopeAsync(sp => call(sp.GetRequiredService<TService>()));

    private sealed record Setup(TestUser Manager, Guid ShelterId, string Name, string Address, TestUser Investigator, Guid CaseId, Viewer Shelter, Viewer Squad);

    /// <summary>A shelter with one bed, and a case placed in it through the accepted onward referral (Care shared).</summary>
    private async Task<Setup> PlacedAsync(bool place = true)
    {
        var manager = await app.ShelterManagerAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (name, address) = ("Ev " + tag, "Gizli küçə " + tag);
        var shelter = CaseSteps.ViewerOf(manager, RoleCatalog.ShelterManager);
        Assert.Empty((await With<ShelterService, Dictionary<string, string[]>?>(s => s.SaveShelterAsync(shelter, Manager, null,
            new() { Name = name, Ownership = ShelterOwnership.Ngo, Languages = "az,ru", Address = address })))!);
        var shelterId = await DbAsync(db => db.Shelters.Where(s => s.Name == name).Select(s => s.Id).SingleAsync());
        Assert.Empty((await With<ShelterService, Dictionary<string, string[]>?>(s => s.AddBedAsync(shelter, Manager, new() { ShelterId = shelterId, Label = "1", Restriction = BedRestriction.Women })))!);
        var (investigator, view) = await app.NewCaseAsync(CaseSteps.SampleInput("life" + tag));
        var squad = CaseSteps.ViewerOf(investigator, RoleCatalog.Investigator);
        if (place)
        {
            await app.WithScopeAsync(async sp =>
            {
                Assert.Empty((await sp.GetRequiredService<ConsentService>().RecordConsentAsync(squad, view.Id, new() { Purposes = [ConsentPurpose.Services, ConsentPurpose.DataSharing], RecipientInstitutionId = manager.InstitutionId, Form = ConsentForm.Written, GivenOn = DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime) }))!);
                Assert.Empty((await sp.GetRequiredService<OnwardService>().SendAsync(squad, view.Id, new() { Relation = Relation.Shelter, RecipientInstitutionId = manager.InstitutionId, Share = [DataClass.Identity, DataClass.Care] }))!);
            });
            var onwardId = await DbAsync(db => db.OnwardReferrals.Where(o => o.CaseId == view.Id).Select(o => o.Id).SingleAsync());
            Assert.True(await With<OnwardService, bool>(s => s.AnswerAsync(shelter, onwardId, OnwardService.Answer.Accept)));
            var bedId = await DbAsync(db => db.Beds.Where(b => b.ShelterId == shelterId).Select(b => b.Id).SingleAsync());
            Assert.Empty((await With<PlacementService, Dictionary<string, string[]>?>(s => s.AdmitAsync(shelter, Manager, view.Id, bedId)))!);
        }
        return new Setup(manager, shelterId, name, address, investigator, view.Id, shelter, squad);
    }

    [Fact]
    public async Task Two_shelters_of_one_name_are_counted_apart_for_the_Coordinator()
    {
        CultureInfo.CurrentUICulture = new("en");
        var coordinator = CaseSteps.ViewerOf(await app.CreateUserAsync(InstitutionKind.NationalCoordinator, [RoleCatalog.Coordinator]), RoleCatalog.Coordinator);
        var name = "Namesake " + Guid.NewGuid().ToString("N")[..8];
        foreach (var manager in new[] { await app.ShelterManagerAsync(), await OtherShelterManagerAsync() })
        {
            var viewer = CaseSteps.ViewerOf(manager, RoleCatalog.ShelterManager);
            ShelterService.ShelterInput Input() => new() { Name = name, Ownership = ShelterOwnership.Ngo, Languages = "az", Address = "Gizli küçə " + Guid.NewGuid().ToString("N")[..8] };
            Assert.Empty((await With<ShelterService, Dictionary<string, string[]>?>(s => s.SaveShelterAsync(viewer, Manager, null, Input())))!);
            // The same name twice in one institution is an error by field (it was the unique index's 500).
            Assert.Equal("Your institution already has a shelter with this name.",
                (await With<ShelterService, Dictionary<string, string[]>?>(s => s.SaveShelterAsync(viewer, Manager, null, Input())))!["Name"].Single());
            var shelterId = await DbAsync(db => db.Shelters.Where(s => s.Name == name && s.InstitutionId == manager.InstitutionId).Select(s => s.Id).SingleAsync());
            var input = AllMet(Today);
            input.Results[nameof(ShelterCondition.Telephone)] = nameof(ConditionResult.NotMet);
            input.FollowUpAction = "Repair the telephone";
            input.FollowUpDue = Today.AddDays(14);
            Assert.Empty((await With<InspectionService, Dictionary<string, string[]>?>(x => x.RecordAsync(coordinator, Coordinator, shelterId, input)))!);
        }
        var rows = await With<InspectionService, IReadOnlyList<(string Shelter, int Count)>>(x => x.OpenFailedByShelterAsync());
        Assert.Equal([1, 1], rows.Where(r => r.Shelter == name).Select(r => r.Count));
    }

    /// <summary>The manager of another shelter: a user of a second shelter institution.</summary>
    private async Task<TestUser> OtherShelterManagerAsync()
    {
        var user = await app.ShelterManagerAsync();
        var other = await DbAsync(async db =>
        {
            var institution = new Institution { Name = "Other shelter " + user.UserName, Code = "OS-" + user.UserName, Kind = InstitutionKind.Shelter, CreatedAt = app.Time.GetUtcNow() };
            db.Institutions.Add(institution);
            await db.SaveChangesAsync();
            var row = await db.Users.FirstAsync(u => u.Id == user.Id);
            row.InstitutionId = institution.Id;
            await db.SaveChangesAsync();
            return institution.Id;
        });
        return user with { InstitutionId = other };
    }

    private static InspectionService.InspectionInput AllMet(DateOnly on) => new()
    {
        On = on,
        Results = InspectionService.PlanConditions.Concat(InspectionService.ConventionConditions).ToDictionary(c => c.ToString(), _ => (string?)nameof(ConditionResult.Met)),
    };

    /// <summary>A post the page does not offer to this user (a forged form), with the user's own antiforgery token.</summary>
    private static async Task<WebSession.Page> ForgeAsync(WebSession session, WebSession.Page page, string handler, Dictionary<string, string> values)
    {
        var token = page.Document.QuerySelector("input[name='__csrf']")!.GetAttribute("value")!;
        var fields = values.Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value)).Append(new("__csrf", token));
        var response = await session.Client.PostAsync(page.Url + "&handler=" + handler, new FormUrlEncodedContent(fields));
        return await session.FollowAsync(response);
    }

    private DateOnly Today => DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime);

    [Fact]
    public async Task A_failed_condition_is_told_to_the_Coordinator_and_counted_on_their_home_until_followed_up()
    {
        CultureInfo.CurrentUICulture = new("en");
        var s = await PlacedAsync(place: false);
        var coordinatorUser = await app.CreateUserAsync(InstitutionKind.NationalCoordinator, [RoleCatalog.Coordinator]);
        var coordinator = CaseSteps.ViewerOf(coordinatorUser, RoleCatalog.Coordinator);
        var notices = await DbAsync(db => db.Notifications.CountAsync(n => n.Kind == AccommodationAudit.ConditionFailedNotice.Code));

        var input = AllMet(Today);
        input.Results[nameof(ShelterCondition.Telephone)] = nameof(ConditionResult.NotMet);
        input.Results[nameof(ShelterCondition.EducationForChildren)] = nameof(ConditionResult.NotApplicable);
        input.Findings = "The payphone in the hall is broken";
        input.FollowUpAction = "Repair the telephone";
        input.FollowUpDue = Today.AddDays(14);
        Assert.Empty((await With<InspectionService, Dictionary<string, string[]>?>(x => x.RecordAsync(coordinator, Coordinator, s.ShelterId, input)))!);

        // The notice is the Coordinator's role's, with no case, no person, no address.
        var notice = await DbAsync(db => db.Notifications.Where(n => n.Kind == AccommodationAudit.ConditionFailedNotice.Code).OrderByDescending(n => n.CreatedAt).FirstAsync());
        Assert.Equal(notices + 1, await DbAsync(db => db.Notifications.CountAsync(n => n.Kind == AccommodationAudit.ConditionFailedNotice.Code)));
        Assert.Equal((RoleCatalog.Coordinator, (Guid?)null, (Guid?)null, (string?)null, (Guid?)null), (notice.RecipientRole, notice.RecipientInstitutionId, notice.CaseId, notice.CaseNumber, notice.RecipientUserId));
        var stored = await DbAsync(db => db.ShelterInspections.AsNoTracking().SingleAsync(i => i.ShelterId == s.ShelterId));
        Assert.False(stored.SelfAssessment);
        Assert.DoesNotContain("payphone", System.Text.Encoding.UTF8.GetString(stored.FindingsEnc!), StringComparison.Ordinal);

        // The home card: the shelter's name and its count, never the address.
        using (var home = await app.SessionAsync(coordinatorUser))
        {
            var card = (await home.GetAsync("/")).Document.QuerySelector("[data-home-panel='failed-conditions']");
            Assert.NotNull(card);
            Assert.Contains($"{s.Name}: 1", card.TextContent, StringComparison.Ordinal);
            Assert.DoesNotContain(s.Address, card.TextContent, StringComparison.Ordinal);
        }

        // The shelter's own staff read it (findings included) and may add a self-assessment, but not close the inspector's follow-up.
        var own = await With<InspectionService, InspectionService.ShelterConditions?>(x => x.ReadAsync(s.Shelter, Manager, s.ShelterId));
        Assert.Equal("The payphone in the hall is broken", Assert.Single(own!.Inspections).Findings);
        Assert.False(own.Inspections[0].CanClose);
        Assert.False(await With<InspectionService, bool>(x => x.CloseAsync(s.Shelter, Manager, stored.Id)));

        // The staff of another shelter and the Squad neither see nor record it (page 404 or forbidden, service null).
        var other = await OtherShelterManagerAsync();
        var otherViewer = CaseSteps.ViewerOf(other, RoleCatalog.ShelterManager);
        Assert.Null(await With<InspectionService, InspectionService.ShelterConditions?>(x => x.ReadAsync(otherViewer, Manager, s.ShelterId)));
        Assert.Null(await With<InspectionService, Dictionary<string, string[]>?>(x => x.RecordAsync(otherViewer, Manager, s.ShelterId, AllMet(Today))));
        Assert.Null(await With<InspectionService, Dictionary<string, string[]>?>(x => x.RecordAsync(s.Squad, Investigator, s.ShelterId, AllMet(Today))));
        Assert.DoesNotContain(await With<InspectionService, IReadOnlyList<InspectionService.ShelterRow>?>(x => x.ListAsync(otherViewer, Manager)) ?? [], r => r.Id == s.ShelterId);
        using (var otherSession = await app.SessionAsync(other))
            Assert.Equal(HttpStatusCode.NotFound, (await otherSession.GetAsync($"/Accommodation/Conditions?id={s.ShelterId}")).Status);
        using (var squad = await app.SessionAsync(s.Investigator))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await squad.GetAsync($"/Accommodation/Conditions?id={s.ShelterId}")).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await squad.GetAsync("/Accommodation/Conditions")).Status);
        }
        Assert.Equal(1, await DbAsync(db => db.ShelterInspections.CountAsync(i => i.ShelterId == s.ShelterId)));

        // Closing the follow-up takes the condition off the count.
        Assert.True(await With<InspectionService, bool>(x => x.CloseAsync(coordinator, Coordinator, stored.Id)));
        Assert.DoesNotContain(await With<InspectionService, IReadOnlyList<(string Shelter, int Count)>>(x => x.OpenFailedByShelterAsync()), r => r.Shelter == s.Name);
    }

    [Fact]
    public async Task The_inspection_form_names_each_unanswered_condition_and_saves_nothing()
    {
        CultureInfo.CurrentUICulture = new("en");
        var s = await PlacedAsync(place: false);
        using var manager = await app.SessionAsync(s.Manager);
        var page = await manager.GetAsync($"/Accommodation/Conditions?id={s.ShelterId}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var values = InspectionService.PlanConditions.Concat(InspectionService.ConventionConditions).ToDictionary(c => "Inspection." + c, _ => nameof(ConditionResult.Met));
        values.Remove("Inspection." + ShelterCondition.Telephone);
        values["Inspection." + ShelterCondition.Confidentiality] = nameof(ConditionResult.NotMet);
        var bad = await manager.SubmitAsync(page, "form[action*='handler=Inspection']", values);
        Assert.Equal("Say whether this condition is met: Access to a telephone.", bad.FieldError("Inspection_Telephone"));
        Assert.Equal("A condition is not met: enter the follow-up action.", bad.FieldError("Inspection_FollowUpAction"));
        Assert.NotNull(bad.FieldError("Inspection_FollowUpDue"));
        Assert.Equal(0, await DbAsync(db => db.ShelterInspections.CountAsync(i => i.ShelterId == s.ShelterId)));

        // Answered in full, it is the manager's self-assessment.
        values["Inspection." + ShelterCondition.Telephone] = nameof(ConditionResult.Met);
        values["Inspection.FollowUpAction"] = "Lock the filing cabinet";
        var due = Today.AddDays(7);
        (values["Inspection.FollowUpDue.Day"], values["Inspection.FollowUpDue.Month"], values["Inspection.FollowUpDue.Year"]) = (due.Day.ToString(CultureInfo.InvariantCulture), due.Month.ToString(CultureInfo.InvariantCulture), due.Year.ToString(CultureInfo.InvariantCulture));
        var saved = await manager.SubmitAsync(page, "form[action*='handler=Inspection']", values);
        Assert.Contains("The inspection is recorded.", saved.Text, StringComparison.Ordinal);
        Assert.True(await DbAsync(db => db.ShelterInspections.Where(i => i.ShelterId == s.ShelterId).Select(i => i.SelfAssessment).SingleAsync()));
        Assert.Equal("1", saved.Document.QuerySelector("[data-inspection]")?.GetAttribute("data-failed"));
    }

    [Fact]
    public async Task Comings_and_goings_are_recorded_by_the_shelters_own_staff_only_and_shown_to_them_only()
    {
        CultureInfo.CurrentUICulture = new("en");
        var s = await PlacedAsync();
        using var home = await app.SessionAsync(s.Manager);
        var page = await home.GetAsync($"/Cases/Accommodation?id={s.CaseId}");
        Assert.NotNull(page.Document.QuerySelector("[data-resident-life]"));

        // Bad input: the fields are named, nothing saved.
        var bad = await home.SubmitAsync(page, "form[action*='handler=Movement']", new Dictionary<string, string> { ["Movement.Time"] = "25:99" });
        Assert.Equal("Choose whether the resident went out or came back.", bad.FieldError("Movement_Direction"));
        Assert.Equal("Enter the time as hours and minutes, for example 14:30.", bad.FieldError("Movement_Time"));
        Assert.Equal(0, await DbAsync(db => db.Movements.CountAsync(m => m.CaseId == s.CaseId)));

        var went = await home.SubmitAsync(page, "form[action*='handler=Movement']", new Dictionary<string, string> { ["Movement.Direction"] = "WentOut", ["Movement.Note"] = "To the market" });
        Assert.Contains("Recorded.", went.Text, StringComparison.Ordinal);
        Assert.Contains("Went out", went.Document.QuerySelector("[data-movements]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("To the market", went.Document.QuerySelector("[data-movements]")!.TextContent, StringComparison.Ordinal);
        var stored = await DbAsync(db => db.Movements.AsNoTracking().SingleAsync(m => m.CaseId == s.CaseId));
        Assert.Equal(MovementDirection.WentOut, stored.Direction);
        Assert.DoesNotContain("market", System.Text.Encoding.UTF8.GetString(stored.NoteEnc!), StringComparison.Ordinal);

        // The Squad sees the case but not the movements, and its forged post is refused (404) and saves nothing.
        using var squad = await app.SessionAsync(s.Investigator);
        var squadPage = await squad.GetAsync($"/Cases/Accommodation?id={s.CaseId}");
        Assert.Equal(HttpStatusCode.OK, squadPage.Status);
        Assert.Null(squadPage.Document.QuerySelector("[data-movements]"));
        Assert.Null(squadPage.Document.QuerySelector("form[action*='handler=Movement']"));
        var forged = await ForgeAsync(squad, squadPage, "Movement", new Dictionary<string, string> { ["Movement.Direction"] = "CameBack", ["Movement.Time"] = "10:00" });
        Assert.Equal(HttpStatusCode.NotFound, forged.Status);
        var now = app.Time.GetUtcNow();
        var input = new ResidentService.MovementInput { Direction = MovementDirection.CameBack, On = DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(4)).DateTime), Time = now.ToOffset(TimeSpan.FromHours(4)).ToString("HH:mm", CultureInfo.InvariantCulture) };
        Assert.Null(await With<ResidentService, Dictionary<string, string[]>?>(x => x.RecordMovementAsync(s.Squad, Investigator, s.CaseId, input)));

        // Another shelter's staff, and someone with no part in the case, cannot even see it.
        var other = await OtherShelterManagerAsync();
        Assert.Null(await With<ResidentService, Dictionary<string, string[]>?>(x => x.RecordMovementAsync(CaseSteps.ViewerOf(other, RoleCatalog.ShelterManager), Manager, s.CaseId, input)));
        using (var otherSession = await app.SessionAsync(other))
            Assert.Equal(HttpStatusCode.NotFound, (await otherSession.GetAsync($"/Cases/Accommodation?id={s.CaseId}")).Status);
        Assert.Equal(1, await DbAsync(db => db.Movements.CountAsync(m => m.CaseId == s.CaseId)));

        // The shelter's staff record the return.
        Assert.Empty((await With<ResidentService, Dictionary<string, string[]>?>(x => x.RecordMovementAsync(s.Shelter, Manager, s.CaseId, input)))!);
        Assert.Equal(2, await DbAsync(db => db.Movements.CountAsync(m => m.CaseId == s.CaseId)));
    }

    [Fact]
    public void A_shelter_has_no_locked_state_no_curfew_and_no_words_of_escape()
    {
        string[] forbidden = ["lock", "curfew", "confine", "abscond", "escape", "detain", "permission"];
        var types = typeof(Placement).Assembly.GetTypes().Where(t => t.Namespace == typeof(Placement).Namespace).ToList();
        Assert.Contains(typeof(Movement), types);
        var names = types.SelectMany(t => t.GetProperties().Select(p => t.Name + "." + p.Name)
                .Concat(t.IsEnum ? Enum.GetNames(t).Select(n => t.Name + "." + n) : []))
            .ToList();
        Assert.True(names.Count > 50);
        Assert.DoesNotContain(names, n => forbidden.Any(f => n.Contains(f, StringComparison.OrdinalIgnoreCase)));
        // Nor do the movements' words speak of escape.
        var en = typeof(Placement).Assembly.GetManifestResourceNames();
        Assert.NotEmpty(en);
        var text = new System.Resources.ResourceManager("Ariadne.Web.Resources.SharedResource", typeof(Placement).Assembly);
        foreach (var d in Enum.GetNames<MovementDirection>())
        {
            var words = text.GetString("MovementDirection_" + d, new CultureInfo("en"))!;
            Assert.DoesNotContain("absc", words, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("escap", words, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task House_rules_are_acknowledged_only_in_a_language_the_shelter_has_them_in()
    {
        CultureInfo.CurrentUICulture = new("en");
        var s = await PlacedAsync();
        // Saving: at least one language; another shelter's manager cannot.
        var empty = await With<InspectionService, Dictionary<string, string[]>?>(x => x.SaveRulesAsync(s.Shelter, Manager, s.ShelterId, new()));
        Assert.Equal("Enter the house rules in at least one language.", Assert.Single(empty!["Az"]));
        var other = await OtherShelterManagerAsync();
        Assert.Null(await With<InspectionService, Dictionary<string, string[]>?>(x => x.SaveRulesAsync(CaseSteps.ViewerOf(other, RoleCatalog.ShelterManager), Manager, s.ShelterId, new() { En = "Be kind" })));
        Assert.Null(await DbAsync(db => db.Shelters.Where(x => x.Id == s.ShelterId).Select(x => x.HouseRulesEn).SingleAsync()));
        Assert.Empty((await With<InspectionService, Dictionary<string, string[]>?>(x => x.SaveRulesAsync(s.Shelter, Manager, s.ShelterId, new() { Az = "Bir-birinə hörmət edin.", En = "Respect one another." })))!);

        // No Russian text: acknowledging in Russian is refused by field, nothing saved (a forged post too).
        using var home = await app.SessionAsync(s.Manager);
        var page = await home.GetAsync($"/Cases/Accommodation?id={s.CaseId}");
        Assert.Equal(2, page.Document.QuerySelectorAll("form[action*='handler=Acknowledge'] input[name='Acknowledge.Language']").Length);
        var bad = await home.SubmitAsync(page, "form[action*='handler=Acknowledge']", new Dictionary<string, string> { ["Acknowledge.Language"] = "ru" });
        Assert.Equal("Choose a language the shelter has its house rules in.", bad.FieldError("Acknowledge_Language"));
        Assert.Null(await DbAsync(db => db.Placements.Where(p => p.CaseId == s.CaseId).Select(p => p.HouseRulesAcknowledgedAt).SingleAsync()));

        var done = await home.SubmitAsync(page, "form[action*='handler=Acknowledge']", new Dictionary<string, string> { ["Acknowledge.Language"] = "az" });
        Assert.Contains("The acknowledgement is recorded.", done.Text, StringComparison.Ordinal);
        Assert.Contains("Acknowledged in", done.Document.QuerySelector("[data-rules-status]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("az", await DbAsync(db => db.Placements.Where(p => p.CaseId == s.CaseId).Select(p => p.HouseRulesLanguage).SingleAsync()));
    }

    [Fact]
    public async Task A_forged_post_making_the_stay_conditional_on_cooperation_is_refused_saves_nothing_and_is_flagged_to_oversight()
    {
        CultureInfo.CurrentUICulture = new("en");
        var s = await PlacedAsync();
        var before = await DbAsync(db => db.Notifications.CountAsync(n => n.Kind == ProtectionAudit.ConditionalAssistanceNotice.Code));
        using var home = await app.SessionAsync(s.Manager);
        var page = await home.GetAsync($"/Cases/Accommodation?id={s.CaseId}");
        var forged = await home.SubmitAsync(page, "form[action*='handler=Conditions']", new Dictionary<string, string> { ["Conditions.Conditions"] = WebSession.Many("RespectsHouseRules", "CooperatesWithInvestigation") });
        Assert.Equal(NotConditional, forged.FieldError("Conditions_Conditions"));
        Assert.Equal("", await DbAsync(db => db.Placements.Where(p => p.CaseId == s.CaseId).Select(p => p.Conditions).SingleAsync()));
        var flagged = await DbAsync(db => db.AuditEvents.AsNoTracking().Where(e => e.Action == ProtectionAudit.ConditionalAssistanceRefused.Code && e.CaseId == s.CaseId).ToListAsync());
        Assert.Equal(s.Manager.Id, Assert.Single(flagged).ActorUserId);
        Assert.Equal("denied", flagged[0].Outcome, ignoreCase: true);
        var notices = await DbAsync(db => db.Notifications.Where(n => n.Kind == ProtectionAudit.ConditionalAssistanceNotice.Code).OrderByDescending(n => n.CreatedAt).Take(2).ToListAsync());
        Assert.Equal(before + 2, await DbAsync(db => db.Notifications.CountAsync(n => n.Kind == ProtectionAudit.ConditionalAssistanceNotice.Code)));
        Assert.Equal([RoleCatalog.Auditor, RoleCatalog.Coordinator], notices.Select(n => n.RecipientRole!).Order(StringComparer.Ordinal));
        Assert.All(notices, n => Assert.True(n.CaseId is null && n.CaseNumber is null && n.RecipientInstitutionId is null));

        // In Russian words through the service, and from the Squad (not even the shelter's staff): refused and flagged too.
        var ru = await With<ResidentService, Dictionary<string, string[]>?>(x => x.SetConditionsAsync(s.Squad, Investigator, s.CaseId, new() { Conditions = ["Даёт показания полиции"] }));
        Assert.Equal(NotConditional, Assert.Single(ru!["Conditions"]));
        Assert.Equal(2, await DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == ProtectionAudit.ConditionalAssistanceRefused.Code && e.CaseId == s.CaseId)));

        // An unknown value is refused without a flag; the allowed ones are saved.
        var unknown = await home.SubmitAsync(page, "form[action*='handler=Conditions']", new Dictionary<string, string> { ["Conditions.Conditions"] = "PaysRent" });
        Assert.Equal("Choose conditions from the list only.", unknown.FieldError("Conditions_Conditions"));
        Assert.Equal(2, await DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == ProtectionAudit.ConditionalAssistanceRefused.Code && e.CaseId == s.CaseId)));
        var saved = await home.SubmitAsync(page, "form[action*='handler=Conditions']", new Dictionary<string, string> { ["Conditions.Conditions"] = WebSession.Many("KeepsMedicalAppointments", "RespectsHouseRules") });
        Assert.Contains("Keeps medical appointments", saved.Document.QuerySelector("[data-stay-conditions]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("RespectsHouseRules,KeepsMedicalAppointments", await DbAsync(db => db.Placements.Where(p => p.CaseId == s.CaseId).Select(p => p.Conditions).SingleAsync()));
    }

    [Fact]
    public async Task A_service_referral_conditional_on_testimony_is_refused_by_the_same_rule_and_flagged()
    {
        CultureInfo.CurrentUICulture = new("en");
        var (investigator, view) = await app.NewCaseAsync(CaseSteps.SampleInput("svc-cond"));
        var squad = CaseSteps.ViewerOf(investigator, RoleCatalog.Investigator);
        var provider = await app.CreateUserAsync(InstitutionKind.ServiceProvider, [RoleCatalog.ServiceProfessional]);
        ServicePlanService.ReferInput Input(params string?[] conditions) => new()
        {
            Type = ServiceType.Psychological,
            ProviderInstitutionId = provider.InstitutionId,
            Share = [DataClass.Care],
            Conditions = [.. conditions],
        };
        var refused = await With<ServicePlanService, Dictionary<string, string[]>?>(x => x.ReferAsync(squad, view.Id, Input("Testifies in court against the trafficker")));
        Assert.Equal(NotConditional, Assert.Single(refused!["Conditions"]));
        var allowed = await With<ServicePlanService, Dictionary<string, string[]>?>(x => x.ReferAsync(squad, view.Id, Input(nameof(AssistanceCondition.KeepsMedicalAppointments))));
        Assert.Equal("A service is never conditional: leave the conditions empty.", Assert.Single(allowed!["Conditions"]));
        Assert.Equal(0, await DbAsync(db => db.ServiceReferrals.CountAsync(r => r.CaseId == view.Id)));
        Assert.Equal(0, await DbAsync(db => db.OnwardReferrals.CountAsync(r => r.CaseId == view.Id)));
        Assert.Single(await DbAsync(db => db.AuditEvents.Where(e => e.Action == ProtectionAudit.ConditionalAssistanceRefused.Code && e.CaseId == view.Id).ToListAsync()));
    }

    [Fact]
    public async Task A_complaint_recorded_by_a_worker_outside_the_shelter_reaches_oversight_only()
    {
        CultureInfo.CurrentUICulture = new("en");
        var s = await PlacedAsync();
        var auditorUser = await app.CreateUserAsync(InstitutionKind.Oversight, [RoleCatalog.Auditor]);
        var before = await DbAsync(db => db.Notifications.CountAsync(n => n.Kind == AccommodationAudit.ComplaintNotice.Code));
        const string words = "The night guard shouts at us";

        // The shelter's own staff have no form and no path; a worker outside the shelter does.
        Assert.Null(await With<ResidentService, Dictionary<string, string[]>?>(x => x.ComplainAsync(s.Shelter, Manager, s.CaseId, new() { Text = words })));
        using var squad = await app.SessionAsync(s.Investigator);
        var page = await squad.GetAsync($"/Cases/Accommodation?id={s.CaseId}");
        var empty = await squad.SubmitAsync(page, "form[action*='handler=Complain']", new Dictionary<string, string> { ["Complaint.Text"] = " " });
        Assert.Equal("Enter the complaint.", empty.FieldError("Complaint_Text"));
        Assert.Equal(0, await DbAsync(db => db.ResidentComplaints.CountAsync(c => c.ShelterId == s.ShelterId)));
        var sent = await squad.SubmitAsync(page, "form[action*='handler=Complain']", new Dictionary<string, string> { ["Complaint.Text"] = words });
        Assert.Contains("The complaint is sent to the oversight body.", sent.Text, StringComparison.Ordinal);
        var complaint = await DbAsync(db => db.ResidentComplaints.AsNoTracking().SingleAsync(c => c.ShelterId == s.ShelterId));
        Assert.DoesNotContain("guard", System.Text.Encoding.UTF8.GetString(complaint.TextEnc!), StringComparison.Ordinal);

        // The notice: to the auditors' role, with no content, no case and no shelter.
        Assert.Equal(before + 1, await DbAsync(db => db.Notifications.CountAsync(n => n.Kind == AccommodationAudit.ComplaintNotice.Code)));
        var notice = await DbAsync(db => db.Notifications.Where(n => n.Kind == AccommodationAudit.ComplaintNotice.Code).OrderByDescending(n => n.CreatedAt).FirstAsync());
        Assert.True(notice.RecipientRole == RoleCatalog.Auditor && notice.CaseId is null && notice.CaseNumber is null && notice.RecipientInstitutionId is null);

        // Nobody but oversight reads it: the shelter's staff and the Squad get 404, and the service answers null.
        using (var home = await app.SessionAsync(s.Manager))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await home.GetAsync($"/Accommodation/Complaints?id={complaint.Id}")).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await home.GetAsync("/Accommodation/Complaints")).Status);
            Assert.DoesNotContain(words, (await home.GetAsync($"/Cases/Accommodation?id={s.CaseId}")).Html, StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await squad.GetAsync($"/Accommodation/Complaints?id={complaint.Id}")).Status);
        Assert.Null(await With<ComplaintService, ComplaintService.Detail?>(x => x.ReadAsync(s.Shelter, Manager, complaint.Id)));
        Assert.Null(await With<ComplaintService, ComplaintService.Detail?>(x => x.ReadAsync(s.Squad, Coordinator, complaint.Id)));

        using var oversight = await app.SessionAsync(auditorUser);
        Assert.NotNull((await oversight.GetAsync("/Accommodation/Complaints")).Document.QuerySelector($"[data-complaint='{complaint.Id}']"));
        var detail = await oversight.GetAsync($"/Accommodation/Complaints?id={complaint.Id}");
        Assert.Equal(words, detail.Document.QuerySelector("[data-complaint-text]")?.TextContent.Trim());
        Assert.Equal(1, await DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == AccommodationAudit.ComplaintViewed.Code && e.TargetId == complaint.Id && e.ActorUserId == auditorUser.Id)));

        // Closing needs the outcome.
        var bad = await oversight.SubmitAsync(detail, "form[data-complaint-update]", new Dictionary<string, string> { ["Update.Status"] = "Closed", ["Update.Outcome"] = "" });
        Assert.Equal("Enter the outcome to close the complaint.", bad.FieldError("Update_Outcome"));
        Assert.Equal(ComplaintStatus.Received, await DbAsync(db => db.ResidentComplaints.Where(c => c.Id == complaint.Id).Select(c => c.Status).SingleAsync()));
        var closed = await oversight.SubmitAsync(detail, "form[data-complaint-update]", new Dictionary<string, string> { ["Update.Status"] = "Closed", ["Update.Outcome"] = "Spoke with the shelter's director" });
        Assert.Contains("The complaint is updated.", closed.Text, StringComparison.Ordinal);
        Assert.Equal(ComplaintStatus.Closed, await DbAsync(db => db.ResidentComplaints.Where(c => c.Id == complaint.Id).Select(c => c.Status).SingleAsync()));
    }

    [Fact]
    public async Task The_resident_complains_without_an_account_with_a_one_time_code_kept_only_as_a_hash()
    {
        CultureInfo.CurrentUICulture = new("en");
        var s = await PlacedAsync();
        var squadCode = await With<ResidentService, string?>(x => x.IssueCodeAsync(s.Squad, Investigator, s.CaseId));
        Assert.Null(squadCode); // only the shelter's staff print the welcome sheet
        using var home = await app.SessionAsync(s.Manager);
        var issued = await home.SubmitAsync(await home.GetAsync($"/Cases/Accommodation?id={s.CaseId}"), "form[action*='handler=IssueCode']");
        var code = issued.Document.QuerySelector("[data-complaint-code] .govuk-panel__title")!.TextContent.Trim();
        Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$", code);
        var hash = await DbAsync(db => db.Placements.Where(p => p.CaseId == s.CaseId).Select(p => p.ComplaintCodeHash).SingleAsync());
        Assert.Equal(ComplaintService.Hash(code), hash);
        Assert.DoesNotContain(code.Replace("-", "", StringComparison.Ordinal), hash!, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(code, (await home.GetAsync($"/Cases/Accommodation?id={s.CaseId}")).Html, StringComparison.Ordinal); // shown once

        using var resident = app.NewSession();
        var form = await resident.GetAsync("/Complaint");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        var wrong = await resident.SubmitAsync(form, "form[data-public-complaint]", new Dictionary<string, string> { ["Complaint.Code"] = "AAAA-BBBB-CCCC", ["Complaint.Text"] = "They took my passport" });
        Assert.StartsWith("This code is not valid.", wrong.FieldError("Complaint_Code"), StringComparison.Ordinal);
        var empty = await resident.SubmitAsync(form, "form[data-public-complaint]", new Dictionary<string, string> { ["Complaint.Code"] = code.ToLowerInvariant(), ["Complaint.Text"] = "" });
        Assert.Equal("Enter the complaint.", empty.FieldError("Complaint_Text"));
        Assert.Equal(0, await DbAsync(db => db.ResidentComplaints.CountAsync(c => c.ShelterId == s.ShelterId)));

        var sent = await resident.SubmitAsync(form, "form[data-public-complaint]", new Dictionary<string, string> { ["Complaint.Code"] = code.ToLowerInvariant(), ["Complaint.Text"] = "They took my passport" });
        Assert.NotNull(sent.Document.QuerySelector("[data-complaint-sent]"));
        var complaint = await DbAsync(db => db.ResidentComplaints.AsNoTracking().SingleAsync(c => c.ShelterId == s.ShelterId));
        Assert.Equal((ComplaintChannel.Code, (Guid?)null), (complaint.Channel, complaint.RecordedBy));
        Assert.Null(await DbAsync(db => db.Placements.Where(p => p.CaseId == s.CaseId).Select(p => p.ComplaintCodeHash).SingleAsync()));

        // The code is spent: a second use is refused like a wrong code.
        var again = await resident.SubmitAsync(form, "form[data-public-complaint]", new Dictionary<string, string> { ["Complaint.Code"] = code, ["Complaint.Text"] = "Again" });
        Assert.StartsWith("This code is not valid.", again.FieldError("Complaint_Code"), StringComparison.Ordinal);
        Assert.Equal(1, await DbAsync(db => db.ResidentComplaints.CountAsync(c => c.ShelterId == s.ShelterId)));
    }
}

// On PostgreSQL only (the production database): this class tests a feature, not the database. Its pages' queries run on SQLite
// too, in the sweep of every handler (SweepTests) and the crawl of every page by every role (UniqueIdTests).
public sealed class ShelterLifeTestsOnPostgres(PostgresApp app) : ShelterLifeTests(app), IClassFixture<PostgresApp>;
