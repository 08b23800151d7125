using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Accommodation;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Features.Protection;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>
/// Probes of shelter life (inspections, a stay's life, complaints, guards, the placements API) as users of other
/// institutions and roles: another shelter, the Squad, an NGO, a prosecutor, a guard off shift, an anonymous visitor.
/// Each asserts the safe behaviour; the ones that found a leak or a 500 stay as regression tests.
/// </summary>
public abstract class AttackLife(AriadneApp app)
{
    private static readonly string[] Manager = [RoleCatalog.ShelterManager];
    private static readonly string[] Coordinator = [RoleCatalog.Coordinator];
    private static readonly string[] Investigator = [RoleCatalog.Investigator];
    private static readonly string[] GuardRoles = [RoleCatalog.SecurityOfficer];

    private const string NotConditional = "Assistance cannot depend on cooperating with the investigation (plan §6, CoE Convention art. 12 §6).";

    private Task<T> DbAsync<T>(Func<AriadneDbContext, Task<T>> query) => app.WithScopeAsync(sp => query(sp.GetRequiredService<AriadneDbContext>()));

    private Task<T> With<TService, T>(Func<TService, Task<T>> call) where TService : notnull => app.WithScopeAsync(sp => call(sp.GetRequiredService<TService>()));

    private DateOnly Today => DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime);

    private sealed record World(TestUser Manager, Guid ShelterId, string Name, string Address, TestUser Investigator, Guid CaseId, string Number, string Alias, Guid PlacementId)
    {
        public Viewer Shelter => CaseSteps.ViewerOf(Manager, RoleCatalog.ShelterManager);
        public Viewer Squad => CaseSteps.ViewerOf(Investigator, RoleCatalog.Investigator);
    }

    /// <summary>A shelter of its own institution with beds "1" and "2", and a case placed in bed "1" under an alias.</summary>
    private async Task<World> PlacedAsync()
    {
        var (manager, shelterId, name, address) = await GuardTests.ShelterAsync(app, "1", "2");
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (investigator, view) = await app.NewCaseAsync(CaseSteps.SampleInput("al" + tag));
        await GuardTests.AcceptedByShelterAsync(app, investigator, view.Id, manager);
        var bedId = await DbAsync(db => db.Beds.Where(b => b.ShelterId == shelterId && b.Label == "1").Select(b => b.Id).SingleAsync());
        var alias = "Aylin" + tag;
        Assert.Empty((await With<PlacementService, Dictionary<string, string[]>?>(s => s.AdmitAsync(CaseSteps.ViewerOf(manager, RoleCatalog.ShelterManager), Manager, view.Id, bedId, alias)))!);
        var placementId = await DbAsync(db => db.Placements.Where(p => p.CaseId == view.Id).Select(p => p.Id).SingleAsync());
        return new World(manager, shelterId, name, address, investigator, view.Id, view.Number, alias, placementId);
    }

    private async Task<TestUser> ProsecutorOnAsync(World w)
    {
        var prosecutor = await app.CreateUserAsync(InstitutionKind.Prosecution, [RoleCatalog.Prosecutor], [TrainingTopic.AntiTrafficking]);
        await GrantAsync(w, Relation.Prosecutor, prosecutor, [DataClass.Status, DataClass.Identity, DataClass.Investigation, DataClass.Legal], [DataClass.Legal]);
        return prosecutor;
    }

    private async Task GrantAsync(World w, Relation relation, TestUser grantee, DataClass[] read, DataClass[] write) =>
        Assert.Empty(await app.WithScopeAsync(sp => sp.GetRequiredService<GrantService>().AddAsync(w.Squad, w.CaseId,
            new GrantService.GrantInput { Relation = relation, GranteeUserName = grantee.UserName, Read = [.. read], Write = [.. write], Reason = "test" })));

    private static async Task<string> TokenOfAsync(WebSession session, string url)
    {
        var page = await session.GetAsync(url);
        return page.Document.QuerySelector("input[name=__csrf]")?.GetAttribute("value")
            ?? throw new InvalidOperationException("No antiforgery token on " + url);
    }

    private static async Task<WebSession.Page> ForgeAsync(WebSession session, string? token, string url, Dictionary<string, string> fields)
    {
        if (token is not null)
            fields["__csrf"] = token;
        var response = await session.Client.PostAsync(url, new FormUrlEncodedContent(fields));
        return await WebSession.Page.ReadAsync(response);
    }

    private static InspectionService.InspectionInput AllMet(DateOnly on) => new()
    {
        On = on,
        Results = InspectionService.PlanConditions.Concat(InspectionService.ConventionConditions).ToDictionary(c => c.ToString(), _ => (string?)nameof(ConditionResult.Met)),
    };

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

    // ---------------------------------------------------------------- inspections

    [Fact]
    public async Task Another_shelter_the_Squad_an_NGO_and_a_prosecutor_neither_read_record_nor_close_a_shelters_inspections()
    {
        CultureInfo.CurrentUICulture = new("en");
        var w = await PlacedAsync();
        var coordinatorUser = await app.CreateUserAsync(InstitutionKind.NationalCoordinator, [RoleCatalog.Coordinator]);
        var coordinator = CaseSteps.ViewerOf(coordinatorUser, RoleCatalog.Coordinator);
        var failed = AllMet(Today);
        failed.Results[nameof(ShelterCondition.Telephone)] = nameof(ConditionResult.NotMet);
        failed.Findings = "ALIFE-FINDING the telephone is locked away";
        failed.FollowUpAction = "ALIFE-ACTION";
        failed.FollowUpDue = Today.AddDays(7);
        Assert.Empty((await With<InspectionService, Dictionary<string, string[]>?>(x => x.RecordAsync(coordinator, Coordinator, w.ShelterId, failed)))!);
        var self = AllMet(Today);
        self.Results[nameof(ShelterCondition.Translator)] = nameof(ConditionResult.NotMet);
        self.FollowUpAction = "ALIFE-SELF";
        self.FollowUpDue = Today.AddDays(7);
        Assert.Empty((await With<InspectionService, Dictionary<string, string[]>?>(x => x.RecordAsync(w.Shelter, Manager, w.ShelterId, self)))!);
        var ids = await DbAsync(db => db.ShelterInspections.Where(i => i.ShelterId == w.ShelterId).Select(i => i.Id).ToListAsync());
        Assert.Equal(2, ids.Count);

        var other = await GuardTests.ShelterAsync(app, "9");
        var ngo = await app.CreateUserAsync(InstitutionKind.ServiceProvider, [RoleCatalog.ServiceProfessional]);
        var prosecutor = await ProsecutorOnAsync(w);
        var strangers = new (TestUser User, string Role)[]
        {
            (other.Manager, RoleCatalog.ShelterManager), (w.Investigator, RoleCatalog.Investigator), (ngo, RoleCatalog.ServiceProfessional), (prosecutor, RoleCatalog.Prosecutor),
        };
        foreach (var (user, role) in strangers)
        {
            var viewer = CaseSteps.ViewerOf(user, role);
            string[] roles = [role];
            Assert.Null(await With<InspectionService, InspectionService.ShelterConditions?>(x => x.ReadAsync(viewer, roles, w.ShelterId)));
            Assert.Null(await With<InspectionService, Dictionary<string, string[]>?>(x => x.RecordAsync(viewer, roles, w.ShelterId, AllMet(Today))));
            Assert.Null(await With<InspectionService, Dictionary<string, string[]>?>(x => x.SaveRulesAsync(viewer, roles, w.ShelterId, new() { En = "ALIFE-RULES" })));
            foreach (var id in ids)
                Assert.False(await With<InspectionService, bool>(x => x.CloseAsync(viewer, roles, id)));
            Assert.DoesNotContain(await With<InspectionService, IReadOnlyList<InspectionService.ShelterRow>?>(x => x.ListAsync(viewer, roles)) ?? [], r => r.Id == w.ShelterId);
        }

        // Through the page: another shelter's manager tampers with the shelter id, the handler and the inspection id.
        using (var session = await app.SessionAsync(other.Manager))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync($"/Accommodation/Conditions?id={w.ShelterId}")).Status);
            var list = await session.GetAsync("/Accommodation/Conditions");
            Assert.DoesNotContain(w.Name, list.Html, StringComparison.Ordinal);
            var token = await TokenOfAsync(session, $"/Accommodation/Conditions?id={other.ShelterId}");
            var fields = InspectionService.PlanConditions.Concat(InspectionService.ConventionConditions).ToDictionary(c => "Inspection." + c, _ => nameof(ConditionResult.Met));
            fields["Inspection.On"] = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            Assert.Equal(HttpStatusCode.NotFound, (await ForgeAsync(session, token, $"/Accommodation/Conditions?id={w.ShelterId}&handler=Inspection", fields)).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await ForgeAsync(session, token, $"/Accommodation/Conditions?id={w.ShelterId}&handler=Rules", new() { ["Rules.En"] = "ALIFE-RULES" })).Status);
            foreach (var id in ids)
            {
                Assert.Equal(HttpStatusCode.NotFound, (await ForgeAsync(session, token, $"/Accommodation/Conditions?id={other.ShelterId}&handler=Close&inspectionId={id}", [])).Status);
                Assert.Equal(HttpStatusCode.NotFound, (await ForgeAsync(session, token, $"/Accommodation/Conditions?id={w.ShelterId}&handler=Close", new() { ["inspectionId"] = id.ToString() })).Status);
            }
            var own = await session.GetAsync($"/Accommodation/Conditions?id={other.ShelterId}");
            Assert.Equal(HttpStatusCode.OK, own.Status);
            foreach (var secret in new[] { "ALIFE-FINDING", "ALIFE-ACTION", "ALIFE-SELF", w.Name })
                Assert.DoesNotContain(secret, own.Html, StringComparison.Ordinal);
        }
        // The shelter's own manager cannot close the Coordinator's follow-up by forging the close either.
        using (var home = await app.SessionAsync(w.Manager))
        {
            var token = await TokenOfAsync(home, $"/Accommodation/Conditions?id={w.ShelterId}");
            var coordinators = await DbAsync(db => db.ShelterInspections.Where(i => i.ShelterId == w.ShelterId && !i.SelfAssessment).Select(i => i.Id).SingleAsync());
            Assert.Equal(HttpStatusCode.NotFound, (await ForgeAsync(home, token, $"/Accommodation/Conditions?id={w.ShelterId}&handler=Close&inspectionId={coordinators}", [])).Status);
        }
        Assert.Equal(2, await DbAsync(db => db.ShelterInspections.CountAsync(i => i.ShelterId == w.ShelterId && i.FollowUpClosedAt == null)));
        Assert.Equal(2, await DbAsync(db => db.ShelterInspections.CountAsync(i => i.ShelterId == w.ShelterId)));
        Assert.Null(await DbAsync(db => db.Shelters.Where(s => s.Id == w.ShelterId).Select(s => s.HouseRulesEn).SingleAsync()));
        // Each refused read was audited as denied.
        Assert.True(await DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == AccommodationAudit.InspectionsViewed.Code && e.TargetId == w.ShelterId && e.Outcome == "denied")) >= strangers.Length);
    }

    [Theory]
    [InlineData("Met,NotMet")]
    [InlineData("Met, NotApplicable")]
    [InlineData("3")]
    [InlineData("met")]
    [InlineData("Locked")]
    [InlineData("")]
    public async Task A_condition_answered_with_anything_but_one_of_the_three_names_is_refused_by_field_and_nothing_is_saved(string raw)
    {
        CultureInfo.CurrentUICulture = new("en");
        var w = await PlacedAsync();
        var input = AllMet(Today);
        input.Results[nameof(ShelterCondition.Telephone)] = raw;
        var errors = await With<InspectionService, Dictionary<string, string[]>?>(x => x.RecordAsync(w.Shelter, Manager, w.ShelterId, input));
        Assert.Equal("Say whether this condition is met: Access to a telephone.", Assert.Single(errors![nameof(ShelterCondition.Telephone)]));
        Assert.Equal(0, await DbAsync(db => db.ShelterInspections.CountAsync(i => i.ShelterId == w.ShelterId)));
    }

    [Fact]
    public async Task Garbage_in_the_inspection_and_rules_forms_is_refused_by_field_never_a_500()
    {
        CultureInfo.CurrentUICulture = new("en");
        var w = await PlacedAsync();
        using var home = await app.SessionAsync(w.Manager);
        var token = await TokenOfAsync(home, $"/Accommodation/Conditions?id={w.ShelterId}");
        var url = $"/Accommodation/Conditions?id={w.ShelterId}";
        var huge = new string('x', 100_000);
        var cases = new[]
        {
            new Dictionary<string, string> { ["Inspection.On"] = "9999-12-31", ["Inspection.Telephone"] = "NotMet", ["Inspection.FollowUpDue"] = "0001-01-01", ["Inspection.Findings"] = huge },
            new Dictionary<string, string> { ["Inspection.On"] = "31.02.2026", ["Inspection.On.Day"] = "99", ["Inspection.FollowUpDue.Year"] = "-5" },
            new Dictionary<string, string> { ["Inspection.On"] = "0001-01-01", ["Inspection.FollowUpAction"] = huge },
            new Dictionary<string, string> { ["Inspection.Results[Telephone]"] = "Met", ["Inspection.Results"] = "x" },
        };
        foreach (var fields in cases)
        {
            var page = await ForgeAsync(home, token, url + "&handler=Inspection", fields);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.NotEmpty(page.Errors);
        }
        var rules = await ForgeAsync(home, token, url + "&handler=Rules", new() { ["Rules.Az"] = huge, ["Rules.Ru"] = "\u200B", ["Rules.En"] = "" });
        Assert.Equal(HttpStatusCode.OK, rules.Status);
        Assert.NotEmpty(rules.Errors);
        Assert.Equal(HttpStatusCode.NotFound, (await ForgeAsync(home, token, "/Accommodation/Conditions?id=not-a-guid&handler=Inspection", [])).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await ForgeAsync(home, token, url + "&handler=Close&inspectionId=zzz", [])).Status);
        Assert.Equal(0, await DbAsync(db => db.ShelterInspections.CountAsync(i => i.ShelterId == w.ShelterId)));
    }

    // ---------------------------------------------------------------- a stay's life

    [Fact]
    public async Task Another_shelter_on_the_case_writes_nothing_of_the_stay_and_reads_no_movement_alias_or_address()
    {
        CultureInfo.CurrentUICulture = new("en");
        var w = await PlacedAsync();
        Assert.Empty((await With<InspectionService, Dictionary<string, string[]>?>(x => x.SaveRulesAsync(w.Shelter, Manager, w.ShelterId, new() { En = "Be kind." })))!);
        var now = app.Time.GetUtcNow().ToOffset(TimeSpan.FromHours(4));
        var movement = new ResidentService.MovementInput { Direction = MovementDirection.WentOut, On = DateOnly.FromDateTime(now.DateTime), Time = now.ToString("HH:mm", CultureInfo.InvariantCulture), Note = "ALIFE-NOTE" };
        Assert.Empty((await With<ResidentService, Dictionary<string, string[]>?>(x => x.RecordMovementAsync(w.Shelter, Manager, w.CaseId, movement)))!);

        // A second shelter holds the shelter relation on the case too (by name), with Care: still not the stay's shelter.
        var other = await GuardTests.ShelterAsync(app, "9");
        await GrantAsync(w, Relation.Shelter, other.Manager, [DataClass.Status, DataClass.Identity, DataClass.Care], [DataClass.Care]);
        var stranger = CaseSteps.ViewerOf(other.Manager, RoleCatalog.ShelterManager);
        Assert.Null(await With<ResidentService, Dictionary<string, string[]>?>(x => x.RecordMovementAsync(stranger, Manager, w.CaseId, movement)));
        Assert.Null(await With<ResidentService, Dictionary<string, string[]>?>(x => x.AcknowledgeAsync(stranger, Manager, w.CaseId, new() { Language = "en" })));
        Assert.Null(await With<ResidentService, Dictionary<string, string[]>?>(x => x.SetConditionsAsync(stranger, Manager, w.CaseId, new() { Conditions = [nameof(AssistanceCondition.RespectsHouseRules)] })));
        Assert.Null(await With<ResidentService, string?>(x => x.IssueCodeAsync(stranger, Manager, w.CaseId)));
        var life = await With<ResidentService, ResidentService.Life?>(x => x.ReadAsync(stranger, Manager, w.CaseId));
        Assert.False(life!.Own);
        Assert.Empty(life.Movements);

        using (var session = await app.SessionAsync(other.Manager))
        {
            var page = await session.GetAsync($"/Cases/Accommodation?id={w.CaseId}");
            Assert.Equal(HttpStatusCode.OK, page.Status);
            foreach (var secret in new[] { w.Alias, w.Address, "ALIFE-NOTE" })
                Assert.DoesNotContain(secret, page.Html, StringComparison.Ordinal);
            Assert.Null(page.Document.QuerySelector("[data-movements]"));
            var token = page.Document.QuerySelector("input[name=__csrf]")!.GetAttribute("value")!;
            var url = $"/Cases/Accommodation?id={w.CaseId}&handler=";
            Assert.Equal(HttpStatusCode.NotFound, (await ForgeAsync(session, token, url + "Movement", new() { ["Movement.Direction"] = "CameBack", ["Movement.On"] = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["Movement.Time"] = "10:00" })).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await ForgeAsync(session, token, url + "Acknowledge", new() { ["Acknowledge.Language"] = "en" })).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await ForgeAsync(session, token, url + "Conditions", new() { ["Conditions.Conditions"] = "RespectsHouseRules" })).Status);
            var code = await ForgeAsync(session, token, url + "IssueCode", []);
            Assert.Equal(HttpStatusCode.NotFound, code.Status);
            Assert.Null(code.Document.QuerySelector("[data-complaint-code]"));
            // Nor can it rename the stay of another shelter (refused with a message, nothing saved).
            var aliasBefore = await DbAsync(db => db.Placements.Where(p => p.Id == w.PlacementId).Select(p => p.AliasEnc).SingleAsync());
            var rename = await ForgeAsync(session, token, url + "Alias", new() { ["Alias"] = "Renamed" });
            Assert.True(rename.Status == HttpStatusCode.NotFound || rename.Errors.Count > 0, rename.Status.ToString());
            Assert.Equal(aliasBefore, await DbAsync(db => db.Placements.Where(p => p.Id == w.PlacementId).Select(p => p.AliasEnc).SingleAsync()));
            Assert.DoesNotContain(w.Alias, rename.Html, StringComparison.Ordinal);
        }
        var stay = await DbAsync(db => db.Placements.AsNoTracking().SingleAsync(p => p.Id == w.PlacementId));
        Assert.Equal((null, null, "", null, (DateTimeOffset?)null), (stay.HouseRulesLanguage, stay.HouseRulesAcknowledgedAt, stay.Conditions, stay.ComplaintCodeHash, stay.DischargedAt));
        Assert.Equal(1, await DbAsync(db => db.Movements.CountAsync(m => m.CaseId == w.CaseId)));
        Assert.True(await DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == AccommodationAudit.MovementRecorded.Code && e.CaseId == w.CaseId && e.Outcome == "denied" && e.ActorUserId == other.Manager.Id)) >= 2);
    }

    [Fact]
    public async Task The_stays_conditions_and_house_rules_acknowledgement_are_read_by_its_shelters_staff_only()
    {
        CultureInfo.CurrentUICulture = new("en");
        var w = await PlacedAsync();
        Assert.Empty((await With<InspectionService, Dictionary<string, string[]>?>(x => x.SaveRulesAsync(w.Shelter, Manager, w.ShelterId, new() { En = "Be kind." })))!);
        Assert.Empty((await With<ResidentService, Dictionary<string, string[]>?>(x => x.AcknowledgeAsync(w.Shelter, Manager, w.CaseId, new() { Language = "en" })))!);
        Assert.Empty((await With<ResidentService, Dictionary<string, string[]>?>(x => x.SetConditionsAsync(w.Shelter, Manager, w.CaseId, new() { Conditions = [nameof(AssistanceCondition.NoAlcoholOrDrugsOnPremises)] })))!);
        using (var home = await app.SessionAsync(w.Manager))
        {
            var own = await home.GetAsync($"/Cases/Accommodation?id={w.CaseId}");
            Assert.Contains("alcohol", own.Document.QuerySelector("[data-stay-conditions]")!.TextContent, StringComparison.OrdinalIgnoreCase);
            Assert.NotNull(own.Document.QuerySelector("[data-rules-status]"));
        }
        // The prosecutor reads no Care at all, and the Squad is not the shelter: neither reads the stay's conditions or acknowledgement.
        var prosecutor = await ProsecutorOnAsync(w);
        foreach (var user in new[] { prosecutor, w.Investigator })
        {
            using var session = await app.SessionAsync(user);
            var page = await session.GetAsync($"/Cases/Accommodation?id={w.CaseId}");
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Null(page.Document.QuerySelector("[data-stay-conditions]"));
            Assert.Null(page.Document.QuerySelector("[data-rules-status]"));
            Assert.DoesNotContain("alcohol", page.Text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Acknowledged in", page.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(w.Alias, page.Html, StringComparison.Ordinal);
        }
        var life = await With<ResidentService, ResidentService.Life?>(x => x.ReadAsync(CaseSteps.ViewerOf(prosecutor, RoleCatalog.Prosecutor), [RoleCatalog.Prosecutor], w.CaseId));
        Assert.Empty(life?.Conditions ?? []);
        Assert.Null(life?.AcknowledgedAt);
    }

    [Fact]
    public async Task A_discharged_stay_takes_no_movement_no_code_and_its_code_is_refused_like_a_wrong_one()
    {
        CultureInfo.CurrentUICulture = new("en");
        var w = await PlacedAsync();
        var code = await With<ResidentService, string?>(x => x.IssueCodeAsync(w.Shelter, Manager, w.CaseId));
        Assert.NotNull(code);
        Assert.Empty((await With<PlacementService, Dictionary<string, string[]>?>(x => x.DischargeAsync(w.Shelter, Manager, w.CaseId,
            new() { On = Today, Reason = DischargeReason.PlanCompleted, Destination = DischargeDestination.Family, FollowUpConsent = false })))!);
        var now = app.Time.GetUtcNow().ToOffset(TimeSpan.FromHours(4));
        Assert.Null(await With<ResidentService, Dictionary<string, string[]>?>(x => x.RecordMovementAsync(w.Shelter, Manager, w.CaseId,
            new() { Direction = MovementDirection.CameBack, On = DateOnly.FromDateTime(now.DateTime), Time = now.ToString("HH:mm", CultureInfo.InvariantCulture) })));
        Assert.Null(await With<ResidentService, string?>(x => x.IssueCodeAsync(w.Shelter, Manager, w.CaseId)));
        Assert.Null(await With<ResidentService, Dictionary<string, string[]>?>(x => x.ComplainAsync(w.Squad, Investigator, w.CaseId, new() { Text = "late" })));

        var refused = await With<ComplaintService, Dictionary<string, string[]>>(x => x.SubmitByCodeAsync(new() { Code = code, Text = "ALIFE-DISCHARGED" }));
        var wrong = await With<ComplaintService, Dictionary<string, string[]>>(x => x.SubmitByCodeAsync(new() { Code = "ZZZZ-ZZZZ-ZZZZ", Text = "ALIFE-DISCHARGED" }));
        Assert.Equal(wrong["Code"], refused["Code"]);
        Assert.Equal(0, await DbAsync(db => db.ResidentComplaints.CountAsync(c => c.PlacementId == w.PlacementId)));
    }

    [Fact]
    public async Task A_complaint_code_is_accepted_once_a_used_or_replaced_code_reads_like_a_wrong_one_and_the_content_stays_out_of_notices_audit_and_logs()
    {
        CultureInfo.CurrentUICulture = new("en");
        var w = await PlacedAsync();
        var auditor = await app.CreateUserAsync(InstitutionKind.Oversight, [RoleCatalog.Auditor]);
        var coordinator = await app.CreateUserAsync(InstitutionKind.NationalCoordinator, [RoleCatalog.Coordinator]);
        var replaced = await With<ResidentService, string?>(x => x.IssueCodeAsync(w.Shelter, Manager, w.CaseId));
        var code = await With<ResidentService, string?>(x => x.IssueCodeAsync(w.Shelter, Manager, w.CaseId));
        Assert.NotEqual(replaced, code);
        const string secret = "ALIFE-COMPLAINT the director keeps my passport";

        using var resident = app.NewSession();
        var form = await resident.GetAsync("/Complaint");
        async Task<WebSession.Page> SendAsync(string c, string t) =>
            await resident.SubmitAsync(form, "form[data-public-complaint]", new Dictionary<string, string> { ["Complaint.Code"] = c, ["Complaint.Text"] = t });
        var old = await SendAsync(replaced!, secret);
        var sent = await SendAsync(" " + code!.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal) + " ", secret);
        Assert.NotNull(sent.Document.QuerySelector("[data-complaint-sent]"));
        var used = await SendAsync(code, secret + " again");
        var wrong = await SendAsync("QQQQ-QQQQ-QQQQ", secret + " again");
        Assert.Equal(HttpStatusCode.OK, used.Status);
        foreach (var same in new[] { used, old })
        {
            Assert.Equal((wrong.Status, wrong.FieldError("Complaint_Code")), (same.Status, same.FieldError("Complaint_Code")));
            Assert.Equal(wrong.Errors, same.Errors);
        }
        Assert.Equal(1, await DbAsync(db => db.ResidentComplaints.CountAsync(c => c.PlacementId == w.PlacementId)));

        // The content is nowhere but the sealed row: not in notices, homes, the audit trail or the logs; nor is the code.
        foreach (var user in new[] { auditor, coordinator, w.Manager, w.Investigator })
        {
            using var session = await app.SessionAsync(user);
            foreach (var url in new[] { "/", "/Notifications", $"/Cases/Accommodation?id={w.CaseId}" })
            {
                var page = await session.GetAsync(url);
                Assert.True(page.Status != HttpStatusCode.InternalServerError, url);
                Assert.DoesNotContain("ALIFE-COMPLAINT", page.Html, StringComparison.Ordinal);
                Assert.DoesNotContain(code, page.Html, StringComparison.OrdinalIgnoreCase);
            }
        }
        var audit = await DbAsync(db => db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Sequence).Take(500).ToListAsync());
        var trail = JsonSerializer.Serialize(audit);
        Assert.DoesNotContain("ALIFE-COMPLAINT", trail, StringComparison.Ordinal);
        Assert.DoesNotContain(code.Replace("-", "", StringComparison.Ordinal), trail.Replace("-", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        var notices = JsonSerializer.Serialize(await DbAsync(db => db.Notifications.AsNoTracking().Where(n => n.Kind == AccommodationAudit.ComplaintNotice.Code).ToListAsync()));
        Assert.DoesNotContain("ALIFE-COMPLAINT", notices, StringComparison.Ordinal);
        Assert.DoesNotContain(w.Name, notices, StringComparison.Ordinal);
        foreach (var record in app.Logs.GetSnapshot())
        {
            var line = record.Message + " " + record.Exception + " " + string.Join(";", record.StructuredState?.Select(kv => kv.Value) ?? []);
            Assert.DoesNotContain("ALIFE-COMPLAINT", line, StringComparison.Ordinal);
            Assert.DoesNotContain(code, line, StringComparison.OrdinalIgnoreCase);
        }
        var stored = await DbAsync(db => db.ResidentComplaints.AsNoTracking().SingleAsync(c => c.PlacementId == w.PlacementId));
        Assert.DoesNotContain("ALIFE", Encoding.UTF8.GetString(stored.TextEnc!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nobody_but_an_auditor_reads_or_moves_a_complaint_and_garbage_updates_are_refused()
    {
        CultureInfo.CurrentUICulture = new("en");
        var w = await PlacedAsync();
        Assert.Empty((await With<ResidentService, Dictionary<string, string[]>?>(x => x.ComplainAsync(w.Squad, Investigator, w.CaseId, new() { Text = "ALIFE-WORKER complaint" })))!);
        var id = await DbAsync(db => db.ResidentComplaints.Where(c => c.PlacementId == w.PlacementId).Select(c => c.Id).SingleAsync());
        var coordinator = await app.CreateUserAsync(InstitutionKind.NationalCoordinator, [RoleCatalog.Coordinator]);
        var prosecutor = await ProsecutorOnAsync(w);
        var admin = await app.CreateUserAsync(InstitutionKind.Oversight, [RoleCatalog.Administrator]);
        foreach (var user in new[] { coordinator, prosecutor, w.Manager, w.Investigator, admin })
        {
            using var session = await app.SessionAsync(user);
            var page = await session.GetAsync($"/Accommodation/Complaints?id={id}");
            Assert.True(page.Status is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, user.UserName + " " + page.Status);
            Assert.DoesNotContain("ALIFE-WORKER", page.Html, StringComparison.Ordinal);
            var token = await TokenOfAsync(session, "/Notifications");
            var update = await ForgeAsync(session, token, $"/Accommodation/Complaints?id={id}", new() { ["Update.Status"] = "Closed", ["Update.Outcome"] = "ALIFE-FORGED" });
            Assert.True(update.Status is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, user.UserName + " " + update.Status);
        }
        Assert.Equal(ComplaintStatus.Received, await DbAsync(db => db.ResidentComplaints.Where(c => c.Id == id).Select(c => c.Status).SingleAsync()));

        var auditor = await app.CreateUserAsync(InstitutionKind.Oversight, [RoleCatalog.Auditor]);
        var auditorViewer = CaseSteps.ViewerOf(auditor, RoleCatalog.Auditor);
        string[] auditorRoles = [RoleCatalog.Auditor];
        Assert.NotNull((await With<ComplaintService, Dictionary<string, string[]>?>(x => x.UpdateAsync(auditorViewer, auditorRoles, id, new() { Status = (ComplaintStatus)99 })))!["Status"]);
        Assert.NotNull((await With<ComplaintService, Dictionary<string, string[]>?>(x => x.UpdateAsync(auditorViewer, auditorRoles, id, new() { Status = ComplaintStatus.Closed, Outcome = new string('x', 5000) })))!["Outcome"]);
        Assert.Null(await With<ComplaintService, Dictionary<string, string[]>?>(x => x.UpdateAsync(auditorViewer, auditorRoles, Guid.NewGuid(), new() { Status = ComplaintStatus.Closed, Outcome = "x" })));
        using var oversight = await app.SessionAsync(auditor);
        var detail = await oversight.GetAsync($"/Accommodation/Complaints?id={id}");
        // "Closed,UnderReview" would bind as the two or-ed together (3 = Closed): every enum a page binds takes one declared value only.
        foreach (var status in new[] { "99", "Bogus", "", "Closed,UnderReview", "UnderReview, Received" })
        {
            var bad = await oversight.SubmitAsync(detail, "form[data-complaint-update]", new Dictionary<string, string> { ["Update.Status"] = status, ["Update.Outcome"] = "x" });
            Assert.Equal(HttpStatusCode.OK, bad.Status);
            Assert.NotEmpty(bad.Errors);
        }
        Assert.Equal(ComplaintStatus.Received, await DbAsync(db => db.ResidentComplaints.Where(c => c.Id == id).Select(c => c.Status).SingleAsync()));
        Assert.True((await oversight.GetAsync("/Accommodation/Complaints?id=not-a-guid")).Status is HttpStatusCode.NotFound or HttpStatusCode.OK);
    }

    // ---------------------------------------------------------------- conditions on assistance

    public static TheoryData<string> CooperationInDisguise() =>
    [
        "Cooperation", "COOPERATES WITH THE INVESTIGATION", "ƏMƏKDAŞLIQ", "əməkdaşlıq edir", "сотрудничество", "СОТРУДНИЧЕСТВО СО СЛЕДСТВИЕМ",
        "co operation", "co-\u200Boperation", "coop\u200Beration", "cooper\u00ADation", "Co\u2060operates", "\u0421ooperation" /* Cyrillic С */,
        "c\u043E\u043Eperation" /* Cyrillic о о */, "\uFF23\uFF4F\uFF4F\uFF50\uFF45\uFF52\uFF41\uFF54\uFF49\uFF4F\uFF4E" /* fullwidth */,
        "İSTİNTAQ", "İFADƏ VERİR", "ŞAHİD", "s\u0327ahid" /* s + combining cedilla */, "T E S T I F I E S", "testi-\nfies",
        "RespectsHouseRules,CooperatesWithInvestigation",
    ];

    [Theory]
    [MemberData(nameof(CooperationInDisguise))]
    public async Task A_condition_of_cooperation_in_any_spelling_is_refused_saves_nothing_and_is_flagged(string value)
    {
        CultureInfo.CurrentUICulture = new("en");
        var w = await PlacedAsync();
        var errors = await With<ResidentService, Dictionary<string, string[]>?>(x => x.SetConditionsAsync(w.Shelter, Manager, w.CaseId,
            new() { Conditions = [nameof(AssistanceCondition.RespectsHouseRules), value] }));
        Assert.Equal(NotConditional, Assert.Single(errors!["Conditions"]));
        Assert.Equal("", await DbAsync(db => db.Placements.Where(p => p.Id == w.PlacementId).Select(p => p.Conditions).SingleAsync()));
        Assert.Equal(1, await DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == ProtectionAudit.ConditionalAssistanceRefused.Code && e.CaseId == w.CaseId)));
    }

    [Theory]
    [InlineData("RespectsHouseRules,KeepsMedicalAppointments")]
    [InlineData("RespectsHouseRules, NoViolenceOrThreats")]
    [InlineData("respectshouserules")]
    [InlineData("RespectsHouseRules\u200B")]
    public async Task A_value_that_is_not_exactly_one_listed_condition_is_refused_and_nothing_is_saved(string value)
    {
        CultureInfo.CurrentUICulture = new("en");
        var w = await PlacedAsync();
        var errors = await With<ResidentService, Dictionary<string, string[]>?>(x => x.SetConditionsAsync(w.Shelter, Manager, w.CaseId, new() { Conditions = [value] }));
        Assert.Equal("Choose conditions from the list only.", Assert.Single(errors!["Conditions"]));
        Assert.Equal("", await DbAsync(db => db.Placements.Where(p => p.Id == w.PlacementId).Select(p => p.Conditions).SingleAsync()));
    }

    // ---------------------------------------------------------------- bad input on the stay's forms

    [Fact]
    public async Task A_movement_on_the_first_day_of_the_calendar_or_with_garbage_is_refused_by_field_never_a_500()
    {
        CultureInfo.CurrentUICulture = new("en");
        var w = await PlacedAsync();
        var minimum = await With<ResidentService, Dictionary<string, string[]>?>(x => x.RecordMovementAsync(w.Shelter, Manager, w.CaseId,
            new() { Direction = MovementDirection.WentOut, On = DateOnly.MinValue, Time = "00:00" }));
        Assert.NotEmpty(minimum!);
        var maximum = await With<ResidentService, Dictionary<string, string[]>?>(x => x.RecordMovementAsync(w.Shelter, Manager, w.CaseId,
            new() { Direction = MovementDirection.WentOut, On = DateOnly.MaxValue, Time = "23:59" }));
        Assert.NotEmpty(maximum!);

        using var home = await app.SessionAsync(w.Manager);
        var token = await TokenOfAsync(home, $"/Cases/Accommodation?id={w.CaseId}");
        var url = $"/Cases/Accommodation?id={w.CaseId}&handler=Movement";
        var huge = new string('y', 100_000);
        var cases = new[]
        {
            new Dictionary<string, string> { ["Movement.Direction"] = "WentOut", ["Movement.On"] = "0001-01-01", ["Movement.Time"] = "00:00" },
            new Dictionary<string, string> { ["Movement.Direction"] = "WentOut", ["Movement.On.Day"] = "1", ["Movement.On.Month"] = "1", ["Movement.On.Year"] = "1", ["Movement.Time"] = "0:00" },
            new Dictionary<string, string> { ["Movement.Direction"] = "WentOut", ["Movement.On"] = "9999-12-31", ["Movement.Time"] = "23:59" },
            new Dictionary<string, string> { ["Movement.Direction"] = "Locked", ["Movement.On"] = "2026-12-01", ["Movement.Time"] = "99:99" },
            new Dictionary<string, string> { ["Movement.Direction"] = "3", ["Movement.Time"] = "12:00", ["Movement.Note"] = huge },
            new Dictionary<string, string> { ["Movement.Direction"] = "WentOut,CameBack", ["Movement.Time"] = "\u0661\u0662:\u0663\u0660" },
        };
        foreach (var fields in cases)
        {
            var page = await ForgeAsync(home, token, url, fields);
            Assert.True(page.Status == HttpStatusCode.OK, string.Join(",", fields.Select(f => f.Key + "=" + f.Value[..Math.Min(20, f.Value.Length)])) + " → " + page.Status
                + string.Concat(app.Logs.GetSnapshot().Where(l => l.Exception is not null).TakeLast(1).Select(l => " " + l.Exception!.GetType().Name + ": " + l.Exception.Message + " " + l.Exception.StackTrace?[..Math.Min(600, l.Exception.StackTrace.Length)])));
            Assert.NotEmpty(page.Errors);
        }
        var ack = await ForgeAsync(home, token, $"/Cases/Accommodation?id={w.CaseId}&handler=Acknowledge", new() { ["Acknowledge.Language"] = "AZ\u0130" });
        Assert.Equal(HttpStatusCode.OK, ack.Status);
        var conditions = await ForgeAsync(home, token, $"/Cases/Accommodation?id={w.CaseId}&handler=Conditions", new() { ["Conditions.Conditions"] = huge });
        Assert.Equal(HttpStatusCode.OK, conditions.Status);
        Assert.Equal(0, await DbAsync(db => db.Movements.CountAsync(m => m.CaseId == w.CaseId)));
    }

    [Fact]
    public async Task Unknown_or_missing_handlers_and_missing_or_foreign_antiforgery_tokens_are_refused_never_a_500()
    {
        CultureInfo.CurrentUICulture = new("en");
        var w = await PlacedAsync();
        using var home = await app.SessionAsync(w.Manager);
        var token = await TokenOfAsync(home, $"/Cases/Accommodation?id={w.CaseId}");
        foreach (var url in new[]
                 {
                     $"/Cases/Accommodation?id={w.CaseId}&handler=Bogus", $"/Cases/Accommodation?id={w.CaseId}", $"/Accommodation/Conditions?id={w.ShelterId}&handler=Nope",
                     "/Accommodation/Conditions", "/Accommodation/Security?handler=Nope", "/Accommodation/Guard?handler=Nope", "/Accommodation/Complaints?handler=Nope",
                 })
        {
            var page = await ForgeAsync(home, token, url, []);
            Assert.True(page.Status is HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest, url + " " + page.Status);
        }
        // Without a token, or with another user's, a post is refused (400) and saves nothing.
        using var other = await app.SessionAsync(w.Investigator);
        var foreign = await TokenOfAsync(other, $"/Cases/Accommodation?id={w.CaseId}");
        var fields = new Dictionary<string, string> { ["Movement.Direction"] = "WentOut", ["Movement.Time"] = "10:00" };
        Assert.Equal(HttpStatusCode.BadRequest, (await ForgeAsync(home, null, $"/Cases/Accommodation?id={w.CaseId}&handler=Movement", new(fields))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await ForgeAsync(home, foreign, $"/Cases/Accommodation?id={w.CaseId}&handler=Movement", new(fields))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await ForgeAsync(home, "garbage", $"/Cases/Accommodation?id={w.CaseId}&handler=IssueCode", [])).Status);
        using var anonymous = app.NewSession();
        Assert.Equal(HttpStatusCode.BadRequest, (await ForgeAsync(anonymous, null, "/Complaint", new() { ["Complaint.Code"] = "AAAA-BBBB-CCCC", ["Complaint.Text"] = "x" })).Status);
        var form = await anonymous.GetAsync("/Complaint");
        var anonToken = form.Document.QuerySelector("input[name=__csrf]")!.GetAttribute("value")!;
        var big = await ForgeAsync(anonymous, anonToken, "/Complaint", new() { ["Complaint.Code"] = new string('A', 100_000), ["Complaint.Text"] = new string('t', 100_000) });
        Assert.Equal(HttpStatusCode.OK, big.Status);
        Assert.NotEmpty(big.Errors);
        // An unknown handler name falls back to the page's one post handler: the same refusal as a wrong code.
        var bogus = await ForgeAsync(anonymous, anonToken, "/Complaint?handler=Bogus", new() { ["Complaint.Code"] = "x", ["Complaint.Text"] = "x" });
        Assert.Equal(HttpStatusCode.OK, bogus.Status);
        Assert.NotNull(bogus.FieldError("Complaint_Code"));
        Assert.Equal(0, await DbAsync(db => db.Movements.CountAsync(m => m.CaseId == w.CaseId)));
        Assert.Null(await DbAsync(db => db.Placements.Where(p => p.Id == w.PlacementId).Select(p => p.ComplaintCodeHash).SingleAsync()));
    }

    // ---------------------------------------------------------------- guards and the roster

    [Fact]
    public async Task A_guard_on_shift_elsewhere_or_with_lapsed_training_confirms_nothing_and_burns_no_tries_and_rosters_stay_the_keepers()
    {
        CultureInfo.CurrentUICulture = new("en");
        var w = await PlacedAsync();
        Assert.Empty((await With<ShelterService, Dictionary<string, string[]>?>(s => s.HoldAsync(w.Shelter, Manager, w.ShelterId, new() { Need = BedNeed.Woman }, 24)))!);
        var escort = await app.SquadInvestigatorAsync();
        var bed2 = await DbAsync(db => db.Beds.Where(b => b.ShelterId == w.ShelterId && b.Label == "2").Select(b => b.Id).SingleAsync());
        var arranged = await With<TransportService, TransportService.Arranged?>(t => t.ArrangeAsync(w.Shelter, Manager,
            new() { BedId = bed2, EscortInstitutionId = escort.InstitutionId, MeetingPoint = "ALIFE-MEETING", Alias = "Səbinə" }));
        Assert.Empty(arranged!.Errors);
        var handoverId = await DbAsync(db => db.TransportHandovers.Where(t => t.ShelterId == w.ShelterId).Select(t => t.Id).SingleAsync());

        var other = await GuardTests.ShelterAsync(app, "9");
        var elsewhere = await GuardAsync(Today.AddDays(90));
        var keeper = CaseSteps.ViewerOf(other.Manager, RoleCatalog.ShelterManager);
        Assert.Empty((await With<GuardService, Dictionary<string, string[]>?>(g => g.AddShiftAsync(keeper, Manager, ShiftNow(other.ShelterId, elsewhere))))!);
        // Another shelter's manager cannot roster a guard at this shelter, nor cancel its shifts.
        var tampered = await With<GuardService, Dictionary<string, string[]>?>(g => g.AddShiftAsync(keeper, Manager, ShiftNow(w.ShelterId, elsewhere)));
        Assert.NotNull(tampered!["ShelterId"]);
        var mine = await GuardAsync(Today.AddDays(90));
        Assert.Empty((await With<GuardService, Dictionary<string, string[]>?>(g => g.AddShiftAsync(w.Shelter, Manager, ShiftNow(w.ShelterId, mine))))!);
        var myShift = await DbAsync(db => db.GuardShifts.Where(s => s.GuardUserId == mine.Id).Select(s => s.Id).SingleAsync());
        Assert.False(await With<GuardService, bool>(g => g.CancelShiftAsync(keeper, Manager, myShift)));
        Assert.False(await With<GuardService, bool>(g => g.CancelShiftAsync(w.Squad, Investigator, myShift)));

        // The guard on shift elsewhere, the off-shift guard and the Squad: no confirmation, and no try spent.
        var offShift = await GuardAsync(Today.AddDays(90));
        foreach (var (user, role) in new[] { (elsewhere, RoleCatalog.SecurityOfficer), (offShift, RoleCatalog.SecurityOfficer), (w.Investigator, RoleCatalog.Investigator), (other.Manager, RoleCatalog.ShelterManager) })
            Assert.Null(await With<TransportService, Dictionary<string, string[]>?>(t => t.ConfirmAsync(CaseSteps.ViewerOf(user, role), [role], handoverId, "AAAA-AAAA")));
        using (var session = await app.SessionAsync(elsewhere))
        {
            var board = await session.GetAsync("/Accommodation/Guard");
            Assert.Equal(HttpStatusCode.OK, board.Status);
            foreach (var secret in new[] { "Səbinə", w.Alias, w.Name, w.Address, "ALIFE-MEETING" })
                Assert.DoesNotContain(secret, board.Html, StringComparison.Ordinal);
            var token = board.Document.QuerySelector("input[name=__csrf]")!.GetAttribute("value")!;
            var forged = await ForgeAsync(session, token, $"/Accommodation/Guard?handler=Confirm&handoverId={handoverId}", new() { ["Code"] = "AAAA-AAAA" });
            Assert.Equal(HttpStatusCode.NotFound, forged.Status);
        }
        Assert.Equal(0, await DbAsync(db => db.TransportHandovers.Where(t => t.Id == handoverId).Select(t => t.FailedAttempts).SingleAsync()));

        // The guard's training lapses during the shift: the board and the confirmation close at once.
        Assert.NotNull(await With<GuardService, IReadOnlyList<GuardService.ShelterBoard>?>(g => g.BoardAsync(CaseSteps.ViewerOf(mine, RoleCatalog.SecurityOfficer), GuardRoles)));
        await DbAsync(db => db.Trainings.Where(t => t.UserId == mine.Id).ExecuteUpdateAsync(t => t.SetProperty(x => x.ValidUntil, Today.AddDays(-1))));
        Assert.Null(await With<GuardService, IReadOnlyList<GuardService.ShelterBoard>?>(g => g.BoardAsync(CaseSteps.ViewerOf(mine, RoleCatalog.SecurityOfficer), GuardRoles)));
        Assert.Null(await With<TransportService, Dictionary<string, string[]>?>(t => t.ConfirmAsync(CaseSteps.ViewerOf(mine, RoleCatalog.SecurityOfficer), GuardRoles, handoverId, arranged.Code)));
        using (var lapsed = await app.SessionAsync(mine))
            Assert.Equal(HttpStatusCode.NotFound, (await lapsed.GetAsync("/Accommodation/Guard")).Status);
        Assert.Null(await DbAsync(db => db.TransportHandovers.Where(t => t.Id == handoverId).Select(t => t.ConfirmedAt).SingleAsync()));
    }

    [Fact]
    public async Task A_shift_on_the_first_or_last_day_of_the_calendar_is_refused_by_field_never_a_500()
    {
        CultureInfo.CurrentUICulture = new("en");
        var w = await PlacedAsync();
        var guard = await GuardAsync(Today.AddDays(90));
        foreach (var (day, hour) in new[] { (DateOnly.MinValue, 0), (DateOnly.MinValue, 3), (DateOnly.MaxValue, 23) })
        {
            var input = ShiftNow(w.ShelterId, guard);
            (input.Day, input.StartHour) = (day, hour);
            var errors = await With<GuardService, Dictionary<string, string[]>?>(g => g.AddShiftAsync(w.Shelter, Manager, input));
            Assert.NotEmpty(errors!);
        }
        using var home = await app.SessionAsync(w.Manager);
        var token = await TokenOfAsync(home, "/Accommodation/Security");
        var page = await ForgeAsync(home, token, "/Accommodation/Security?handler=Shift", new()
        {
            ["Shift.ShelterId"] = w.ShelterId.ToString(),
            ["Shift.Guard"] = guard.UserName,
            ["Shift.Day"] = "0001-01-01",
            ["Shift.StartHour"] = "0",
            ["Shift.Hours"] = "8",
        });
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(0, await DbAsync(db => db.GuardShifts.CountAsync(s => s.GuardUserId == guard.Id)));
    }

    // ---------------------------------------------------------------- the placements API

    private async Task<HttpClient> ClientAsync(TestUser user, string scopes)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(user, scopes));
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        return client;
    }

    private static HttpRequestMessage Post(string url, string? json, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url);
        if (json is not null)
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        request.Headers.Add("Idempotency-Key", key ?? "k-" + Guid.NewGuid().ToString("N"));
        return request;
    }

    [Fact]
    public async Task The_placements_API_lists_and_discharges_nothing_across_shelters_and_answers_garbage_with_a_400_never_a_500()
    {
        CultureInfo.CurrentUICulture = new("en");
        var w = await PlacedAsync();
        var other = await GuardTests.ShelterAsync(app, "9");
        var prosecutor = await ProsecutorOnAsync(w);
        var scopes = AccommodationModule.PlacementsReadScope + " " + AccommodationModule.PlacementsWriteScope;
        var dischargeBody = JsonSerializer.Serialize(new { on = Today, reason = "PlanCompleted", destination = "Family", followUpConsent = false }, ReferralSteps.ApiJson);

        // Strangers and readers of the case: no list of the shelter's stays, no alias, and no discharge.
        foreach (var user in new[] { other.Manager, w.Investigator, prosecutor })
        {
            using var client = await ClientAsync(user, scopes);
            var list = await client.GetAsync("/api/v1/placements");
            var body = await list.Content.ReadAsStringAsync();
            Assert.DoesNotContain(w.PlacementId.ToString(), body, StringComparison.Ordinal);
            Assert.DoesNotContain(w.Alias, body, StringComparison.Ordinal);
            var forCase = await client.GetAsync($"/api/v1/placements?caseId={w.CaseId}");
            var text = await forCase.Content.ReadAsStringAsync();
            Assert.DoesNotContain(w.Alias, text, StringComparison.Ordinal);
            Assert.DoesNotContain(w.Address, text, StringComparison.Ordinal);
            Assert.DoesNotContain(w.Name, text, StringComparison.Ordinal);
            var discharge = await client.SendAsync(Post($"/api/v1/placements/{w.PlacementId}/discharge", dischargeBody));
            Assert.True(discharge.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, user.UserName + " " + discharge.StatusCode);
            var admit = await client.SendAsync(Post("/api/v1/placements", JsonSerializer.Serialize(new { caseId = w.CaseId, bedId = (await DbAsync(db => db.Beds.Where(b => b.ShelterId == w.ShelterId && b.Label == "2").Select(b => b.Id).SingleAsync())) }, ReferralSteps.ApiJson)));
            Assert.True(admit.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest or HttpStatusCode.Conflict, user.UserName + " " + admit.StatusCode);
        }
        Assert.Null(await DbAsync(db => db.Placements.Where(p => p.Id == w.PlacementId).Select(p => p.DischargedAt).SingleAsync()));
        Assert.Equal(1, await DbAsync(db => db.Placements.CountAsync(p => p.CaseId == w.CaseId)));

        // Garbage from the stay's own shelter: 400 (or 404 for a route that does not match), never a 500, nothing written.
        using var own = await ClientAsync(w.Manager, scopes);
        var stay = $"/api/v1/placements/{w.PlacementId}/discharge";
        var bodies = new (string Url, string? Json)[]
        {
            (stay, "{"), (stay, null), (stay, "[]"), (stay, "null"), (stay, """{"on":"not-a-date","reason":"PlanCompleted"}"""),
            (stay, """{"on":"2026-12-01","reason":"Escaped","destination":"Family"}"""), (stay, """{"on":"2026-12-01","reason":99,"destination":"Family"}"""),
            (stay, """{"on":"0001-01-01","reason":"PlanCompleted","destination":"Family","followUpConsent":"yes"}"""),
            (stay, "{\"on\":\"2026-12-01\",\"reason\":\"PlanCompleted\",\"destination\":\"Family\",\"notes\":\"" + new string('n', 200_000) + "\"}"),
            ("/api/v1/placements", """{"caseId":"not-a-guid"}"""), ("/api/v1/placements", "{\"caseId\":\"" + w.CaseId + "\",\"bedId\":null,\"alias\":\"" + new string('a', 100_000) + "\"}"),
            ("/api/v1/placements", """{"caseId":12}"""), ("/api/v1/placements", "{}"),
        };
        foreach (var (url, json) in bodies)
        {
            var response = await own.SendAsync(Post(url, json));
            Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity or HttpStatusCode.Conflict, url + " " + (json?.Length > 200 ? json[..200] : json) + " → " + response.StatusCode);
        }
        foreach (var url in new[] { "/api/v1/placements/not-a-guid/discharge", $"/api/v1/placements/{Guid.NewGuid()}/discharge" })
            Assert.Equal(HttpStatusCode.NotFound, (await own.SendAsync(Post(url, dischargeBody))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await own.SendAsync(Post(stay, dischargeBody, new string('k', 5000)))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await own.GetAsync("/api/v1/placements?caseId=not-a-guid")).StatusCode);
        Assert.Null(await DbAsync(db => db.Placements.Where(p => p.Id == w.PlacementId).Select(p => p.DischargedAt).SingleAsync()));
        // The shelter's own list still carries its stay, with the alias and no address.
        var mine = await own.GetStringAsync("/api/v1/placements");
        Assert.Contains(w.Alias, mine, StringComparison.Ordinal);
        Assert.DoesNotContain(w.Address, mine, StringComparison.Ordinal);
    }
}

public sealed class AttackLifeOnSqlite(SqliteApp app) : AttackLife(app), IClassFixture<SqliteApp>;
