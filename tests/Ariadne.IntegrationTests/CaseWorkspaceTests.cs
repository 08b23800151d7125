using System.Net;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>The case workspace (header, edit, access, history) and the case list, on both databases.</summary>
public abstract class CaseWorkspaceTests(AriadneApp app)
{
    /// <summary>A case, its investigator, and a colleague the chief brought in with read and write on Status only.</summary>
    private async Task<(TestUser Investigator, CaseService.CaseView Case, TestUser Colleague, WebSession Chief)> WithStatusOnlyColleagueAsync(CaseInput? input = null)
    {
        var (investigator, view) = await app.NewCaseAsync(input);
        var chief = await app.CreateUserAsync(InstitutionKind.AntiTraffickingSquad, [RoleCatalog.SquadChief], [TrainingTopic.AntiTrafficking]);
        var colleague = await app.CreateUserAsync(InstitutionKind.AntiTraffickingSquad, [RoleCatalog.Investigator], [TrainingTopic.AntiTrafficking]);
        var chiefSession = await app.SessionAsync(chief);
        var access = await chiefSession.GetAsync($"/Cases/{view.Id}/Access");
        var added = await chiefSession.SubmitAsync(access, "form[action*='handler=AddGrant']", new Dictionary<string, string>
        {
            ["Grant.Relation"] = "Investigator",
            ["Grant.GranteeUserName"] = colleague.UserName,
            ["Grant.GranteeInstitutionId"] = "",
            ["Grant.Read"] = "Status",
            ["Grant.Write"] = "Status",
            ["Grant.Reason"] = "status only",
        });
        Assert.Empty(added.Errors);
        return (investigator, view, colleague, chiefSession);
    }

    [Fact]
    public async Task The_header_names_the_person_only_to_a_viewer_who_may_read_identity()
    {
        var (investigator, view, colleague, chief) = await WithStatusOnlyColleagueAsync();
        using var _ = chief;
        using var own = await app.SessionAsync(investigator);
        var mine = await own.GetAsync($"/Cases/Detail?id={view.Id}");
        Assert.Contains("Zülfiyyə", mine.Document.QuerySelector("[data-case-header] [data-case-name]")?.TextContent ?? "", StringComparison.Ordinal);
        Assert.Contains("25–34", mine.Document.QuerySelector("[data-case-header]")!.TextContent, StringComparison.Ordinal);

        using var other = await app.SessionAsync(colleague);
        var theirs = await other.GetAsync($"/Cases/Detail?id={view.Id}");
        Assert.Equal(HttpStatusCode.OK, theirs.Status);
        Assert.Contains(view.Number, theirs.Document.QuerySelector("[data-case-header]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(theirs.Document.QuerySelector("[data-case-name]"));
        Assert.DoesNotContain("Zülfiyyə", theirs.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("25–34", theirs.Html, StringComparison.Ordinal);
        var list = await other.GetAsync("/Cases");
        var row = list.Document.QuerySelector($"tr[data-case='{view.Number}']");
        Assert.NotNull(row);
        Assert.DoesNotContain("Zülfiyyə", list.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_edit_page_refuses_a_section_the_viewer_cannot_write()
    {
        var (investigator, view, colleague, chief) = await WithStatusOnlyColleagueAsync();
        using var _ = chief;
        using var other = await app.SessionAsync(colleague);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/Cases/{view.Id}/Edit?section=Identity")).Status);
        var status = await other.GetAsync($"/Cases/{view.Id}/Edit?section=Status");
        Assert.Equal(HttpStatusCode.OK, status.Status);
        Assert.Null(status.Document.QuerySelector("#Input_GivenName"));
        // A forged post that slips an Identity field into the Status section is refused and changes nothing.
        var forged = await other.SubmitAsync(status, "form[action*='handler=Update']", new Dictionary<string, string> { ["Input.GivenName"] = "Forged" }, follow: false);
        Assert.Equal(HttpStatusCode.Forbidden, forged.Status);
        // The same forged post from someone who cannot see the case finds no case at all (404, not 403).
        using var stranger = await app.SessionAsync(await app.BorderOfficerAsync());
        var token = (await stranger.GetAsync("/Referrals/New")).Document.QuerySelector("input[name=__csrf]")!.GetAttribute("value")!;
        status.Document.QuerySelector("form[action*='handler=Update'] input[name=__csrf]")!.SetAttribute("value", token);
        var blind = await stranger.SubmitAsync(status, "form[action*='handler=Update']", new Dictionary<string, string> { ["Input.GivenName"] = "Forged" }, follow: false);
        Assert.Equal(HttpStatusCode.NotFound, blind.Status);

        using var own = await app.SessionAsync(investigator);
        var identity = await own.GetAsync($"/Cases/{view.Id}/Edit?section=Identity");
        Assert.Equal(HttpStatusCode.OK, identity.Status);
        var saved = await own.SubmitAsync(identity, "form[action*='handler=Update']", new Dictionary<string, string> { ["Input.GivenName"] = "Zülfiyyəx" });
        Assert.True(saved.Path.StartsWith("/Cases/Detail", StringComparison.Ordinal), string.Join(" | ", saved.Errors));
        Assert.Contains("Zülfiyyəx", saved.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Forged", saved.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SessionAsync(
            await app.CreateUserAsync(InstitutionKind.Shelter, [RoleCatalog.ShelterManager], [TrainingTopic.VictimAssistance]))).GetAsync($"/Cases/{view.Id}/Edit?section=Status")).Status);
    }

    [Fact]
    public async Task Revoking_a_grant_takes_the_confirmation_step()
    {
        var (_, view, colleague, chief) = await WithStatusOnlyColleagueAsync();
        using var _ = chief;
        var grantId = await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Grants
            .Where(g => g.CaseId == view.Id && g.GranteeUserId == colleague.Id).Select(g => g.Id).SingleAsync());
        var access = await chief.GetAsync($"/Cases/{view.Id}/Access");
        Assert.Empty(access.Document.QuerySelectorAll("form[action*='Revoke']")); // no one-click revoke
        var confirm = await chief.GetAsync($"/Cases/{view.Id}/Access/Revoke/{grantId}");
        Assert.Equal(HttpStatusCode.OK, confirm.Status);
        Assert.Null(await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Grants.Where(g => g.Id == grantId).Select(g => g.RevokedAt).SingleAsync()));
        var done = await chief.SubmitAsync(confirm, "form[data-confirm-revoke]");
        Assert.Contains("Access revoked.", done.Text, StringComparison.Ordinal);
        Assert.NotNull(await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Grants.Where(g => g.Id == grantId).Select(g => g.RevokedAt).SingleAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await chief.GetAsync($"/Cases/{view.Id}/Access/Revoke/{grantId}")).Status); // already revoked
    }

    [Fact]
    public async Task History_lists_the_cases_events_in_words_and_is_refused_without_access()
    {
        var (investigator, view, _, chief) = await WithStatusOnlyColleagueAsync();
        using var _ = chief;
        using var own = await app.SessionAsync(investigator);
        var history = await own.GetAsync($"/Cases/{view.Id}/History");
        Assert.Equal(HttpStatusCode.OK, history.Status);
        var items = history.Document.QuerySelectorAll("[data-history] li").Select(li => li.GetAttribute("data-action")).ToList();
        Assert.Equal(["grant.created", "case.created"], items); // newest first; reads are not listed
        Assert.Contains("Case opened", history.Text, StringComparison.Ordinal);
        Assert.Contains("Access given", history.Text, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().AuditEvents
            .CountAsync(e => e.CaseId == view.Id && e.Action == CasesAudit.CaseViewed.Code && e.Purpose == CasesAudit.History.Code)));

        using var outsider = await app.SessionAsync(await app.CreateUserAsync(InstitutionKind.Shelter, [RoleCatalog.ShelterManager], [TrainingTopic.VictimAssistance]));
        var refused = await outsider.GetAsync($"/Cases/{view.Id}/History");
        Assert.Equal(HttpStatusCode.NotFound, refused.Status);
        Assert.DoesNotContain("Case opened", refused.Text, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().AuditEvents
            .CountAsync(e => e.TargetId == view.Id && e.Action == PlatformAudit.CaseDenied.Code && e.Purpose == CasesAudit.History.Code)));
    }

    [Fact]
    public async Task The_list_filters_says_no_match_when_nothing_matches_and_an_exact_name_finds_its_case()
    {
        var adult = CaseSteps.SampleInput("ls");
        adult.GivenName = "Gülnar";
        adult.FamilyName = "Nəbiyeva";
        var (investigator, adultCase) = await app.NewCaseAsync(adult);
        var child = CaseSteps.SampleInput("lc");
        child.DateOfBirth = "2015-01-01";
        var childCase = await app.WithScopeAsync(sp => sp.GetRequiredService<CaseService>()
            .CreateAsync(CaseSteps.ViewerOf(investigator, RoleCatalog.Investigator), child));
        using var session = await app.SessionAsync(investigator);

        var all = await session.GetAsync("/Cases");
        Assert.NotNull(all.Document.QuerySelector($"tr[data-case='{adultCase.Number}']"));
        Assert.NotNull(all.Document.QuerySelector($"tr[data-case='{childCase.Number}'] [data-child]"));
        Assert.Contains("Gülnar Nəbiyeva", all.Document.QuerySelector($"tr[data-case='{adultCase.Number}']")!.TextContent, StringComparison.Ordinal);

        var children = await session.GetAsync("/Cases?Child=yes");
        Assert.NotNull(children.Document.QuerySelector($"tr[data-case='{childCase.Number}']"));
        Assert.Null(children.Document.QuerySelector($"tr[data-case='{adultCase.Number}']"));
        var mine = await session.GetAsync("/Cases?Relation=Investigator&Sort=number");
        Assert.Equal(2, mine.Document.QuerySelectorAll("tr[data-case]").Length);

        var closed = await session.GetAsync("/Cases?Status=Closed");
        Assert.Empty(closed.Document.QuerySelectorAll("tr[data-case]"));
        Assert.Contains("No case matches.", closed.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("No cases are open to you.", closed.Text, StringComparison.Ordinal);

        var none = await session.SubmitAsync(all, "form[aria-label='Find by name']", new Dictionary<string, string> { ["GivenName"] = "Qwertyuiop", ["FamilyName"] = "Asdfghjkl" });
        Assert.Contains("No case matches.", none.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("No cases are open to you.", none.Text, StringComparison.Ordinal);

        var found = await session.SubmitAsync(all, "form[aria-label='Find by name']", new Dictionary<string, string> { ["GivenName"] = "Gülnar", ["FamilyName"] = "Nəbiyeva" });
        Assert.NotNull(found.Document.QuerySelector("table[data-candidates]"));
        Assert.Contains(adultCase.Number, found.Document.QuerySelector("table[data-candidates]")!.TextContent, StringComparison.Ordinal);
    }
}

// On PostgreSQL only (the production database): this class tests a feature, not the database. Its pages' queries run on SQLite
// too, in the sweep of every handler (SweepTests) and the crawl of every page by every role (UniqueIdTests).
public sealed class CaseWorkspaceTestsOnPostgres(PostgresApp app) : CaseWorkspaceTests(app), IClassFixture<PostgresApp>;
