using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Features.Protection;
using Ariadne.Web.Features.Services;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>
/// Services: the Squad plans and refers, the provider accepts (the onward referral's grant), records sessions under the
/// class of the service, and completing the service ends the grant; compensation and interpreters; who may not look or write.
/// </summary>
public abstract class ServicesTests(AriadneApp app)
{
    private Task<T> DbAsync<T>(Func<AriadneDbContext, Task<T>> query) => app.WithScopeAsync(sp => query(sp.GetRequiredService<AriadneDbContext>()));

    private Task<T> ServicesAsync<T>(Func<ServicePlanService, Task<T>> work) => app.WithScopeAsync(sp => work(sp.GetRequiredService<ServicePlanService>()));

    private DateOnly Today => DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime);

    private static Viewer Squad(TestUser u) => CaseSteps.ViewerOf(u, RoleCatalog.Investigator);

    private static Viewer Professional(TestUser u) => CaseSteps.ViewerOf(u, RoleCatalog.ServiceProfessional);

    private Task<TestUser> ProviderAsync() => app.CreateUserAsync(InstitutionKind.ServiceProvider, [RoleCatalog.ServiceProfessional]);

    /// <summary>A service professional of another provider institution (the test users share one institution per kind otherwise).</summary>
    private async Task<TestUser> OtherProviderAsync()
    {
        var user = await ProviderAsync();
        var institutionId = await DbAsync(async db =>
        {
            var other = new Institution { Name = "Other provider " + Guid.NewGuid().ToString("N")[..6], Code = "T-SP-" + Guid.NewGuid().ToString("N")[..6], Kind = InstitutionKind.ServiceProvider, CreatedAt = app.Time.GetUtcNow() };
            db.Institutions.Add(other);
            await db.SaveChangesAsync();
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.InstitutionId, other.Id));
            return other.Id;
        });
        return user with { InstitutionId = institutionId };
    }

    private async Task ConsentAsync(TestUser investigator, Guid caseId, Guid providerInstitutionId) =>
        Assert.Empty((await app.WithScopeAsync(sp => sp.GetRequiredService<ConsentService>().RecordConsentAsync(Squad(investigator), caseId, new()
        {
            Purposes = [ConsentPurpose.Services, ConsentPurpose.DataSharing],
            RecipientInstitutionId = providerInstitutionId,
            Form = ConsentForm.Written,
            GivenOn = Today,
        })))!);

    /// <summary>A case whose service of <paramref name="type"/> was referred to the test provider (with consent) and accepted.</summary>
    private async Task<(TestUser Investigator, Guid CaseId, TestUser Provider, Guid ServiceId)> AcceptedAsync(ServiceType type, CaseInput? input = null, params DataClass[] share)
    {
        var (investigator, view) = await app.NewCaseAsync(input ?? CaseSteps.SampleInput("svc"));
        var provider = await ProviderAsync();
        await ConsentAsync(investigator, view.Id, provider.InstitutionId);
        Assert.Empty((await ServicesAsync(s => s.ReferAsync(Squad(investigator), view.Id, new() { Type = type, ProviderInstitutionId = provider.InstitutionId, Share = [.. share] })))!);
        var serviceId = await DbAsync(db => db.ServiceReferrals.Where(s => s.CaseId == view.Id).Select(s => s.Id).SingleAsync());
        Assert.Empty((await ServicesAsync(s => s.AnswerAsync(Professional(provider), serviceId, OnwardService.Answer.Accept, null)))!);
        return (investigator, view.Id, provider, serviceId);
    }

    [Fact]
    public async Task The_squad_plans_and_refers_the_provider_accepts_records_health_sessions_and_completing_ends_the_grant()
    {
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("en");
        var (investigator, view) = await app.NewCaseAsync(CaseSteps.SampleInput("plan"));
        var provider = await ProviderAsync();
        var squad = Squad(investigator);

        // The plan: bad input names each field and saves nothing; then a goal.
        var bad = await ServicesAsync(s => s.SaveGoalAsync(squad, view.Id, new() { Text = " " }));
        Assert.Equal("Choose the service.", Assert.Single(bad!["Type"]));
        Assert.Equal("Write the goal.", Assert.Single(bad["Text"]));
        Assert.Equal(0, await DbAsync(db => db.ServiceGoals.CountAsync(g => g.CaseId == view.Id)));
        Assert.Empty((await ServicesAsync(s => s.SaveGoalAsync(squad, view.Id, new() { Type = ServiceType.Psychological, Text = "Sleeps without nightmares", TargetDate = Today.AddDays(90) })))!);
        var goal = await DbAsync(db => db.ServiceGoals.AsNoTracking().SingleAsync(g => g.CaseId == view.Id));
        Assert.Equal(GoalStatus.Planned, goal.Status);
        Assert.DoesNotContain("nightmares", System.Text.Encoding.UTF8.GetString(goal.TextEnc!), StringComparison.Ordinal);

        // Referring needs the person's consent for this provider: refused, and neither the service nor an onward referral is left behind.
        var refer = new ServicePlanService.ReferInput { Type = ServiceType.Psychological, GoalId = goal.Id, ProviderInstitutionId = provider.InstitutionId, Share = [DataClass.Identity, DataClass.Health, DataClass.Care] };
        var noConsent = await ServicesAsync(s => s.ReferAsync(squad, view.Id, refer));
        Assert.True(noConsent!.ContainsKey("ProviderInstitutionId"));
        Assert.Equal(0, await DbAsync(db => db.ServiceReferrals.CountAsync(s => s.CaseId == view.Id)));
        Assert.Equal(0, await DbAsync(db => db.OnwardReferrals.CountAsync(o => o.CaseId == view.Id)));
        await ConsentAsync(investigator, view.Id, provider.InstitutionId);
        Assert.Empty((await ServicesAsync(s => s.ReferAsync(squad, view.Id, refer)))!);
        var service = await DbAsync(db => db.ServiceReferrals.AsNoTracking().SingleAsync(s => s.CaseId == view.Id));
        Assert.Equal(OnwardStatus.Pending, await DbAsync(db => db.OnwardReferrals.Where(o => o.Id == service.OnwardReferralId).Select(o => o.Status).SingleAsync()));
        Assert.Equal(GoalStatus.InProgress, await DbAsync(db => db.ServiceGoals.Where(g => g.Id == goal.Id).Select(g => g.Status).SingleAsync()));

        // Before accepting, the provider cannot see the case; declining needs a reason.
        using var home = await app.SessionAsync(provider);
        Assert.Equal(HttpStatusCode.NotFound, (await home.GetAsync($"/Cases/Services?id={view.Id}")).Status);
        var noReason = await ServicesAsync(s => s.AnswerAsync(Professional(provider), service.Id, OnwardService.Answer.Decline, null));
        Assert.Equal("Choose why you decline.", Assert.Single(noReason!["Reason"]));
        Assert.Equal(OnwardStatus.Pending, await DbAsync(db => db.OnwardReferrals.Where(o => o.Id == service.OnwardReferralId).Select(o => o.Status).SingleAsync()));
        Assert.Empty((await ServicesAsync(s => s.AnswerAsync(Professional(provider), service.Id, OnwardService.Answer.Accept, null)))!);
        var grantId = await DbAsync(db => db.OnwardReferrals.Where(o => o.Id == service.OnwardReferralId).Select(o => o.GrantId).SingleAsync());
        Assert.NotNull(grantId);

        // The provider records sessions: bad input saves nothing; a psychological session is sealed as Health.
        var page = await home.GetAsync($"/Cases/Services?id={view.Id}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        // The only service the provider can record for comes chosen.
        Assert.Equal(service.Id.ToString(), page.Document.QuerySelector("#SessionServiceId option[selected]")?.GetAttribute("value"));
        var refused = await home.SubmitAsync(page, "form[data-session-form]", new Dictionary<string, string>
        {
            ["SessionServiceId"] = service.Id.ToString(),
            ["Session.HeldOn.Day"] = "1",
            ["Session.HeldOn.Month"] = "1",
            ["Session.HeldOn.Year"] = "2099",
            ["Session.Minutes"] = "0",
            ["Session.Outcome"] = "",
        });
        Assert.NotNull(refused.FieldError("Session_HeldOn"));
        Assert.Equal("Enter the duration in whole minutes, from 1 to 600.", refused.FieldError("Session_Minutes"));
        Assert.Equal("Write the outcome of the session.", refused.FieldError("Session_Outcome"));
        Assert.Equal(0, await DbAsync(db => db.ServiceSessions.CountAsync(s => s.CaseId == view.Id)));
        var saved = await home.SubmitAsync(page, "form[data-session-form]", new Dictionary<string, string>
        {
            ["SessionServiceId"] = service.Id.ToString(),
            ["Session.HeldOn.Day"] = Today.Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Session.HeldOn.Month"] = Today.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Session.HeldOn.Year"] = Today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Session.Minutes"] = "50",
            ["Session.Outcome"] = "Grounding exercises; sleeps four hours",
        });
        Assert.Contains("The session is recorded.", saved.Text, StringComparison.Ordinal);
        Assert.Contains("Grounding exercises", saved.Document.QuerySelector($"[data-service-id='{service.Id}'] [data-sessions]")!.TextContent, StringComparison.Ordinal);
        var stored = await DbAsync(db => db.ServiceSessions.AsNoTracking().SingleAsync(s => s.CaseId == view.Id));
        Assert.NotNull(stored.HealthEnc);
        Assert.Null(stored.CareEnc);
        Assert.DoesNotContain("Grounding", System.Text.Encoding.UTF8.GetString(stored.HealthEnc!), StringComparison.Ordinal);

        // The investigator sees the service and its state, not the health sessions; and may not write them (a clear refusal).
        using var office = await app.SessionAsync(investigator);
        var squadPage = await office.GetAsync($"/Cases/Services?id={view.Id}");
        Assert.Equal("InProgress", squadPage.Document.QuerySelector($"[data-service-id='{service.Id}']")!.GetAttribute("data-service-state"));
        Assert.NotNull(squadPage.Document.QuerySelector($"[data-service-id='{service.Id}'] [data-sessions-hidden]"));
        Assert.DoesNotContain("Grounding", squadPage.Html, StringComparison.Ordinal);
        Assert.Contains("Sleeps without nightmares", squadPage.Html, StringComparison.Ordinal);
        var squadSession = await ServicesAsync(s => s.RecordSessionAsync(squad, service.Id, new() { HeldOn = Today, Minutes = 30, Outcome = "x" }));
        Assert.Equal("Only the provider this service was referred to records its sessions, while its access lasts.", Assert.Single(squadSession![""]));

        // Another provider institution sees nothing: 404 and no session.
        var other = await OtherProviderAsync();
        using var elsewhere = await app.SessionAsync(other);
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.GetAsync($"/Cases/Services?id={view.Id}")).Status);
        Assert.Null(await ServicesAsync(s => s.RecordSessionAsync(Professional(other), service.Id, new() { HeldOn = Today, Minutes = 30, Outcome = "x" })));
        Assert.Null(await ServicesAsync(s => s.ReadAsync(Professional(other), view.Id)));

        // Completing the service ends the provider's grant with it: no more reading, no more sessions.
        var ended = await home.SubmitAsync(await home.GetAsync($"/Cases/Services?id={view.Id}"), $"[data-service-id='{service.Id}'] form[data-end-form]");
        Assert.Equal(HttpStatusCode.NotFound, ended.Status); // redirected back to a tab it can no longer open
        Assert.NotNull(await DbAsync(db => db.Grants.Where(g => g.Id == grantId).Select(g => g.RevokedAt).SingleAsync()));
        Assert.Equal(OnwardStatus.Completed, await DbAsync(db => db.OnwardReferrals.Where(o => o.Id == service.OnwardReferralId).Select(o => o.Status).SingleAsync()));
        Assert.Null(await ServicesAsync(s => s.RecordSessionAsync(Professional(provider), service.Id, new() { HeldOn = Today, Minutes = 30, Outcome = "after" })));
        Assert.Equal(1, await DbAsync(db => db.ServiceSessions.CountAsync(s => s.CaseId == view.Id)));
        Assert.Equal("Completed", (await office.GetAsync($"/Cases/Services?id={view.Id}")).Document.QuerySelector($"[data-service-id='{service.Id}']")!.GetAttribute("data-service-state"));
    }

    [Fact]
    public async Task On_a_childs_case_only_the_accepting_professional_holds_the_grant_and_a_colleague_gets_nothing()
    {
        var input = CaseSteps.SampleInput("child");
        input.DateOfBirth = Today.AddYears(-15).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var (_, caseId, provider, serviceId) = await AcceptedAsync(ServiceType.Education, input, DataClass.Identity, DataClass.Care);
        var colleague = await ProviderAsync(); // same institution, same role, no grant of their own
        Assert.Equal(provider.InstitutionId, colleague.InstitutionId);
        using var session = await app.SessionAsync(colleague);
        Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync($"/Cases/Services?id={caseId}")).Status);
        Assert.Null(await ServicesAsync(s => s.RecordSessionAsync(Professional(colleague), serviceId, new() { HeldOn = Today, Minutes = 45, Outcome = "x" })));
        // The professional who accepted records an education session, sealed as Care.
        Assert.Empty((await ServicesAsync(s => s.RecordSessionAsync(Professional(provider), serviceId, new() { HeldOn = Today, Minutes = 45, Outcome = "Enrolled in grade 9" })))!);
        var stored = await DbAsync(db => db.ServiceSessions.AsNoTracking().SingleAsync(s => s.CaseId == caseId));
        Assert.NotNull(stored.CareEnc);
        Assert.Null(stored.HealthEnc);
    }

    [Fact]
    public async Task Each_provider_sees_only_its_own_service_and_a_medical_session_needs_health_shared()
    {
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("en");
        // Medical, but the referral shared Identity and Care only: the provider sees its service and may not record a health session.
        var (investigator, caseId, provider, medicalId) = await AcceptedAsync(ServiceType.Medical, null, DataClass.Identity, DataClass.Care);
        var refused = await ServicesAsync(s => s.RecordSessionAsync(Professional(provider), medicalId, new() { HeldOn = Today, Minutes = 20, Outcome = "Blood test" }));
        Assert.StartsWith("The referral did not share the class", Assert.Single(refused![""]), StringComparison.Ordinal);
        Assert.Equal(0, await DbAsync(db => db.ServiceSessions.CountAsync(s => s.CaseId == caseId)));

        // A second provider institution gets vocational training on the same case.
        var other = await OtherProviderAsync();
        await ConsentAsync(investigator, caseId, other.InstitutionId);
        Assert.Empty((await ServicesAsync(s => s.ReferAsync(Squad(investigator), caseId, new() { Type = ServiceType.Vocational, ProviderInstitutionId = other.InstitutionId, Share = [DataClass.Care] })))!);
        var vocationalId = await DbAsync(db => db.ServiceReferrals.Where(s => s.CaseId == caseId && s.Type == ServiceType.Vocational).Select(s => s.Id).SingleAsync());
        Assert.Empty((await ServicesAsync(s => s.AnswerAsync(Professional(other), vocationalId, OnwardService.Answer.Accept, null)))!);
        Assert.Empty((await ServicesAsync(s => s.RecordSessionAsync(Professional(other), vocationalId, new() { HeldOn = Today, Minutes = 120, Outcome = "Sewing course, week 1" })))!);

        var mine = await ServicesAsync(s => s.ReadAsync(Professional(provider), caseId));
        Assert.Equal([medicalId], mine!.Services.Select(x => x.Id));
        var theirs = await ServicesAsync(s => s.ReadAsync(Professional(other), caseId));
        Assert.Equal([vocationalId], theirs!.Services.Select(x => x.Id));
        Assert.Equal("Sewing course, week 1", Assert.Single(Assert.Single(theirs.Services).Sessions).Outcome);
        // The first provider cannot write the other's service either: it does not even see it.
        Assert.Null(await ServicesAsync(s => s.RecordSessionAsync(Professional(provider), vocationalId, new() { HeldOn = Today, Minutes = 5, Outcome = "x" })));
        // A third provider declines translation with a reason: no grant, and the Squad reads why it must look elsewhere.
        var third = await OtherProviderAsync();
        await ConsentAsync(investigator, caseId, third.InstitutionId);
        Assert.Empty((await ServicesAsync(s => s.ReferAsync(Squad(investigator), caseId, new() { Type = ServiceType.Translation, ProviderInstitutionId = third.InstitutionId, Share = [DataClass.Care] })))!);
        var translationId = await DbAsync(db => db.ServiceReferrals.Where(s => s.CaseId == caseId && s.Type == ServiceType.Translation).Select(s => s.Id).SingleAsync());
        Assert.Empty((await ServicesAsync(s => s.AnswerAsync(Professional(third), translationId, OnwardService.Answer.Decline, DeclineReason.NoCapacity)))!);
        Assert.Null(await ServicesAsync(s => s.ReadAsync(Professional(third), caseId)));
        Assert.Equal(OnwardStatus.Declined, await DbAsync(db => db.OnwardReferrals.Where(o => o.CaseId == caseId && o.RecipientInstitutionId == third.InstitutionId).Select(o => o.Status).SingleAsync()));

        // The Squad sees all three, and the vocational session (Care), not a medical one (none was written).
        var all = await ServicesAsync(s => s.ReadAsync(Squad(investigator), caseId));
        Assert.Equal(3, all!.Services.Count);
        Assert.Equal(ServicePlanService.ServiceState.Declined, all.Services.Single(x => x.Id == translationId).State);
        Assert.Single(all.Services.Single(x => x.Id == vocationalId).Sessions);
        Assert.False(all.Services.Single(x => x.Id == medicalId).SessionsVisible);
    }

    [Fact]
    public async Task Compensation_goes_claimed_awarded_paid_and_interpreters_are_booked_by_language()
    {
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("en");
        var (investigator, view) = await app.NewCaseAsync(CaseSteps.SampleInput("comp"));
        var prosecutor = await app.CreateUserAsync(InstitutionKind.Prosecution, [RoleCatalog.Prosecutor]);
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            var c = await db.Cases.FirstAsync(x => x.Id == view.Id);
            var matrix = AccessMatrix.Default[Relation.Prosecutor];
            db.Grants.Add(new Grant { CaseId = view.Id, CaseRecency = c.Recency, GranteeUserId = prosecutor.Id, Relation = Relation.Prosecutor, Read = matrix.Read, Write = matrix.Write, ValidFrom = app.Time.GetUtcNow().AddMinutes(-1), GrantedBy = investigator.Id, Reason = "test" });
            await db.SaveChangesAsync();
        });
        var legal = CaseSteps.ViewerOf(prosecutor, RoleCatalog.Prosecutor);

        // The investigator reads Legal but does not write it: a clear refusal.
        var notYours = await ServicesAsync(s => s.ClaimAsync(Squad(investigator), view.Id, new() { Against = CompensationAgainst.Trafficker, ClaimedOn = Today, Amount = 100 }));
        Assert.Equal("Only the prosecutor or the court on this case records compensation.", Assert.Single(notYours![""]));
        var bad = await ServicesAsync(s => s.ClaimAsync(legal, view.Id, new() { ClaimedOn = Today.AddDays(3), Amount = -5 }));
        Assert.Equal(["Against", "Amount", "ClaimedOn"], bad!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0, await DbAsync(db => db.CompensationClaims.CountAsync(c => c.CaseId == view.Id)));

        Assert.Empty((await ServicesAsync(s => s.ClaimAsync(legal, view.Id, new() { Against = CompensationAgainst.StateFund, ClaimedOn = Today.AddDays(-20), Amount = 5000m })))!);
        var claimId = await DbAsync(db => db.CompensationClaims.Where(c => c.CaseId == view.Id).Select(c => c.Id).SingleAsync());
        var skip = await ServicesAsync(s => s.AdvanceClaimAsync(legal, view.Id, new() { ClaimId = claimId, Stage = CompensationStage.Paid, On = Today, Amount = 1 }));
        Assert.True(skip!.ContainsKey("Stage"));
        var early = await ServicesAsync(s => s.AdvanceClaimAsync(legal, view.Id, new() { ClaimId = claimId, Stage = CompensationStage.Awarded, On = Today.AddDays(-30), Amount = 4000m }));
        Assert.True(early!.ContainsKey("On")); // before the claim
        Assert.Empty((await ServicesAsync(s => s.AdvanceClaimAsync(legal, view.Id, new() { ClaimId = claimId, Stage = CompensationStage.Awarded, On = Today.AddDays(-10), Amount = 4000m })))!);
        Assert.Empty((await ServicesAsync(s => s.AdvanceClaimAsync(legal, view.Id, new() { ClaimId = claimId, Stage = CompensationStage.Paid, On = Today, Amount = 4000m })))!);
        var claim = Assert.Single((await ServicesAsync(s => s.ReadAsync(Squad(investigator), view.Id)))!.Claims);
        Assert.Equal((CompensationStage.Paid, CompensationAgainst.StateFund, 5000m, 4000m, 4000m, Today), (claim.Stage, claim.Against, claim.ClaimedAmount, claim.AwardedAmount!.Value, claim.PaidAmount!.Value, claim.PaidOn!.Value));
        Assert.DoesNotContain("5000", System.Text.Encoding.UTF8.GetString(await DbAsync(db => db.CompensationClaims.Where(c => c.Id == claimId).Select(c => c.ContentEnc!).SingleAsync())), StringComparison.Ordinal);

        // Interpreters: the language from ISO 639-1, a time in Baku, and what it is for; bad input saves nothing.
        var wrong = await ServicesAsync(s => s.BookInterpreterAsync(Squad(investigator), view.Id, new() { Language = "xx", On = Today.AddDays(1), Time = "25:99" }));
        Assert.Equal(["Language", "Purpose", "Time"], wrong!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0, await DbAsync(db => db.InterpreterBookings.CountAsync(b => b.CaseId == view.Id)));
        Assert.Empty((await ServicesAsync(s => s.BookInterpreterAsync(Squad(investigator), view.Id, new() { Language = "uz", On = Today.AddDays(1), Time = "10:30", Purpose = "Hearing at the district court" })))!);
        var booking = await DbAsync(db => db.InterpreterBookings.AsNoTracking().SingleAsync(b => b.CaseId == view.Id));
        Assert.Equal("uz", booking.Language);
        Assert.Equal(new DateTimeOffset(Today.AddDays(1).ToDateTime(new TimeOnly(6, 30)), TimeSpan.Zero), booking.At); // 10:30 in Baku (UTC+4)
        using var office = await app.SessionAsync(investigator);
        var page = await office.GetAsync($"/Cases/Services?id={view.Id}");
        Assert.Contains("Uzbek", page.Document.QuerySelector("[data-booking='uz']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Paid", page.Document.QuerySelector($"[data-claim='{claimId}']")!.GetAttribute("data-claim-stage"));

        // A provider of a service on this case reads no Legal: the compensation section says so.
        var provider = await ProviderAsync();
        await ConsentAsync(investigator, view.Id, provider.InstitutionId);
        Assert.Empty((await ServicesAsync(s => s.ReferAsync(Squad(investigator), view.Id, new() { Type = ServiceType.Social, ProviderInstitutionId = provider.InstitutionId, Share = [DataClass.Care] })))!);
        var serviceId = await DbAsync(db => db.ServiceReferrals.Where(s => s.CaseId == view.Id).Select(s => s.Id).SingleAsync());
        Assert.Empty((await ServicesAsync(s => s.AnswerAsync(Professional(provider), serviceId, OnwardService.Answer.Accept, null)))!);
        var seen = await ServicesAsync(s => s.ReadAsync(Professional(provider), view.Id));
        Assert.False(seen!.LegalVisible);
        Assert.Empty(seen.Claims);
        Assert.Empty(seen.Bookings); // booked for the hearing, not for its service
    }

    [Fact]
    public async Task The_api_lists_the_services_and_records_a_session_once_per_idempotency_key()
    {
        var (investigator, caseId, provider, serviceId) = await AcceptedAsync(ServiceType.Legal, null, DataClass.Identity, DataClass.Care);
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(provider, CasesModule.WriteScope));
        var body = new { heldOn = Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), minutes = 40, outcome = "Statement for the compensation claim prepared" };

        async Task<HttpResponseMessage> PostAsync(object content, string? key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/services/{serviceId}/sessions") { Content = JsonContent.Create(content, options: ReferralSteps.ApiJson) };
            if (key is not null)
                request.Headers.Add("Idempotency-Key", key);
            return await client.SendAsync(request);
        }

        var first = await PostAsync(body, "k-1");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var again = await PostAsync(body, "k-1");
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        var id1 = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        Assert.Equal(id1, JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid());
        Assert.Equal(1, await DbAsync(db => db.ServiceSessions.CountAsync(s => s.ServiceReferralId == serviceId)));
        Assert.Equal((HttpStatusCode)422, (await PostAsync(body with { minutes = 41 }, "k-1")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(body, null)).StatusCode);
        var invalid = await PostAsync(body with { minutes = 0, outcome = "" }, "k-2");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var problem = await invalid.Content.ReadAsStringAsync();
        Assert.Contains("minutes", problem, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, await DbAsync(db => db.ServiceSessions.CountAsync(s => s.ServiceReferralId == serviceId)));

        var list = await client.GetAsync($"/api/v1/services?caseId={caseId}");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var service = Assert.Single(JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement.EnumerateArray());
        Assert.Equal(serviceId, service.GetProperty("id").GetGuid());
        Assert.Equal(id1, Assert.Single(service.GetProperty("sessions").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/services")).StatusCode);

        // The investigator's token: the case is visible, writing a provider's session is refused (403); another provider: 404.
        using var squad = app.CreateClient();
        squad.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(investigator, CasesModule.WriteScope));
        using var squadPost = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/services/{serviceId}/sessions") { Content = JsonContent.Create(body, options: ReferralSteps.ApiJson) };
        squadPost.Headers.Add("Idempotency-Key", "s-1");
        Assert.Equal(HttpStatusCode.Forbidden, (await squad.SendAsync(squadPost)).StatusCode);
        using var stranger = app.CreateClient();
        stranger.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(await OtherProviderAsync(), CasesModule.WriteScope));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/services?caseId={caseId}")).StatusCode);
    }
}

// On PostgreSQL only (the production database): this class tests a feature, not the database. Its pages' queries run on SQLite
// too, in the sweep of every handler (SweepTests) and the crawl of every page by every role (UniqueIdTests).
public sealed class ServicesTestsOnPostgres(PostgresApp app) : ServicesTests(app), IClassFixture<PostgresApp>;
