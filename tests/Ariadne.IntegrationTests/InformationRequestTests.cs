using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Features.InformationRequests;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>
/// Information under need-to-know (issue 16 §7). Before an approval the requester sees nothing of the case, on any page, list or
/// API; after it, exactly the classes approved and only the requesting person; after the expiry or a revocation nothing again; the
/// Coordinator never gains the case by deciding. Filing answers alike for a case that exists and one that does not. Only the
/// Coordinator decides; the requester never learns who holds the case. Every step is audited; bad input is refused with localized
/// errors and nothing saved; a form or API call sent twice files once.
/// </summary>
public abstract partial class InformationRequestTests(AriadneApp app)
{
    private static readonly string[] ProsecutorRoles = [RoleCatalog.Prosecutor];
    private static readonly string[] CoordinatorRoles = [RoleCatalog.Coordinator];
    private static readonly string[] InvestigatorRoles = [RoleCatalog.Investigator];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private Task<T> Requests<T>(Func<InformationRequests, Task<T>> call) => app.WithScopeAsync(sp => call(sp.GetRequiredService<InformationRequests>()));

    private Task<T> DbAsync<T>(Func<AriadneDbContext, Task<T>> query) => app.WithScopeAsync(sp => query(sp.GetRequiredService<AriadneDbContext>()));

    private Task<CaseRights?> RightsAsync(Viewer viewer, Guid caseId) => app.WithScopeAsync(sp => sp.GetRequiredService<CaseAccess>().RightsAsync(viewer, caseId));

    private Task<bool> VisibleAsync(Viewer viewer, Guid caseId) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<CaseAccess>().VisibleCaseIds(viewer).AnyAsync(id => id == caseId));

    private sealed record World(TestUser Investigator, Viewer Holder, CaseService.CaseView Case, TestUser Prosecutor, Viewer Requester,
        TestUser Colleague, TestUser CoordinatorUser, Viewer Coordinator, string HolderName);

    private async Task<World> WorldAsync()
    {
        var (investigator, view) = await app.NewCaseAsync(CaseSteps.SampleInput(Guid.NewGuid().ToString("N")[..6]));
        var prosecutor = await app.CreateUserAsync(InstitutionKind.Prosecution, ProsecutorRoles);
        var colleague = await app.CreateUserAsync(InstitutionKind.Prosecution, ProsecutorRoles);
        var coordinator = await app.CreateUserAsync(InstitutionKind.NationalCoordinator, CoordinatorRoles);
        var holderName = await DbAsync(db => db.Institutions.Where(i => i.Id == investigator.InstitutionId).Select(i => i.Name).FirstAsync());
        return new World(investigator, CaseSteps.ViewerOf(investigator, InvestigatorRoles), view, prosecutor, CaseSteps.ViewerOf(prosecutor, ProsecutorRoles),
            colleague, coordinator, CaseSteps.ViewerOf(coordinator, CoordinatorRoles), holderName);
    }

    private static InformationRequests.NewInput Input(string reference, int days = 10, params DataClass[] classes) => new()
    {
        Reference = reference,
        Purpose = "Cinayət işi üzrə ifadələri yoxlamaq üçün lazımdır.",
        LegalBasis = LegalBasis.CriminalProcedure,
        BasisReference = "CPM 123",
        Classes = classes.Length == 0 ? [DataClass.Investigation, DataClass.Identity] : [.. classes],
        Days = days,
    };

    private async Task<Guid> FileAsync(World w, InformationRequests.NewInput input)
    {
        var (id, errors) = await Requests(r => r.SubmitAsync(w.Requester, ProsecutorRoles, input));
        Assert.Empty(errors!);
        return id!.Value;
    }

    private Task<int> AuditCountAsync(string action, Guid? target = null, string? purpose = null) => DbAsync(db =>
        db.AuditEvents.CountAsync(e => e.Action == action && (target == null || e.TargetId == target) && (purpose == null || e.Purpose == purpose)));

    [Fact]
    public async Task Nothing_before_approval_exactly_the_approved_classes_after_and_nothing_after_expiry_or_revocation()
    {
        CultureInfo.CurrentUICulture = new("en");
        var w = await WorldAsync();
        var colleague = CaseSteps.ViewerOf(w.Colleague, ProsecutorRoles);
        var id = await FileAsync(w, Input(w.Case.Number, 10, DataClass.Investigation, DataClass.Identity));

        // Before the decision: nothing of the case, on the predicate, the pages or the list.
        Assert.Null(await RightsAsync(w.Requester, w.Case.Id));
        Assert.False(await VisibleAsync(w.Requester, w.Case.Id));
        using (var session = await app.SessionAsync(w.Prosecutor))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync($"/Cases/Detail?id={w.Case.Id}")).Status);
            var list = await session.GetAsync("/Cases");
            Assert.DoesNotContain(w.Case.Number, list.Html, StringComparison.Ordinal);
            var mine = await session.GetAsync($"/InformationRequests/{id}");
            Assert.Equal(HttpStatusCode.OK, mine.Status);
            Assert.DoesNotContain(w.HolderName, mine.Html, StringComparison.Ordinal);
            Assert.Null(mine.Document.QuerySelector("[data-open-case]"));
        }

        // The holder: no objection. Then the Coordinator releases Investigation only, for five days, with a reason.
        Assert.Empty((await Requests(r => r.OpineAsync(w.Holder, InvestigatorRoles, id, new() { Opinion = OpinionKind.NoObjection })))!);
        var before = app.Time.GetUtcNow();
        Assert.Empty((await Requests(r => r.DecideAsync(w.Coordinator, CoordinatorRoles, id,
            new() { Outcome = DecisionOutcome.Approve, Classes = [DataClass.Investigation], Days = 5, Reason = "Identity is not needed for this purpose." })))!);
        var row = await DbAsync(db => db.InformationRequests.AsNoTracking().SingleAsync(r => r.Id == id));
        Assert.Equal(RequestStatus.PartlyApproved, row.Status);
        var grant = await DbAsync(db => db.Grants.AsNoTracking().SingleAsync(g => g.Id == row.GrantId));
        Assert.Equal((w.Prosecutor.Id, (Guid?)null, Relation.InformationRequest, DataClass.Status | DataClass.Investigation, DataClass.None, w.CoordinatorUser.Id, row.Number),
            (grant.GranteeUserId!.Value, grant.GranteeInstitutionId, grant.Relation, grant.Read, grant.Write, grant.GrantedBy, grant.Reason));
        Assert.True(Math.Abs((grant.ValidUntil!.Value - before.AddDays(5)).TotalSeconds) < 1);

        // After: exactly Status and Investigation, to that person only; the Coordinator gained nothing.
        var rights = await RightsAsync(w.Requester, w.Case.Id);
        Assert.Equal((DataClass.Status | DataClass.Investigation, DataClass.None), (rights!.Read, rights.Write));
        var read = await app.WithScopeAsync(sp => sp.GetRequiredService<CaseService>().ReadAsync(w.Requester, w.Case.Id, CasesAudit.View));
        Assert.Contains("situation", read!.Fields.Keys);
        Assert.DoesNotContain("givenName", read.Fields.Keys);
        Assert.DoesNotContain("health", read.Fields.Keys);
        Assert.DoesNotContain("address", read.Fields.Keys);
        Assert.Null(await RightsAsync(colleague, w.Case.Id));
        Assert.Null(await RightsAsync(w.Coordinator, w.Case.Id));
        Assert.False(await VisibleAsync(w.Coordinator, w.Case.Id));
        using (var session = await app.SessionAsync(w.Prosecutor))
        {
            var mine = await session.GetAsync($"/InformationRequests/{id}");
            Assert.NotNull(mine.Document.QuerySelector("[data-open-case]"));
            var detail = await session.GetAsync($"/Cases/Detail?id={w.Case.Id}");
            Assert.Equal(HttpStatusCode.OK, detail.Status);
            Assert.DoesNotContain("Zülfiyyə", detail.Html, StringComparison.Ordinal);
            Assert.DoesNotContain("Astma", detail.Html, StringComparison.Ordinal);
            Assert.DoesNotContain("Nizami", detail.Html, StringComparison.Ordinal);
        }
        using (var session = await app.SessionAsync(w.Colleague))
            Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync($"/Cases/Detail?id={w.Case.Id}")).Status);

        // The release, audited: the decision, and the grant's event carrying the classes released.
        Assert.Equal(1, await AuditCountAsync(InformationRequestsAudit.PartlyApproved, id));
        Assert.Equal(1, await AuditCountAsync(PlatformAudit.GrantCreated, grant.Id, "information.release:Status, Investigation"));

        // Past the expiry: nothing again, and the lapse is recorded once.
        app.Time.Advance(TimeSpan.FromDays(5) + TimeSpan.FromMinutes(1));
        Assert.Null(await RightsAsync(w.Requester, w.Case.Id));
        Assert.False(await VisibleAsync(w.Requester, w.Case.Id));
        await Requests(r => r.RecordLapsesAsync());
        await Requests(r => r.RecordLapsesAsync());
        Assert.Equal(1, await AuditCountAsync(InformationRequestsAudit.Lapsed, id));
        var lapsed = await Requests(r => r.ReadAsync(w.Requester, ProsecutorRoles, id));
        Assert.True(lapsed!.Lapsed);
        Assert.Null(lapsed.ReleasedCaseId);
        Assert.Contains(lapsed.Timeline, s => s.Kind == StepKind.Lapsed);
        Assert.NotNull((await Requests(r => r.RevokeAsync(w.Coordinator, CoordinatorRoles, id, new() { Reason = "Too late to revoke anything." })))![""]);

        // A second request, approved in full, then revoked early: nothing again.
        var second = await FileAsync(w, Input(w.Case.Number, 30, DataClass.Legal));
        app.Time.Advance(TimeSpan.FromDays(6)); // the holder did not answer: the opinion's day has passed
        Assert.Empty((await Requests(r => r.DecideAsync(w.Coordinator, CoordinatorRoles, second, new() { Outcome = DecisionOutcome.Approve, Classes = [DataClass.Legal] })))!);
        Assert.Equal(RequestStatus.Approved, await DbAsync(db => db.InformationRequests.Where(r => r.Id == second).Select(r => r.Status).SingleAsync()));
        Assert.Equal(DataClass.Status | DataClass.Legal, (await RightsAsync(w.Requester, w.Case.Id))!.Read);
        var tooShort = await Requests(r => r.RevokeAsync(w.Coordinator, CoordinatorRoles, second, new() { Reason = "no" }));
        Assert.Contains("Reason", tooShort!.Keys);
        Assert.Null(await Requests(r => r.RevokeAsync(w.Requester, ProsecutorRoles, second, new() { Reason = "I do not need it any more." })));
        Assert.Empty((await Requests(r => r.RevokeAsync(w.Coordinator, CoordinatorRoles, second, new() { Reason = "The criminal case was closed." })))!);
        Assert.Null(await RightsAsync(w.Requester, w.Case.Id));
        var revoked = await DbAsync(db => db.InformationRequests.AsNoTracking().SingleAsync(r => r.Id == second));
        Assert.Equal(RequestStatus.Revoked, revoked.Status);
        Assert.NotNull(await DbAsync(db => db.Grants.Where(g => g.Id == revoked.GrantId).Select(g => g.RevokedAt).SingleAsync()));
        Assert.Equal(1, await AuditCountAsync(InformationRequestsAudit.Revoked, second));
        Assert.Equal(1, await AuditCountAsync(PlatformAudit.GrantRevoked, revoked.GrantId));

        // The requester, the holder and the Coordinator were told of the decisions and the revocation (by number only).
        Assert.Equal(2, await DbAsync(db => db.Notifications.CountAsync(n => n.RecipientUserId == w.Prosecutor.Id && n.Kind == InformationRequestsAudit.DecidedNotice.Code)));
        Assert.Equal(1, await DbAsync(db => db.Notifications.CountAsync(n => n.RecipientUserId == w.Prosecutor.Id && n.Kind == InformationRequestsAudit.RevokedNotice.Code)));
        Assert.True(await DbAsync(db => db.Notifications.CountAsync(n => n.RecipientUserId == w.Investigator.Id && n.Kind == InformationRequestsAudit.DecidedNotice.Code)) >= 2);
        Assert.True(await DbAsync(db => db.Notifications.AnyAsync(n => n.RecipientRole == RoleCatalog.Coordinator && n.Kind == InformationRequestsAudit.SubmittedNotice.Code && n.CaseNumber == row.Number)));
    }

    [GeneratedRegex(@"nonce=""[^""]*""|IR-\d{4}-[0-9A-Z]{6}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|value=""[A-Za-z0-9_\-]{40,}""")]
    private static partial Regex Variable();

    [Fact]
    public async Task Filing_for_a_case_that_exists_and_one_that_does_not_answers_alike()
    {
        CultureInfo.CurrentUICulture = new("en");
        var w = await WorldAsync();
        var missing = "AZ-2026-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

        // The page: the same redirect and the same page, but for the number and the reference the requester typed.
        using var session = await app.SessionAsync(w.Prosecutor);
        async Task<string> FileByPageAsync(string reference)
        {
            var form = await session.GetAsync("/InformationRequests/New");
            var answer = await session.SubmitAsync(form, "form[data-request-form]", new Dictionary<string, string>
            {
                ["Input.Reference"] = reference,
                ["Input.Purpose"] = "Cinayət işi üzrə ifadələri yoxlamaq üçün lazımdır.",
                ["Input.LegalBasis"] = nameof(LegalBasis.CriminalProcedure),
                ["Input.Classes"] = "Investigation",
                ["Input.Days"] = "10",
            });
            Assert.Equal(HttpStatusCode.OK, answer.Status);
            Assert.StartsWith("/InformationRequests/", answer.Path, StringComparison.Ordinal);
            return Variable().Replace(answer.Html.Replace(reference, "REFERENCE", StringComparison.Ordinal), "X");
        }
        var known = await FileByPageAsync(w.Case.Number);
        var unknown = await FileByPageAsync(missing);
        Assert.Equal(known, unknown);
        Assert.Contains("Request received", known, StringComparison.Ordinal);
        var mine = await session.GetAsync("/InformationRequests");
        Assert.Equal(2, mine.Document.QuerySelectorAll("[data-request][data-status=Submitted]").Length);

        // The API: the same status and the same shape.
        var token = await app.TokenAsync(w.Prosecutor, "information.read information.write");
        using var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        async Task<(HttpStatusCode, string)> FileByApiAsync(string reference)
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, "/api/v1/information-requests") { Content = JsonContent.Create(Input(reference, 10, DataClass.Investigation), options: Json) };
            message.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            using var response = await api.SendAsync(message);
            return (response.StatusCode, Variable().Replace(await response.Content.ReadAsStringAsync(), "X"));
        }
        var apiKnown = await FileByApiAsync(w.Case.Number);
        var apiUnknown = await FileByApiAsync(missing);
        Assert.Equal(HttpStatusCode.Accepted, apiKnown.Item1);
        Assert.Equal(apiKnown, apiUnknown);
        using var list = JsonDocument.Parse(await api.GetStringAsync("/api/v1/information-requests"));
        Assert.Equal(4, list.RootElement.GetArrayLength());
        Assert.All(list.RootElement.EnumerateArray(), e => Assert.Equal("Submitted", e.GetProperty("status").GetString()));
        Assert.DoesNotContain(w.HolderName, list.RootElement.GetRawText(), StringComparison.Ordinal);

        // The Coordinator sees what each resolved to; an approval of the unknown one is refused, a refusal stands.
        var queue = (await Requests(r => r.QueueAsync(w.Coordinator, CoordinatorRoles)))!;
        var rows = await DbAsync(db => db.InformationRequests.AsNoTracking().Where(r => r.RequestedBy == w.Prosecutor.Id).ToListAsync());
        Assert.Equal(2, rows.Count(r => r.Match == ReferenceMatch.CaseNumber && r.CaseId == w.Case.Id));
        Assert.Equal(2, rows.Count(r => r.Match == ReferenceMatch.None && r.CaseId == null));
        var none = rows.First(r => r.Match == ReferenceMatch.None);
        Assert.Contains(queue, q => q.Id == none.Id && q.NoCase);
        var view = await Requests(r => r.ReadAsync(w.Coordinator, CoordinatorRoles, none.Id));
        Assert.Equal(ReferenceMatch.None, view!.Match);
        var knownView = await Requests(r => r.ReadAsync(w.Coordinator, CoordinatorRoles, rows.First(r => r.CaseId != null).Id));
        Assert.Equal([w.HolderName], knownView!.Holders);
        Assert.Contains("Outcome", (await Requests(r => r.DecideAsync(w.Coordinator, CoordinatorRoles, none.Id, new() { Outcome = DecisionOutcome.Approve })))!.Keys);
        Assert.Empty((await Requests(r => r.DecideAsync(w.Coordinator, CoordinatorRoles, none.Id, new() { Outcome = DecisionOutcome.Refuse, Reason = "No information can be released on this request." })))!);
        Assert.Equal(1, await AuditCountAsync(InformationRequestsAudit.Refused, none.Id));
        // A referral's number reaches the case it became as well.
        var holderNotices = await DbAsync(db => db.Notifications.CountAsync(n => n.RecipientUserId == w.Investigator.Id && n.Kind == InformationRequestsAudit.OpinionNotice.Code));
        Assert.Equal(2, holderNotices);
    }

    [Fact]
    public async Task Only_the_coordinator_decides_and_the_requester_never_learns_who_holds_the_case()
    {
        CultureInfo.CurrentUICulture = new("en");
        var w = await WorldAsync();
        var id = await FileAsync(w, Input(w.Case.Number));
        var analyst = await app.CreateUserAsync(InstitutionKind.NationalCoordinator, [RoleCatalog.Analyst]);
        var analystViewer = CaseSteps.ViewerOf(analyst, RoleCatalog.Analyst);
        var decision = new InformationRequests.DecisionInput { Outcome = DecisionOutcome.Refuse, Reason = "Not needed for the stated purpose." };
        var denials = await AuditCountAsync(InformationRequestsAudit.Denied, id);

        Assert.Null(await Requests(r => r.DecideAsync(analystViewer, [RoleCatalog.Analyst], id, decision)));
        Assert.Null(await Requests(r => r.DecideAsync(w.Holder, InvestigatorRoles, id, decision)));
        Assert.Null(await Requests(r => r.DecideAsync(w.Requester, ProsecutorRoles, id, decision)));
        Assert.Null(await Requests(r => r.QueueAsync(analystViewer, [RoleCatalog.Analyst])));
        Assert.Null(await Requests(r => r.ReadAsync(analystViewer, [RoleCatalog.Analyst], id)));
        // A colleague of the requester, and a holder who does not work on the case: a 404.
        Assert.Null(await Requests(r => r.ReadAsync(CaseSteps.ViewerOf(w.Colleague, ProsecutorRoles), ProsecutorRoles, id)));
        var otherInvestigator = await app.CreateUserAsync(InstitutionKind.AntiTraffickingSquad, InvestigatorRoles, [TrainingTopic.AntiTrafficking]);
        Assert.Null(await Requests(r => r.ReadAsync(CaseSteps.ViewerOf(otherInvestigator, InvestigatorRoles), InvestigatorRoles, id)));
        Assert.Null(await Requests(r => r.OpineAsync(w.Requester, ProsecutorRoles, id, new() { Opinion = OpinionKind.NoObjection })));
        Assert.Equal(denials + 7, await AuditCountAsync(InformationRequestsAudit.Denied, id));
        Assert.Equal(RequestStatus.Submitted, await DbAsync(db => db.InformationRequests.Where(r => r.Id == id).Select(r => r.Status).SingleAsync()));

        using (var analystSession = await app.SessionAsync(analyst))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await analystSession.GetAsync("/InformationRequests/Queue")).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await analystSession.GetAsync($"/InformationRequests/{id}")).Status);
        }

        // The holder sees it and objects; approving before the opinion's day would have been refused.
        var holderView = await Requests(r => r.ReadAsync(w.Holder, InvestigatorRoles, id));
        Assert.True(holderView!.MayOpine);
        Assert.False(holderView.MayDecide);
        Assert.Null(holderView.Holders);
        var early = await Requests(r => r.DecideAsync(w.Coordinator, CoordinatorRoles, id, new() { Outcome = DecisionOutcome.Approve, Classes = [DataClass.Investigation, DataClass.Identity] }));
        Assert.Contains("Outcome", early!.Keys);
        Assert.Contains("Note", (await Requests(r => r.OpineAsync(w.Holder, InvestigatorRoles, id, new() { Opinion = OpinionKind.Objection })))!.Keys);
        Assert.Empty((await Requests(r => r.OpineAsync(w.Holder, InvestigatorRoles, id, new() { Opinion = OpinionKind.Objection, Note = "The person is a witness; identity must not go out." })))!);
        Assert.NotEmpty((await Requests(r => r.OpineAsync(w.Holder, InvestigatorRoles, id, new() { Opinion = OpinionKind.NoObjection })))![""]);
        Assert.Equal(1, await AuditCountAsync(InformationRequestsAudit.OpinionGiven, id));

        // The requester: no holder, no opinion, no resolution — on the service, the page, and the timeline.
        var requesterView = await Requests(r => r.ReadAsync(w.Requester, ProsecutorRoles, id));
        Assert.Null(requesterView!.Holders);
        Assert.Null(requesterView.Match);
        Assert.Null(requesterView.Opinion);
        Assert.Null(requesterView.OpinionNote);
        Assert.DoesNotContain(requesterView.Timeline, s => s.Kind is StepKind.HolderAsked or StepKind.Opinion);
        using (var session = await app.SessionAsync(w.Prosecutor))
        {
            var page = await session.GetAsync($"/InformationRequests/{id}");
            Assert.DoesNotContain(w.HolderName, page.Html, StringComparison.Ordinal);
            Assert.DoesNotContain("witness", page.Html, StringComparison.Ordinal);
            Assert.Null(page.Document.QuerySelector("[data-decide-form]"));
            Assert.Null(page.Document.QuerySelector("[data-opinion-section]"));
        }

        // The Coordinator's page: the holder's name, the opinion, the decision form; never the case's content.
        using (var session = await app.SessionAsync(w.CoordinatorUser))
        {
            var page = await session.GetAsync($"/InformationRequests/{id}");
            Assert.Contains(w.HolderName, page.Document.QuerySelector("[data-holders]")!.TextContent, StringComparison.Ordinal);
            Assert.NotNull(page.Document.QuerySelector("[data-opinion=Objection]"));
            Assert.DoesNotContain("Zülfiyyə", page.Html, StringComparison.Ordinal);
            Assert.DoesNotContain("məcburi", page.Html, StringComparison.Ordinal);
            var decided = await session.SubmitAsync(page, "form[data-decide-form]", new Dictionary<string, string>
            {
                ["Decision.Outcome"] = nameof(DecisionOutcome.Refuse),
                ["Decision.Reason"] = "The holder objects and the purpose does not need identity.",
            });
            Assert.Equal(HttpStatusCode.OK, decided.Status);
            Assert.Equal("Refused", decided.Document.QuerySelector("[data-request-header]")!.GetAttribute("data-status"));
            var home = await session.GetAsync("/");
            Assert.Equal(HttpStatusCode.OK, home.Status);
        }
        Assert.Null(await RightsAsync(w.Requester, w.Case.Id));
        Assert.Null(await RightsAsync(w.Coordinator, w.Case.Id));
        Assert.Equal(1, await AuditCountAsync(InformationRequestsAudit.Refused, id));
        Assert.NotEmpty((await Requests(r => r.DecideAsync(w.Coordinator, CoordinatorRoles, id, decision)))![""]);
        Assert.True(await AuditCountAsync(InformationRequestsAudit.Viewed, id) >= 4);
        Assert.Equal(1, await AuditCountAsync(InformationRequestsAudit.Submitted, id));
    }

    [Fact]
    public async Task Bad_input_is_refused_with_localized_errors_nothing_saved_and_a_form_sent_twice_files_once()
    {
        var w = await WorldAsync();
        Task<int> CountAsync() => DbAsync(db => db.InformationRequests.CountAsync(r => r.RequestedBy == w.Prosecutor.Id));

        CultureInfo.CurrentUICulture = new("az");
        var (none, errors) = await Requests(r => r.SubmitAsync(w.Requester, ProsecutorRoles, new()));
        Assert.Null(none);
        Assert.Equal(["Classes", "Days", "LegalBasis", "Purpose", "Reference"], errors!.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("simvol", errors["Purpose"][0], StringComparison.Ordinal);
        CultureInfo.CurrentUICulture = new("en");
        // Over the maximum period; a class the prosecutor's role could never hold (Health); a reference too long.
        var (_, beyond) = await Requests(r => r.SubmitAsync(w.Requester, ProsecutorRoles, Input(w.Case.Number, 91, DataClass.Health)));
        Assert.Equal(["Classes", "Days"], beyond!.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("90", beyond["Days"][0], StringComparison.Ordinal);
        Assert.Contains("Reference", (await Requests(r => r.SubmitAsync(w.Requester, ProsecutorRoles, Input(new string('A', 41)))))!.Errors!.Keys);
        // Neither the Coordinator, an analyst, nor an auditor may file.
        Assert.Null((await Requests(r => r.SubmitAsync(w.Coordinator, CoordinatorRoles, Input(w.Case.Number)))).Errors);
        var auditor = await app.CreateUserAsync(InstitutionKind.Oversight, [RoleCatalog.Auditor]);
        Assert.Null((await Requests(r => r.SubmitAsync(CaseSteps.ViewerOf(auditor, RoleCatalog.Auditor), [RoleCatalog.Auditor], Input(w.Case.Number)))).Errors);
        Assert.Equal(0, await CountAsync());

        // The page, in Russian: errors above the form and beside the field, nothing saved; the classes offered are the role's only.
        using var ru = await app.SessionAsync(w.Prosecutor, "ru");
        var form = await ru.GetAsync("/InformationRequests/New");
        var offered = form.Document.QuerySelectorAll("input[name='Input.Classes']").Select(e => e.GetAttribute("value")).ToList();
        Assert.Equal(["Status", "Identity", "Investigation", "Legal"], offered);
        var bad = await ru.SubmitAsync(form, "form[data-request-form]", new Dictionary<string, string> { ["Input.Days"] = "120" });
        Assert.NotNull(bad.Document.QuerySelector(".govuk-error-summary"));
        Assert.Contains(bad.Errors, e => e.Contains("дней", StringComparison.Ordinal));
        Assert.Contains("номер", bad.Text, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync());

        // The same form sent twice files once; the same key with other values is refused.
        var again = await ru.GetAsync("/InformationRequests/New");
        var values = new Dictionary<string, string>
        {
            ["Input.Reference"] = w.Case.Number,
            ["Input.Purpose"] = "Cinayət işi üzrə ifadələri yoxlamaq üçün lazımdır.",
            ["Input.LegalBasis"] = nameof(LegalBasis.TraffickingLaw),
            ["Input.Classes"] = "Investigation",
            ["Input.Days"] = "20",
        };
        var first = await ru.SubmitAsync(again, "form[data-request-form]", values);
        var second = await ru.SubmitAsync(again, "form[data-request-form]", values);
        Assert.Equal(first.Path, second.Path);
        Assert.Equal(1, await CountAsync());
        values["Input.Days"] = "21";
        var other = await ru.SubmitAsync(again, "form[data-request-form]", values);
        Assert.NotEmpty(other.Errors);
        Assert.Equal(1, await CountAsync());

        // The API: without a key 400; with one, twice, once.
        var token = await app.TokenAsync(w.Prosecutor, "information.read information.write");
        using var api = app.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using (var noKey = await api.PostAsJsonAsync("/api/v1/information-requests", Input(w.Case.Number), Json))
            Assert.Equal(HttpStatusCode.BadRequest, noKey.StatusCode);
        var key = Guid.NewGuid().ToString();
        async Task<HttpResponseMessage> PostAsync(InformationRequests.NewInput body, string? other = null)
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, "/api/v1/information-requests") { Content = JsonContent.Create(body, options: Json) };
            message.Headers.Add("Idempotency-Key", other ?? key);
            return await api.SendAsync(message);
        }
        using var a = await PostAsync(Input(w.Case.Number));
        using var b = await PostAsync(Input(w.Case.Number));
        Assert.True((HttpStatusCode.Accepted, HttpStatusCode.Accepted) == (a.StatusCode, b.StatusCode), await a.Content.ReadAsStringAsync());
        Assert.Equal(await a.Content.ReadAsStringAsync(), await b.Content.ReadAsStringAsync());
        using var c = await PostAsync(Input(w.Case.Number, 11));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, c.StatusCode);
        using var invalid = await PostAsync(Input(w.Case.Number, 200), Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        // A JSON null for the list of classes is refused, naming the field (FuzzTests found it ending in a 500).
        using (var nullClasses = new HttpRequestMessage(HttpMethod.Post, "/api/v1/information-requests")
        {
            Content = new StringContent($"{{\"reference\":\"{w.Case.Number}\",\"purpose\":\"x\",\"legalBasis\":\"TraffickingLaw\",\"classes\":null,\"days\":10}}", System.Text.Encoding.UTF8, "application/json"),
        })
        {
            nullClasses.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            using var refusedNull = await api.SendAsync(nullClasses);
            Assert.Equal(HttpStatusCode.BadRequest, refusedNull.StatusCode);
            Assert.Contains("classes", await refusedNull.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal(2, await CountAsync());

        // The decision: beyond the classes or the period asked, or narrower without a reason, is refused; nothing changes.
        var id = await DbAsync(db => db.InformationRequests.Where(r => r.RequestedBy == w.Prosecutor.Id).OrderBy(r => r.SubmittedAt).Select(r => r.Id).FirstAsync());
        app.Time.Advance(TimeSpan.FromDays(7));
        var refused = await Requests(r => r.DecideAsync(w.Coordinator, CoordinatorRoles, id, new() { Outcome = DecisionOutcome.Approve, Classes = [DataClass.Legal], Days = 50 }));
        Assert.Equal(["Classes", "Days", "Reason"], refused!.Keys.Order(StringComparer.Ordinal));
        var unexplained = await Requests(r => r.DecideAsync(w.Coordinator, CoordinatorRoles, id, new() { Outcome = DecisionOutcome.Approve, Classes = [DataClass.Investigation], Days = 5 }));
        Assert.Equal(["Reason"], unexplained!.Keys);
        Assert.Contains("Reason", (await Requests(r => r.DecideAsync(w.Coordinator, CoordinatorRoles, id, new() { Outcome = DecisionOutcome.Refuse })))!.Keys);
        Assert.Equal(RequestStatus.Submitted, await DbAsync(db => db.InformationRequests.Where(r => r.Id == id).Select(r => r.Status).SingleAsync()));
        Assert.Equal(0, await DbAsync(db => db.Grants.CountAsync(g => g.GranteeUserId == w.Prosecutor.Id)));
    }
}

// On PostgreSQL only (the production database): this class tests a feature, not the database. Its pages' queries run on SQLite
// too, in the sweep of every handler (SweepTests) and the crawl of every page by every role (UniqueIdTests).
public sealed class InformationRequestTestsOnPostgres(PostgresApp app) : InformationRequestTests(app), IClassFixture<PostgresApp>;
