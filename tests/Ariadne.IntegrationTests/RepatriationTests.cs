using System.Globalization;
using System.Net;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Features.Protection;
using Ariadne.Web.Features.Reintegration;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>
/// Return and safety (issue 13, parts 5 and 6): the partner sees only the minimal travel view and only with consent;
/// closing a case takes its outcome; re-trafficking flags stay with the case's workers (the Coordinator gets a number);
/// witness-safety measures are the Squad's and the prosecutor's and carry no location; bad input names the field.
/// </summary>
public abstract class RepatriationTests(AriadneApp app)
{
    private Task<T> DbAsync<T>(Func<AriadneDbContext, Task<T>> query) => app.WithScopeAsync(sp => query(sp.GetRequiredService<AriadneDbContext>()));

    private Task<T> ServiceAsync<T>(Func<ReintegrationService, Task<T>> work) => app.WithScopeAsync(sp => work(sp.GetRequiredService<ReintegrationService>()));

    private DateOnly Today => DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime);

    private static Viewer Squad(TestUser u) => CaseSteps.ViewerOf(u, RoleCatalog.Investigator);

    private static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>A partner officer of a fresh international-partner institution (the test users share one institution per kind otherwise).</summary>
    private async Task<TestUser> PartnerAsync()
    {
        var user = await app.CreateUserAsync(InstitutionKind.InternationalPartner, [RoleCatalog.PartnerOfficer]);
        var institutionId = await DbAsync(async db =>
        {
            var own = new Institution { Name = "Partner " + Guid.NewGuid().ToString("N")[..6], Code = "T-IP-" + Guid.NewGuid().ToString("N")[..6], Kind = InstitutionKind.InternationalPartner, CreatedAt = app.Time.GetUtcNow() };
            db.Institutions.Add(own);
            await db.SaveChangesAsync();
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.InstitutionId, own.Id));
            return own.Id;
        });
        return user with { InstitutionId = institutionId };
    }

    private Task<Dictionary<string, string[]>?> ConsentAsync(TestUser investigator, Guid caseId, Guid partnerId) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<ConsentService>().RecordConsentAsync(Squad(investigator), caseId, new()
        {
            Purposes = [ConsentPurpose.Repatriation],
            RecipientInstitutionId = partnerId,
            Form = ConsentForm.Written,
            GivenOn = Today,
        }));

    private ReintegrationService.RepatriationInput Plan(Guid partnerId) => new()
    {
        DestinationCountry = "TUR",
        PartnerInstitutionId = partnerId,
        DocumentType = TravelDocumentType.Passport,
        DocumentStatus = TravelDocumentStatus.Issued,
        DocumentNumber = "P-77441100",
        Escort = EscortKind.PartnerStaff,
        EscortBy = "Partner's Istanbul office",
        PlannedOn = Today.AddDays(10),
        ArrivalPoint = "Istanbul Airport",
        ReceivingOrganisation = "Receiving shelter Istanbul",
        NeedsOnArrival = "Insulin on arrival",
    };

    private async Task GrantAsync(TestUser investigator, Guid caseId, Relation relation, TestUser grantee, DataClass[] read, DataClass[] write) =>
        Assert.Empty(await app.WithScopeAsync(sp => sp.GetRequiredService<GrantService>().AddAsync(Squad(investigator), caseId,
            new GrantService.GrantInput { Relation = relation, GranteeUserName = grantee.UserName, Read = [.. read], Write = [.. write], Reason = "test" })));

    private static void AssertNothingBeyondTheMinimum(string html, CaseService.CaseView view)
    {
        foreach (var secret in new[] { "Qəmbərova", "Nizami", "Gəncə", "Otel Qafqaz", "Türkiyədə məcburi", "Astma", "887766", "P-77441100", "777 66 55", "Psixoloji", "Cinayət", view.Number })
            Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_partner_sees_only_the_minimal_travel_view_only_with_consent_and_withdrawing_it_ends_the_view()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("en");
        var (investigator, view) = await app.NewCaseAsync(CaseSteps.SampleInput("rp"));
        var partner = await PartnerAsync();
        var squad = Squad(investigator);
        Assert.Empty((await ServiceAsync(s => s.SaveRepatriationAsync(squad, view.Id, Plan(partner.InstitutionId))))!);
        var stored = await DbAsync(db => db.Repatriations.AsNoTracking().SingleAsync(r => r.CaseId == view.Id));
        Assert.DoesNotContain("P-77441100", System.Text.Encoding.UTF8.GetString(stored.DocumentNumbersEnc!), StringComparison.Ordinal);
        Assert.DoesNotContain("Insulin", System.Text.Encoding.UTF8.GetString(stored.ContentEnc!), StringComparison.Ordinal);

        // Without the person's consent to repatriation with this partner: refused, nothing shared.
        var refused = await ServiceAsync(s => s.ShareAsync(squad, view.Id));
        Assert.Equal("Nothing was shared: record the person's consent to repatriation with this partner on the Protection tab first.", Assert.Single(refused![""]));
        Assert.Null(await DbAsync(db => db.Repatriations.Where(r => r.CaseId == view.Id).Select(r => r.SharedAt).SingleAsync()));
        using var home = await app.SessionAsync(partner);
        var empty = await home.GetAsync("/Reintegration/Partner");
        Assert.Equal(HttpStatusCode.OK, empty.Status);
        Assert.NotNull(empty.Document.QuerySelector("[data-no-repatriations]"));
        Assert.DoesNotContain("Zülfiyyərp", empty.Html, StringComparison.Ordinal);

        // With consent: the partner's list shows the first name, age band, travel date, arrival point, needs and receiving organisation.
        Assert.Empty((await ConsentAsync(investigator, view.Id, partner.InstitutionId))!);
        Assert.Empty((await ServiceAsync(s => s.ShareAsync(squad, view.Id)))!);
        var shared = await home.GetAsync("/Reintegration/Partner");
        var row = shared.Document.QuerySelector($"[data-partner-row='{stored.Id}']");
        Assert.NotNull(row);
        Assert.Equal("Zülfiyyərp", row.QuerySelector("[data-first-name]")!.TextContent.Trim());
        foreach (var shown in new[] { "Istanbul Airport", "Insulin on arrival", "Receiving shelter Istanbul", "25–34" })
            Assert.Contains(shown, row.TextContent, StringComparison.Ordinal);
        AssertNothingBeyondTheMinimum(shared.Html, view);
        // The partner holds no grant: the case and its tabs stay a 404.
        Assert.Equal(HttpStatusCode.NotFound, (await home.GetAsync($"/Cases/Reintegration?id={view.Id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await home.GetAsync($"/Cases/Detail?id={view.Id}")).Status);
        // Another partner sees nothing of it; someone who is no partner is not given the page.
        using var otherPartner = await app.SessionAsync(await PartnerAsync());
        Assert.Null((await otherPartner.GetAsync("/Reintegration/Partner")).Document.QuerySelector($"[data-partner-row='{stored.Id}']"));
        using var border = await app.SessionAsync(await app.BorderOfficerAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await border.GetAsync("/Reintegration/Partner")).Status);
        Assert.True(await DbAsync(db => db.AuditEvents.AnyAsync(e => e.CaseId == view.Id && e.Action == ReintegrationAudit.PartnerViewed.Code && e.ActorUserId == partner.Id)));

        // Withdrawing the consent ends the view; a new consent does not bring it back until the Squad shares again.
        var consentId = await DbAsync(db => db.Consents.Where(c => c.CaseId == view.Id && c.WithdrawnAt == null).Select(c => c.Id).SingleAsync());
        Assert.True(await app.WithScopeAsync(sp => sp.GetRequiredService<ConsentService>().WithdrawConsentAsync(squad, view.Id, consentId)));
        var gone = await home.GetAsync("/Reintegration/Partner");
        Assert.Null(gone.Document.QuerySelector($"[data-partner-row='{stored.Id}']"));
        Assert.DoesNotContain("Zülfiyyərp", gone.Html, StringComparison.Ordinal);
        app.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty((await ConsentAsync(investigator, view.Id, partner.InstitutionId))!);
        Assert.Null((await home.GetAsync("/Reintegration/Partner")).Document.QuerySelector($"[data-partner-row='{stored.Id}']"));
    }

    [Fact]
    public async Task The_investigator_reads_the_documents_with_their_numbers_and_steps_follow_in_order()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("en");
        var (investigator, view) = await app.NewCaseAsync(CaseSteps.SampleInput("steps"));
        var partner = await PartnerAsync();
        var squad = Squad(investigator);
        Assert.Empty((await ServiceAsync(s => s.SaveRepatriationAsync(squad, view.Id, Plan(partner.InstitutionId))))!);
        Assert.Empty((await ServiceAsync(s => s.SaveRepatriationAsync(squad, view.Id, new()
        {
            DestinationCountry = "TUR",
            PartnerInstitutionId = partner.InstitutionId,
            DocumentType = TravelDocumentType.Visa,
            DocumentStatus = TravelDocumentStatus.Applied,
            Escort = EscortKind.PartnerStaff,
            PlannedOn = Today.AddDays(10),
        })))!);
        var state = await ServiceAsync(s => s.ReadAsync(squad, view.Id));
        var r = state!.Repatriation!;
        Assert.Equal(new (TravelDocumentType, string?)[] { (TravelDocumentType.Passport, "P-77441100"), (TravelDocumentType.Visa, null) }, r.Documents.Select(d => (d.Type, d.Number)));

        // Documents are ready only when every document is issued; no step is skipped; cancelling needs a reason.
        var notIssued = await ServiceAsync(s => s.ProgressAsync(squad, view.Id, new() { Status = RepatriationStatus.DocumentsReady }));
        Assert.Equal("Documents are ready only when every travel document is recorded as issued.", Assert.Single(notIssued!["Status"]));
        var skipped = await ServiceAsync(s => s.ProgressAsync(squad, view.Id, new() { Status = RepatriationStatus.Received, On = Today }));
        Assert.Equal("Choose a next step that follows from where the repatriation stands.", Assert.Single(skipped!["Status"]));
        var noReason = await ServiceAsync(s => s.ProgressAsync(squad, view.Id, new() { Status = RepatriationStatus.Cancelled, Reason = " " }));
        Assert.Equal("Write why the repatriation is cancelled.", Assert.Single(noReason!["Reason"]));
        Assert.Equal(RepatriationStatus.Planned, await DbAsync(db => db.Repatriations.Where(x => x.CaseId == view.Id).Select(x => x.Status).SingleAsync()));
        Assert.Empty((await ServiceAsync(s => s.SaveRepatriationAsync(squad, view.Id, new()
        {
            DestinationCountry = "TUR",
            PartnerInstitutionId = partner.InstitutionId,
            DocumentType = TravelDocumentType.Visa,
            DocumentStatus = TravelDocumentStatus.Issued,
            DocumentNumber = "V-1",
            Escort = EscortKind.PartnerStaff,
            PlannedOn = Today.AddDays(10),
        })))!);
        Assert.Empty((await ServiceAsync(s => s.ProgressAsync(squad, view.Id, new() { Status = RepatriationStatus.DocumentsReady })))!);
        var future = await ServiceAsync(s => s.ProgressAsync(squad, view.Id, new() { Status = RepatriationStatus.Travelled, On = Today.AddDays(3) }));
        Assert.Equal("Enter the day it happened: not in the future and not before the earlier step.", Assert.Single(future!["On"]));
        Assert.Empty((await ServiceAsync(s => s.ProgressAsync(squad, view.Id, new() { Status = RepatriationStatus.Travelled, On = Today })))!);
        Assert.Empty((await ServiceAsync(s => s.ProgressAsync(squad, view.Id, new() { Status = RepatriationStatus.Received, On = Today })))!);
        var done = await ServiceAsync(s => s.SaveRepatriationAsync(squad, view.Id, Plan(partner.InstitutionId)));
        Assert.Equal("This repatriation has ended: it can no longer be changed or shared.", Assert.Single(done![""]));

        // The page shows the documents with their numbers to the investigator (who reads Identity).
        using var session = await app.SessionAsync(investigator);
        var page = await session.GetAsync($"/Cases/Reintegration?id={view.Id}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("P-77441100", page.Document.QuerySelector("[data-document='Passport']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Received", page.Document.QuerySelector("[data-repatriation]")!.GetAttribute("data-repatriation-status"));
    }

    [Fact]
    public async Task Bad_repatriation_input_names_each_field_and_saves_nothing()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("en");
        var (investigator, view) = await app.NewCaseAsync(CaseSteps.SampleInput("badrp"));
        var partner = await PartnerAsync();
        var squad = Squad(investigator);
        var errors = await ServiceAsync(s => s.SaveRepatriationAsync(squad, view.Id, new() { DestinationCountry = "XXX", DocumentStatus = TravelDocumentStatus.Issued, PlannedOn = Today.AddYears(5) }));
        Assert.Equal("Choose the destination country.", Assert.Single(errors!["DestinationCountry"]));
        Assert.Equal("Choose the partner organisation, or write the name of one not in the system.", Assert.Single(errors["PartnerInstitutionId"]));
        Assert.Equal("Choose the travel document.", Assert.Single(errors["DocumentType"]));
        Assert.Equal("Enter the number of the issued document.", Assert.Single(errors["DocumentNumber"]));
        Assert.Equal("Choose the escort, or no escort.", Assert.Single(errors["Escort"]));
        Assert.Equal("Enter the planned travel date, within a year before and two years after today.", Assert.Single(errors["PlannedOn"]));
        var squadAsPartner = Plan(partner.InstitutionId);
        squadAsPartner.PartnerInstitutionId = investigator.InstitutionId;
        var shelterAsPartner = await ServiceAsync(s => s.SaveRepatriationAsync(squad, view.Id, squadAsPartner));
        Assert.Equal("Choose an international partner from the list.", Assert.Single(shelterAsPartner!["PartnerInstitutionId"]));
        Assert.Equal(0, await DbAsync(db => db.Repatriations.CountAsync(r => r.CaseId == view.Id)));

        // On the page: the same words, by the field.
        using var session = await app.SessionAsync(investigator);
        var page = await session.GetAsync($"/Cases/Reintegration?id={view.Id}");
        var shown = await session.SubmitAsync(page, "form[data-repatriation-form]", new Dictionary<string, string>
        {
            ["Repatriation.PlannedOn.Day"] = "1",
            ["Repatriation.PlannedOn.Month"] = "1",
            ["Repatriation.PlannedOn.Year"] = "2099",
        });
        Assert.Equal("Choose the destination country.", shown.FieldError("Repatriation_DestinationCountry"));
        Assert.Equal("Choose the partner organisation, or write the name of one not in the system.", shown.FieldError("Repatriation_PartnerInstitutionId"));
        Assert.Equal("Choose the escort, or no escort.", shown.FieldError("Repatriation_Escort"));
        Assert.NotNull(shown.FieldError("Repatriation_PlannedOn"));
        Assert.Equal(0, await DbAsync(db => db.Repatriations.CountAsync(r => r.CaseId == view.Id)));
        // A partner that is only named: saved, and nothing can be shared with it.
        var named = await session.SubmitAsync(page, "form[data-repatriation-form]", new Dictionary<string, string>
        {
            ["Repatriation.DestinationCountry"] = "UZB",
            ["Repatriation.PartnerName"] = "Named NGO Tashkent",
            ["Repatriation.Escort"] = "None",
            ["Repatriation.PlannedOn.Day"] = Text(Today.AddDays(20).Day),
            ["Repatriation.PlannedOn.Month"] = Text(Today.AddDays(20).Month),
            ["Repatriation.PlannedOn.Year"] = Text(Today.AddDays(20).Year),
        });
        Assert.Contains("The repatriation is saved.", named.Text, StringComparison.Ordinal);
        Assert.Contains("Named NGO Tashkent", named.Document.QuerySelector("[data-repatriation]")!.TextContent, StringComparison.Ordinal);
        var noPartner = await ServiceAsync(s => s.ShareAsync(squad, view.Id));
        Assert.True(noPartner!.ContainsKey("PartnerInstitutionId"));

        // A child's travel details never go to a whole organisation, even with consent.
        var child = CaseSteps.SampleInput("child");
        child.DateOfBirth = Today.AddYears(-15).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var (childInvestigator, childCase) = await app.NewCaseAsync(child);
        Assert.Empty((await ServiceAsync(s => s.SaveRepatriationAsync(Squad(childInvestigator), childCase.Id, Plan(partner.InstitutionId))))!);
        Assert.Empty((await ConsentAsync(childInvestigator, childCase.Id, partner.InstitutionId))!);
        var childShare = await ServiceAsync(s => s.ShareAsync(Squad(childInvestigator), childCase.Id));
        Assert.StartsWith("A child's travel details are not shared with a whole organisation", Assert.Single(childShare![""]), StringComparison.Ordinal);
        Assert.Null(await DbAsync(db => db.Repatriations.Where(r => r.CaseId == childCase.Id).Select(r => r.SharedAt).SingleAsync()));
    }

    [Fact]
    public async Task Closing_a_case_takes_its_outcome_and_closing_and_reopening_are_audited()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("en");
        var (investigator, view) = await app.NewCaseAsync(CaseSteps.SampleInput("close"));
        var squad = Squad(investigator);
        var text = app.Services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Ariadne.Web.SharedResource>>();
        var errors = new CaseInput { Status = CaseStatus.Closed }.Validate(text, Today);
        Assert.Equal("Choose the outcome of the closure: a case is closed only with its outcome.", Assert.Single(errors["ClosureOutcome"]));
        Assert.Equal("Choose an outcome only when you close the case.", Assert.Single(new CaseInput { Status = CaseStatus.Active, ClosureOutcome = CaseClosureOutcome.Repatriated }.Validate(text, Today)["ClosureOutcome"]));
        var cases = (Func<CaseService, Task<CaseService.UpdateOutcome>> work) => app.WithScopeAsync(sp => work(sp.GetRequiredService<CaseService>()));
        Assert.Equal(CaseService.UpdateOutcome.ClosureNeedsOutcome, await cases(c => c.UpdateAsync(squad, view.Id, new CaseInput { Status = CaseStatus.Closed })));
        Assert.Equal(CaseStatus.Active, await DbAsync(db => db.Cases.Where(c => c.Id == view.Id).Select(c => c.Status).SingleAsync()));
        Assert.False(await DbAsync(db => db.AuditEvents.AnyAsync(e => e.CaseId == view.Id && e.Action == CasesAudit.CaseClosed.Code)));

        Assert.Equal(CaseService.UpdateOutcome.Updated, await cases(c => c.UpdateAsync(squad, view.Id, new CaseInput { Status = CaseStatus.Closed, ClosureOutcome = CaseClosureOutcome.Repatriated })));
        var closed = await DbAsync(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == view.Id));
        Assert.Equal((CaseStatus.Closed, (CaseClosureOutcome?)CaseClosureOutcome.Repatriated), (closed.Status, closed.ClosureOutcome));
        Assert.Equal("case.close:Repatriated", await DbAsync(db => db.AuditEvents.Where(e => e.CaseId == view.Id && e.Action == CasesAudit.CaseClosed.Code).Select(e => e.Purpose).SingleAsync()));
        // A closed case keeps its outcome through other changes; re-opening clears it and is recorded.
        Assert.Equal(CaseService.UpdateOutcome.Updated, await cases(c => c.UpdateAsync(squad, view.Id, new CaseInput { Situation = "Updated after closure" })));
        Assert.Equal(CaseClosureOutcome.Repatriated, await DbAsync(db => db.Cases.Where(c => c.Id == view.Id).Select(c => c.ClosureOutcome).SingleAsync()));
        Assert.Equal(CaseService.UpdateOutcome.Updated, await cases(c => c.UpdateAsync(squad, view.Id, new CaseInput { Status = CaseStatus.FollowUp })));
        Assert.Null(await DbAsync(db => db.Cases.Where(c => c.Id == view.Id).Select(c => c.ClosureOutcome).SingleAsync()));
        Assert.True(await DbAsync(db => db.AuditEvents.AnyAsync(e => e.CaseId == view.Id && e.Action == CasesAudit.CaseReopened.Code && e.ActorUserId == investigator.Id)));

        // On the case's edit page: closing without an outcome names the field and changes nothing.
        using var session = await app.SessionAsync(investigator);
        var page = await session.GetAsync($"/Cases/{view.Id}/Edit?section=Status");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var refused = await session.SubmitAsync(page, "form.app-form", new Dictionary<string, string> { ["Input.Status"] = "Closed", ["Input.ClosureOutcome"] = "" });
        Assert.Equal("Choose the outcome of the closure: a case is closed only with its outcome.", refused.FieldError("Input_ClosureOutcome"));
        Assert.Equal(CaseStatus.FollowUp, await DbAsync(db => db.Cases.Where(c => c.Id == view.Id).Select(c => c.Status).SingleAsync()));
        await session.SubmitAsync(page, "form.app-form", new Dictionary<string, string> { ["Input.Status"] = "ClosedReferred", ["Input.ClosureOutcome"] = "TransferredToOtherOrganisation" });
        Assert.Equal(CaseClosureOutcome.TransferredToOtherOrganisation, await DbAsync(db => db.Cases.Where(c => c.Id == view.Id).Select(c => c.ClosureOutcome).SingleAsync()));
        Assert.Contains("Transferred to another organisation", (await session.GetAsync($"/Cases/Detail?id={view.Id}")).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_retrafficking_flag_stays_with_the_case_workers_and_the_coordinator_sees_only_how_many()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("en");
        var (investigator, view) = await app.NewCaseAsync(CaseSteps.SampleInput("flag"));
        var squad = Squad(investigator);
        var bad = await ServiceAsync(s => s.FlagAsync(squad, view.Id, new() { ObservedOn = Today.AddDays(1), Note = new string('x', 2001) }));
        Assert.Equal("Choose at least one sign of re-trafficking.", Assert.Single(bad!["Indicators"]));
        Assert.Equal("Enter the day it was seen: not in the future and within the past year.", Assert.Single(bad["ObservedOn"]));
        Assert.Equal("Use at most 2000 characters.", Assert.Single(bad["Note"]));
        Assert.Equal(0, await DbAsync(db => db.RetraffickingFlags.CountAsync(f => f.CaseId == view.Id)));

        var before = await ServiceAsync(s => s.OpenFlagCountAsync());
        Assert.Empty((await ServiceAsync(s => s.FlagAsync(squad, view.Id, new() { Indicators = [RetraffickingIndicator.RecruiterContact, RetraffickingIndicator.Debt], ObservedOn = Today, Note = "Recruiter Anar called her sister" })))!);
        Assert.Equal(before + 1, await ServiceAsync(s => s.OpenFlagCountAsync()));
        var flag = await DbAsync(db => db.RetraffickingFlags.AsNoTracking().SingleAsync(f => f.CaseId == view.Id));
        Assert.DoesNotContain("Anar", System.Text.Encoding.UTF8.GetString(flag.NoteEnc!), StringComparison.Ordinal);
        // A second flag on the same person does not count them twice.
        Assert.Empty((await ServiceAsync(s => s.FlagAsync(squad, view.Id, new() { Indicators = [RetraffickingIndicator.NoIncome], ObservedOn = Today })))!);
        Assert.Equal(before + 1, await ServiceAsync(s => s.OpenFlagCountAsync()));

        // The case's workers with care access see it (the investigator; a shelter worker granted Care), with its author.
        using var session = await app.SessionAsync(investigator);
        var page = await session.GetAsync($"/Cases/Reintegration?id={view.Id}");
        var card = page.Document.QuerySelector($"[data-flag='{flag.Id}']");
        Assert.NotNull(card);
        Assert.Contains("Recruiter Anar called her sister", card.TextContent, StringComparison.Ordinal);
        Assert.Contains("The same recruiter made contact again", card.TextContent, StringComparison.Ordinal);
        var shelter = await app.ShelterManagerAsync();
        await GrantAsync(investigator, view.Id, Relation.Shelter, shelter, [DataClass.Status, DataClass.Care], []);
        using var shelterSession = await app.SessionAsync(shelter);
        var shelterPage = await shelterSession.GetAsync($"/Cases/Reintegration?id={view.Id}");
        Assert.Equal(HttpStatusCode.OK, shelterPage.Status);
        Assert.Contains("Recruiter Anar called her sister", shelterPage.Html, StringComparison.Ordinal);
        // Another institution: a 404, as for a case that does not exist; its write is refused the same way.
        var border = await app.BorderOfficerAsync();
        using var stranger = await app.SessionAsync(border);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/Cases/Reintegration?id={view.Id}")).Status);
        Assert.Null(await ServiceAsync(s => s.FlagAsync(CaseSteps.ViewerOf(border, RoleCatalog.LawEnforcementOfficer), view.Id, new() { Indicators = [RetraffickingIndicator.Debt], ObservedOn = Today })));

        // The Coordinator's home: the number, never who.
        using var coordinator = await app.SessionAsync(await app.CreateUserAsync(InstitutionKind.NationalCoordinator, [RoleCatalog.Coordinator]));
        var panel = (await coordinator.GetAsync("/")).Document.QuerySelector("[data-home-panel='retrafficking']");
        Assert.NotNull(panel);
        Assert.Equal(Text(before + 1), panel.QuerySelector("[data-home-count]")!.TextContent.Trim());
        foreach (var secret in new[] { view.Number, "Zülfiyyə", "Qəmbərova", "Anar" })
            Assert.DoesNotContain(secret, panel.TextContent, StringComparison.Ordinal);

        // Closing both flags: the person is no longer counted.
        foreach (var id in await DbAsync(db => db.RetraffickingFlags.Where(f => f.CaseId == view.Id).Select(f => f.Id).ToListAsync()))
            Assert.Empty((await ServiceAsync(s => s.CloseFlagAsync(squad, view.Id, id)))!);
        Assert.Equal(before, await ServiceAsync(s => s.OpenFlagCountAsync()));
    }

    [Fact]
    public async Task Witness_measures_are_the_squads_and_the_prosecutors_carry_no_location_and_a_shelter_learns_only_that_they_exist()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("en");
        var (investigator, view) = await app.NewCaseAsync(CaseSteps.SampleInput("wit"));
        var squad = Squad(investigator);
        var police = await app.CreateUserAsync(InstitutionKind.Police, [RoleCatalog.LawEnforcementOfficer]);
        var policeName = await DbAsync(db => db.Institutions.Where(i => i.Id == police.InstitutionId).Select(i => i.Name).SingleAsync());

        // Bad input names each field and saves nothing.
        var bad = await ServiceAsync(s => s.SaveMeasureAsync(squad, view.Id, new() { Kind = WitnessMeasureKind.Relocation, Status = WitnessMeasureStatus.Ended, Reference = "<b>Nizami 42</b>" }));
        Assert.Equal("Choose whether the measure is requested or in place.", Assert.Single(bad!["Status"]));
        Assert.Equal("Choose the institution that holds the new location.", Assert.Single(bad["HeldByInstitutionId"]));
        Assert.Equal("Enter the reference in at most 40 letters, digits and - / . only.", Assert.Single(bad["Reference"]));
        var held = await ServiceAsync(s => s.SaveMeasureAsync(squad, view.Id, new() { Kind = WitnessMeasureKind.VideoLinkTestimony, Status = WitnessMeasureStatus.InPlace, HeldByInstitutionId = police.InstitutionId }));
        Assert.Equal("Name an institution only for a relocation.", Assert.Single(held!["HeldByInstitutionId"]));
        var none = await ServiceAsync(s => s.SaveMeasureAsync(squad, view.Id, new()));
        Assert.Equal("Choose the measure.", Assert.Single(none!["Kind"]));
        Assert.Equal(0, await DbAsync(db => db.WitnessMeasures.CountAsync(m => m.CaseId == view.Id)));

        Assert.Empty((await ServiceAsync(s => s.SaveMeasureAsync(squad, view.Id, new() { Kind = WitnessMeasureKind.Relocation, Status = WitnessMeasureStatus.InPlace, HeldByInstitutionId = police.InstitutionId, Reference = "CI-2026/144-1" })))!);
        Assert.Empty((await ServiceAsync(s => s.SaveMeasureAsync(squad, view.Id, new() { Kind = WitnessMeasureKind.VideoLinkTestimony, Status = WitnessMeasureStatus.Requested })))!);

        // The prosecutor with access sees them (and may move them on); the relocation shows only who holds the location.
        var prosecutor = await app.CreateUserAsync(InstitutionKind.Prosecution, [RoleCatalog.Prosecutor], [TrainingTopic.AntiTrafficking]);
        await GrantAsync(investigator, view.Id, Relation.Prosecutor, prosecutor, [DataClass.Status, DataClass.Identity, DataClass.Investigation, DataClass.Legal], [DataClass.Legal]);
        using var prosecution = await app.SessionAsync(prosecutor);
        var page = await prosecution.GetAsync($"/Cases/Reintegration?id={view.Id}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var measures = page.Document.QuerySelector("[data-measures]");
        Assert.NotNull(measures);
        Assert.Equal($"relocated — location held by {policeName}", measures.QuerySelector("[data-held-by]")!.TextContent.Trim());
        Assert.Contains("CI-2026/144-1", measures.TextContent, StringComparison.Ordinal);
        foreach (var secret in new[] { "Nizami", "Gəncə", "Otel Qafqaz" })
            Assert.DoesNotContain(secret, page.Html, StringComparison.Ordinal);
        var video = await DbAsync(db => db.WitnessMeasures.Where(m => m.CaseId == view.Id && m.Kind == WitnessMeasureKind.VideoLinkTestimony).Select(m => m.Id).SingleAsync());
        var moved = await prosecution.SubmitAsync(page, "form[data-measure-step-form]", new Dictionary<string, string> { ["Step.MeasureId"] = video.ToString(), ["Step.Status"] = "InPlace" });
        Assert.Contains("The measure is saved.", moved.Text, StringComparison.Ordinal);
        Assert.Equal(WitnessMeasureStatus.InPlace, await DbAsync(db => db.WitnessMeasures.Where(m => m.Id == video).Select(m => m.Status).SingleAsync()));
        var backwards = await ServiceAsync(s => s.MeasureStatusAsync(CaseSteps.ViewerOf(prosecutor, RoleCatalog.Prosecutor), view.Id, new() { MeasureId = video, Status = WitnessMeasureStatus.Requested }));
        Assert.Equal("Choose a status that follows from where the measure stands.", Assert.Single(backwards!["Status"]));

        // A shelter with access learns only that measures are in place; it cannot record one.
        var shelter = await app.ShelterManagerAsync();
        await GrantAsync(investigator, view.Id, Relation.Shelter, shelter, [DataClass.Status, DataClass.Identity, DataClass.ContactLocation, DataClass.Care], []);
        using var shelterSession = await app.SessionAsync(shelter);
        var shelterPage = await shelterSession.GetAsync($"/Cases/Reintegration?id={view.Id}");
        Assert.Null(shelterPage.Document.QuerySelector("[data-measures]"));
        Assert.NotNull(shelterPage.Document.QuerySelector("[data-measures-exist]"));
        Assert.DoesNotContain(policeName, shelterPage.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("CI-2026", shelterPage.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("video link", shelterPage.Html, StringComparison.OrdinalIgnoreCase);
        var shelterWrite = await ServiceAsync(s => s.SaveMeasureAsync(CaseSteps.ViewerOf(shelter, RoleCatalog.ShelterManager), view.Id, new() { Kind = WitnessMeasureKind.SeparateWaitingRoom, Status = WitnessMeasureStatus.Requested }));
        Assert.True(shelterWrite!.ContainsKey(""));
        // Another institution: a 404.
        using var stranger = await app.SessionAsync(await app.BorderOfficerAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/Cases/Reintegration?id={view.Id}")).Status);
        Assert.Equal(2, await DbAsync(db => db.WitnessMeasures.CountAsync(m => m.CaseId == view.Id)));
    }

    [Fact]
    public async Task Bad_flag_and_measure_input_on_the_page_names_the_field_and_saves_nothing()
    {
        var (investigator, view) = await app.NewCaseAsync(CaseSteps.SampleInput("pgbad"));
        using var session = await app.SessionAsync(investigator);
        var page = await session.GetAsync($"/Cases/Reintegration?id={view.Id}");
        var flag = await session.SubmitAsync(page, "form[data-flag-form]", new Dictionary<string, string>
        {
            ["Flag.ObservedOn.Day"] = "1",
            ["Flag.ObservedOn.Month"] = "1",
            ["Flag.ObservedOn.Year"] = "2099",
        });
        Assert.Equal("Choose at least one sign of re-trafficking.", flag.FieldError("Flag_Indicators"));
        Assert.Equal("Enter the day it was seen: not in the future and within the past year.", flag.FieldError("Flag_ObservedOn"));
        var measure = await session.SubmitAsync(page, "form[data-measure-form]", new Dictionary<string, string> { ["Measure.Kind"] = "Relocation", ["Measure.Status"] = "InPlace" });
        Assert.Equal("Choose the institution that holds the new location.", measure.FieldError("Measure_HeldByInstitutionId"));
        Assert.Equal(0, await DbAsync(db => db.RetraffickingFlags.CountAsync(f => f.CaseId == view.Id)));
        Assert.Equal(0, await DbAsync(db => db.WitnessMeasures.CountAsync(m => m.CaseId == view.Id)));

        // In Azerbaijani too.
        using var az = await app.SessionAsync(investigator, "az");
        var azPage = await az.GetAsync($"/Cases/Reintegration?id={view.Id}");
        var azFlag = await az.SubmitAsync(azPage, "form[data-flag-form]", new Dictionary<string, string>());
        Assert.Equal("Yenidən cəlb olunmanın ən azı bir əlamətini seçin.", azFlag.FieldError("Flag_Indicators"));
    }
}

// On PostgreSQL only (the production database): this class tests a feature, not the database. Its pages' queries run on SQLite
// too, in the sweep of every handler (SweepTests) and the crawl of every page by every role (UniqueIdTests).
public sealed class RepatriationTestsOnPostgres(PostgresApp app) : RepatriationTests(app), IClassFixture<PostgresApp>;
