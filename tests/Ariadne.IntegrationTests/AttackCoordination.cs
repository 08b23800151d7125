using System.Globalization;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.InformationRequests;
using Ariadne.Web.Features.Observation;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>
/// Attacks on the coordination modules as another institution's user: a routed institution filtering the problem list by
/// another institution must not learn where else a problem was routed; a route id swapped in the response form answers nothing
/// of someone else's; an information request is neither read nor decided by a colleague, an analyst, the holder or the
/// requester, and the requester's view is the same whether the reference named a case or not.
/// </summary>
public abstract class AttackCoordination(AriadneApp app)
{
    private static readonly string[] Coordinator = [RoleCatalog.Coordinator];
    private static readonly string[] Analyst = [RoleCatalog.Analyst];
    private static readonly string[] Executive = [RoleCatalog.ExecutiveOfficer];
    private static readonly string[] Shelter = [RoleCatalog.ShelterManager];
    private static readonly string[] Police = [RoleCatalog.LawEnforcementOfficer];
    private static readonly string[] ProsecutorRoles = [RoleCatalog.Prosecutor];
    private static readonly string[] InvestigatorRoles = [RoleCatalog.Investigator];

    private Task<T> Problems<T>(Func<Problems, Task<T>> call) => app.WithScopeAsync(sp => call(sp.GetRequiredService<Problems>()));

    private Task<T> Requests<T>(Func<InformationRequests, Task<T>> call) => app.WithScopeAsync(sp => call(sp.GetRequiredService<InformationRequests>()));

    private Task<T> DbAsync<T>(Func<AriadneDbContext, Task<T>> query) => app.WithScopeAsync(sp => query(sp.GetRequiredService<AriadneDbContext>()));

    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Time.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Baku")).DateTime);

    private async Task<TestUser> UserOfNewInstitutionAsync(InstitutionKind kind, string[] roles)
    {
        var user = await app.CreateUserAsync(kind, roles);
        var institution = await DbAsync(async db =>
        {
            var i = new Institution { Name = "Atk " + Guid.NewGuid().ToString("N")[..8], Code = "A-" + Guid.NewGuid().ToString("N")[..6], Kind = kind, CreatedAt = app.Time.GetUtcNow() };
            db.Institutions.Add(i);
            await db.SaveChangesAsync();
            var u = await db.Users.FirstAsync(x => x.Id == user.Id);
            u.InstitutionId = i.Id;
            await db.SaveChangesAsync();
            return i.Id;
        });
        return user with { InstitutionId = institution };
    }

    private sealed record RoutedProblem(Guid Id, Viewer Coordinator, TestUser Reporter, TestUser Ministry, TestUser Police);

    private async Task<RoutedProblem> RoutedProblemAsync()
    {
        var coordinatorUser = await app.CreateUserAsync(InstitutionKind.NationalCoordinator, Coordinator);
        var coordinator = CaseSteps.ViewerOf(coordinatorUser, Coordinator);
        var reporter = await UserOfNewInstitutionAsync(InstitutionKind.Shelter, Shelter);
        var ministry = await UserOfNewInstitutionAsync(InstitutionKind.ExecutiveBody, Executive);
        var police = await UserOfNewInstitutionAsync(InstitutionKind.Police, Police);
        var (id, errors) = await Problems(p => p.ReportAsync(CaseSteps.ViewerOf(reporter, Shelter), Shelter, new()
        {
            Category = ProblemCategory.Coordination,
            Title = "Victims wait at the border post overnight",
            Description = "Nobody receives referred persons at the border post after dark.",
            Region = Region.GanjaDashkasan,
            Anonymous = true,
        }));
        Assert.Empty(errors!);
        foreach (var institution in new[] { ministry.InstitutionId, police.InstitutionId })
        {
            Assert.Empty((await Problems(p => p.RouteAsync(coordinator, Coordinator, id!.Value,
                new() { InstitutionId = institution, Ask = "Name a duty contact for the border post.", Deadline = Today.AddDays(10) })))!);
        }
        return new RoutedProblem(id!.Value, coordinator, reporter, ministry, police);
    }

    [Fact]
    public async Task A_routed_institution_cannot_learn_by_the_list_filter_where_else_a_problem_was_routed()
    {
        CultureInfo.CurrentUICulture = new("en");
        var w = await RoutedProblemAsync();
        var ministry = CaseSteps.ViewerOf(w.Ministry, Executive);
        Task<IReadOnlyList<Problems.Row>> ListAsync(Viewer viewer, string[] roles, Guid institution) =>
            Problems(p => p.ListAsync(viewer, roles, new(InstitutionId: institution)));

        // The ministry sees the problem under its own institution, but filtering by the police (routed too) or anyone else is alike: nothing.
        Assert.Contains(await ListAsync(ministry, Executive, w.Ministry.InstitutionId), r => r.Id == w.Id);
        Assert.DoesNotContain(await ListAsync(ministry, Executive, w.Police.InstitutionId), r => r.Id == w.Id);
        Assert.DoesNotContain(await ListAsync(ministry, Executive, w.Reporter.InstitutionId), r => r.Id == w.Id);
        // The reporter and the office, who see all routes, may filter by any of them.
        Assert.Contains(await ListAsync(CaseSteps.ViewerOf(w.Reporter, Shelter), Shelter, w.Police.InstitutionId), r => r.Id == w.Id);
        Assert.Contains(await ListAsync(w.Coordinator, Coordinator, w.Police.InstitutionId), r => r.Id == w.Id);
        // The row the ministry sees names its own route only.
        var row = Assert.Single(await ListAsync(ministry, Executive, w.Ministry.InstitutionId), r => r.Id == w.Id);
        Assert.Single(row.RoutedTo);
        // The same through the page.
        using var s = await app.SessionAsync(w.Ministry);
        var page = await s.GetAsync($"/Observation/Problems?Institution={w.Police.InstitutionId}");
        Assert.Empty(page.Document.QuerySelectorAll("[data-problem]"));
    }

    [Fact]
    public async Task A_route_id_swapped_in_the_response_answers_nothing_of_another_institution()
    {
        CultureInfo.CurrentUICulture = new("en");
        var w = await RoutedProblemAsync();
        var policeRoute = await DbAsync(db => db.ProblemRoutes.Where(r => r.ProblemId == w.Id && r.InstitutionId == w.Police.InstitutionId).Select(r => r.Id).SingleAsync());
        var before = await DbAsync(async db => $"{await db.ProblemResponses.CountAsync()}|{(await db.ProblemRoutes.SingleAsync(r => r.Id == policeRoute)).Status}");

        var errors = await Problems(p => p.RespondAsync(CaseSteps.ViewerOf(w.Ministry, Executive), Executive, w.Id,
            new() { RouteId = policeRoute, Status = RouteStatus.Resolved, Text = "Answering for the police instead." }));
        Assert.NotNull(errors);
        Assert.NotEmpty(errors);
        // Nor may the reporter, the coordinator's analyst or an auditor answer a route not routed to them.
        var analyst = await app.CreateUserAsync(InstitutionKind.NationalCoordinator, Analyst);
        Assert.Null(await Problems(p => p.RespondAsync(CaseSteps.ViewerOf(w.Reporter, Shelter), Shelter, w.Id,
            new() { RouteId = policeRoute, Status = RouteStatus.Resolved, Text = "The reporter closes it herself." })));
        Assert.Null(await Problems(p => p.RespondAsync(CaseSteps.ViewerOf(analyst, Analyst), Analyst, w.Id,
            new() { RouteId = policeRoute, Status = RouteStatus.Resolved, Text = "The analyst answers for the police." })));
        // Nor extend a deadline: only the Coordinator does.
        Assert.Null(await Problems(p => p.ExtendAsync(CaseSteps.ViewerOf(analyst, Analyst), Analyst, w.Id,
            new() { RouteId = policeRoute, Deadline = Today.AddDays(20), Reason = "The analyst extends it.", Version = 1 })));
        Assert.Equal(before, await DbAsync(async db => $"{await db.ProblemResponses.CountAsync()}|{(await db.ProblemRoutes.SingleAsync(r => r.Id == policeRoute)).Status}"));
        Assert.Equal(1, await DbAsync(db => db.ProblemRoutes.Where(r => r.Id == policeRoute).Select(r => r.DeadlineVersion).SingleAsync()));
    }

    private static InformationRequests.NewInput Input(string reference) => new()
    {
        Reference = reference,
        Purpose = "Cinayət işi üzrə ifadələri yoxlamaq üçün lazımdır.",
        LegalBasis = LegalBasis.CriminalProcedure,
        BasisReference = "CPM 123",
        Classes = [DataClass.Investigation, DataClass.Identity],
        Days = 10,
    };

    [Fact]
    public async Task An_information_request_is_neither_read_nor_decided_by_anyone_but_its_parties_and_says_nothing_of_the_case()
    {
        CultureInfo.CurrentUICulture = new("en");
        var (investigator, caseView) = await app.NewCaseAsync(CaseSteps.SampleInput(Guid.NewGuid().ToString("N")[..6]));
        var holder = CaseSteps.ViewerOf(investigator, InvestigatorRoles);
        var prosecutor = await app.CreateUserAsync(InstitutionKind.Prosecution, ProsecutorRoles);
        var requester = CaseSteps.ViewerOf(prosecutor, ProsecutorRoles);
        var colleague = await app.CreateUserAsync(InstitutionKind.Prosecution, ProsecutorRoles);
        var analyst = await app.CreateUserAsync(InstitutionKind.NationalCoordinator, Analyst);
        var auditor = await app.CreateUserAsync(InstitutionKind.Oversight, [RoleCatalog.Auditor]);
        var coordinatorUser = await app.CreateUserAsync(InstitutionKind.NationalCoordinator, Coordinator);

        var (real, e1) = await Requests(r => r.SubmitAsync(requester, ProsecutorRoles, Input(caseView.Number)));
        var (none, e2) = await Requests(r => r.SubmitAsync(requester, ProsecutorRoles, Input("NO-SUCH-" + Guid.NewGuid().ToString("N")[..6])));
        Assert.Empty(e1!);
        Assert.Empty(e2!);

        // Reading: the colleague, the analyst, the auditor get what a random id gets.
        foreach (var (user, roles) in new[] { (colleague, ProsecutorRoles), (analyst, Analyst), (auditor, new[] { RoleCatalog.Auditor }) })
        {
            Assert.Null(await Requests(r => r.ReadAsync(CaseSteps.ViewerOf(user, roles), roles, real!.Value)));
            Assert.Null(await Requests(r => r.ReadAsync(CaseSteps.ViewerOf(user, roles), roles, Guid.NewGuid())));
        }

        // Deciding: nobody but the Coordinator; the request stays submitted and no grant is made.
        var approve = new InformationRequests.DecisionInput { Outcome = DecisionOutcome.Approve };
        Assert.Null(await Requests(r => r.DecideAsync(CaseSteps.ViewerOf(analyst, Analyst), Analyst, real!.Value, approve)));
        Assert.Null(await Requests(r => r.DecideAsync(requester, ProsecutorRoles, real!.Value, approve)));
        Assert.Null(await Requests(r => r.DecideAsync(holder, InvestigatorRoles, real!.Value, approve)));
        Assert.Null(await Requests(r => r.DecideAsync(CaseSteps.ViewerOf(colleague, ProsecutorRoles), ProsecutorRoles, real!.Value, approve)));
        // Opining: only the holder; the requester may not give the holder's opinion on his own request.
        Assert.Null(await Requests(r => r.OpineAsync(requester, ProsecutorRoles, real!.Value, new() { Opinion = OpinionKind.NoObjection })));
        Assert.Null(await Requests(r => r.OpineAsync(CaseSteps.ViewerOf(coordinatorUser, Coordinator), Coordinator, real!.Value, new() { Opinion = OpinionKind.NoObjection })));
        var state = await DbAsync(db => db.InformationRequests.Where(x => x.Id == real!.Value).Select(x => new { x.Status, x.Opinion, x.GrantId }).SingleAsync());
        Assert.Equal(RequestStatus.Submitted, state.Status);
        Assert.Null(state.Opinion);
        Assert.Null(state.GrantId);

        // The requester's own view is alike for the case that exists and the reference that names nothing.
        var a = (await Requests(r => r.ReadAsync(requester, ProsecutorRoles, real!.Value)))!;
        var b = (await Requests(r => r.ReadAsync(requester, ProsecutorRoles, none!.Value)))!;
        Assert.Equal(b.Timeline.Select(x => x.Kind), a.Timeline.Select(x => x.Kind));
        Assert.Null(a.Match);
        Assert.Null(a.Holders);
        Assert.Equal(b.OpinionOverdue, a.OpinionOverdue);
        Assert.Equal(b.MayOpine, a.MayOpine);
        Assert.Equal(b.Standing, a.Standing);
        var mine = await Requests(r => r.MineAsync(requester));
        var rowA = mine.Single(x => x.Id == real!.Value);
        var rowB = mine.Single(x => x.Id == none!.Value);
        Assert.Equal(rowB.Status, rowA.Status);
        Assert.Equal(rowB.NoCase, rowA.NoCase);
        Assert.Equal(rowB.OpinionOverdue, rowA.OpinionOverdue);
    }
}

public sealed class AttackCoordinationOnSqlite(SqliteApp app) : AttackCoordination(app), IClassFixture<SqliteApp>;
