using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Cases;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Api;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>Cases through the pages and the API: opening, denial, grants, break-glass, oversight — on both databases.</summary>
public abstract class CaseFlowTests(AriadneApp app)
{
    private async Task<(TestUser User, WebSession Session)> SignedInAsync(InstitutionKind kind, string role, TrainingTopic[]? trainings = null)
    {
        var user = await app.CreateUserAsync(kind, [role], trainings);
        var session = app.NewSession();
        await session.SignInAsync(app, user);
        return (user, session);
    }

    private async Task<string> TokenAsync(TestUser user, string scopes)
    {
        var (secret, prefix, hash) = ApiTokenSecrets.Create();
        await app.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<AriadneDbContext>();
            db.ApiTokens.Add(new ApiToken { UserId = user.Id, Name = "t", Prefix = prefix, SecretHash = hash, Scopes = scopes, CreatedAt = app.Time.GetUtcNow(), ExpiresAt = app.Time.GetUtcNow().AddDays(5) });
            await db.SaveChangesAsync();
        });
        return secret;
    }

    private Task<int> EventsAsync(string action, Guid? target) =>
        app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().AuditEvents.CountAsync(e => e.Action == action && e.TargetId == target));

    [Fact]
    public async Task An_investigator_opens_a_case_and_an_outsider_gets_the_same_404_as_for_nothing_and_is_audited()
    {
        var (_, squad) = await SignedInAsync(InstitutionKind.AntiTraffickingSquad, RoleCatalog.Investigator, [TrainingTopic.AntiTrafficking]);
        var form = await squad.GetAsync("/Cases/New");
        var invalid = await squad.SubmitAsync(form, "form.app-form", new Dictionary<string, string> { ["Input.DateOfBirth"] = "2999-01-01", ["Input.Citizenship"] = "Azerbaijan" });
        Assert.Equal("Enter a real date of birth, for example 12.04.1998.", invalid.FieldError("Input_DateOfBirth"));
        Assert.Equal("Choose the country from the list.", invalid.FieldError("Input_Citizenship"));
        Assert.Equal(0, await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Cases.CountAsync(c => c.CreatedBy == Guid.Empty)));

        var created = await squad.SubmitAsync(invalid, "form.app-form", new Dictionary<string, string>
        {
            ["Input.GivenName"] = "Aynur",
            ["Input.FamilyName"] = "Məmmədova",
            ["Input.DateOfBirth"] = "2010-02-03",
            ["Input.Citizenship"] = "AZE",
            ["Input.Whereabouts"] = "Sumqayıt",
        });
        Assert.StartsWith("/Cases/Detail", created.Path, StringComparison.Ordinal);
        Assert.Contains("Məmmədova", created.Text, StringComparison.Ordinal);
        var id = Guid.Parse(created.Url.Split("id=")[1]);
        Assert.Contains("Sumqayıt", (await squad.GetAsync($"/Cases/Detail?id={id}&tab=person")).Text, StringComparison.Ordinal); // where: the person tab
        Assert.True(await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Cases.AnyAsync(c => c.Id == id && c.IsMinor))); // born 2010: a child

        var (_, shelter) = await SignedInAsync(InstitutionKind.Shelter, RoleCatalog.ShelterManager, [TrainingTopic.VictimAssistance]);
        var denied = await shelter.GetAsync($"/Cases/Detail?id={id}");
        var nothing = await shelter.GetAsync($"/Cases/Detail?id={Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, denied.Status);
        Assert.Equal(HttpStatusCode.NotFound, nothing.Status);
        Assert.Equal(nothing.Document.QuerySelector("main")!.TextContent, denied.Document.QuerySelector("main")!.TextContent);
        Assert.DoesNotContain("Məmmədova", denied.Html, StringComparison.Ordinal);
        Assert.Equal(1, await EventsAsync(PlatformAudit.CaseDenied, id));
        Assert.Equal(1, await EventsAsync(CasesAudit.CaseCreated, id));
    }

    [Fact]
    public async Task The_squad_chief_assigns_an_investigator_and_revoking_ends_their_access()
    {
        var (investigator, view) = await app.NewCaseAsync();
        var chief = await app.CreateUserAsync(InstitutionKind.AntiTraffickingSquad, [RoleCatalog.SquadChief], [TrainingTopic.AntiTrafficking]);
        var colleague = await app.CreateUserAsync(InstitutionKind.AntiTraffickingSquad, [RoleCatalog.Investigator], [TrainingTopic.AntiTrafficking]);
        using var chiefSession = app.NewSession();
        await chiefSession.SignInAsync(app, chief);
        using var colleagueSession = app.NewSession();
        await colleagueSession.SignInAsync(app, colleague);
        Assert.Equal(HttpStatusCode.NotFound, (await colleagueSession.GetAsync($"/Cases/Detail?id={view.Id}")).Status);

        var overview = await chiefSession.GetAsync($"/Cases/Detail?id={view.Id}");
        Assert.Equal(HttpStatusCode.OK, overview.Status);
        Assert.DoesNotContain("Otel Qafqaz", overview.Html, StringComparison.Ordinal); // a supervisor does not see whereabouts
        var page = await chiefSession.GetAsync($"/Cases/{view.Id}/Access");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var added = await chiefSession.SubmitAsync(page, "form[action*='handler=AddGrant']", new Dictionary<string, string>
        {
            ["Grant.Relation"] = "Investigator",
            ["Grant.GranteeUserName"] = colleague.UserName,
            ["Grant.GranteeInstitutionId"] = "",
            ["Grant.Read"] = WebSession.Many("Status", "Identity"),
            ["Grant.Write"] = "Status",
            ["Grant.Reason"] = "second investigator",
        });
        Assert.Empty(added.Errors);
        var seen = await colleagueSession.GetAsync($"/Cases/Detail?id={view.Id}");
        Assert.Equal(HttpStatusCode.OK, seen.Status);
        Assert.Contains("Zülfiyyə", seen.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Astma", seen.Html, StringComparison.Ordinal); // health was not granted

        var grantId = await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Grants
            .Where(g => g.CaseId == view.Id && g.GranteeUserId == colleague.Id).Select(g => g.Id).SingleAsync());
        page = await chiefSession.GetAsync($"/Cases/{view.Id}/Access");
        var confirm = await chiefSession.GetAsync(page.Document.QuerySelector($"tr[data-grant='{grantId}'] a[href*='/Revoke/']")!.GetAttribute("href")!);
        Assert.Contains("Are you sure", confirm.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await colleagueSession.GetAsync($"/Cases/Detail?id={view.Id}")).Status); // asking changes nothing
        await chiefSession.SubmitAsync(confirm, "form[data-confirm-revoke]");
        Assert.Equal(HttpStatusCode.NotFound, (await colleagueSession.GetAsync($"/Cases/Detail?id={view.Id}")).Status);
        Assert.Equal(1, await EventsAsync(PlatformAudit.GrantCreated, grantId));
        Assert.Equal(1, await EventsAsync(PlatformAudit.GrantRevoked, grantId));
        Assert.NotNull(investigator);
    }

    [Fact]
    public async Task Grants_never_exceed_their_relation_never_reach_everyone_and_a_childs_case_goes_to_named_people()
    {
        var input = CaseSteps.SampleInput();
        input.DateOfBirth = "2012-05-05";
        var (investigator, view) = await app.NewCaseAsync(input);
        var shelterUser = await app.CreateUserAsync(InstitutionKind.Shelter, [RoleCatalog.ShelterManager], [TrainingTopic.VictimAssistance]);
        using var session = app.NewSession();
        await session.SignInAsync(app, investigator);
        var page = await session.GetAsync($"/Cases/{view.Id}/Access");

        var wide = await session.SubmitAsync(page, "form[action*='handler=AddGrant']", new Dictionary<string, string>
        {
            ["Grant.Relation"] = "Shelter",
            ["Grant.GranteeInstitutionId"] = shelterUser.InstitutionId.ToString(),
            ["Grant.Read"] = "Identity",
            ["Grant.Reason"] = "placement",
        });
        Assert.Equal("On a child's case, access goes to named persons, not to a whole institution.", wide.FieldError("Grant_GranteeInstitutionId"));

        var beyond = await session.SubmitAsync(page, "form[action*='handler=AddGrant']", new Dictionary<string, string>
        {
            ["Grant.Relation"] = "Shelter",
            ["Grant.GranteeUserName"] = shelterUser.UserName,
            ["Grant.Read"] = "Investigation",
            ["Grant.Reason"] = "placement",
        });
        Assert.Contains("This relation may not open some of the chosen classes.", beyond.Text, StringComparison.Ordinal);

        var wrongPerson = await session.SubmitAsync(page, "form[action*='handler=AddGrant']", new Dictionary<string, string>
        {
            ["Grant.Relation"] = "Prosecutor",
            ["Grant.GranteeUserName"] = shelterUser.UserName,
            ["Grant.Read"] = "Status",
            ["Grant.Reason"] = "x",
        });
        Assert.Contains("This person cannot hold this relation.", wrongPerson.Text, StringComparison.Ordinal);

        var nobody = await session.SubmitAsync(page, "form[action*='handler=AddGrant']", new Dictionary<string, string>
        {
            ["Grant.Relation"] = "Shelter",
            ["Grant.Read"] = "Status",
            ["Grant.Reason"] = "x",
        });
        Assert.Contains("Name exactly one person or one institution.", nobody.Text, StringComparison.Ordinal);
        Assert.Equal(2, await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().Grants.CountAsync(g => g.CaseId == view.Id)));

        var ok = await session.SubmitAsync(page, "form[action*='handler=AddGrant']", new Dictionary<string, string>
        {
            ["Grant.Relation"] = "Shelter",
            ["Grant.GranteeUserName"] = shelterUser.UserName,
            ["Grant.Read"] = WebSession.Many("Status", "Identity"),
            ["Grant.Write"] = "Care",
            ["Grant.Reason"] = "placement",
        });
        Assert.Empty(ok.Errors);
    }

    [Fact]
    public async Task Break_glass_needs_reauthentication_hides_location_notifies_and_lands_in_review()
    {
        var (_, view) = await app.NewCaseAsync();
        var prosecutor = await app.CreateUserAsync(InstitutionKind.Prosecution, [RoleCatalog.Prosecutor]);
        using var session = app.NewSession();
        await session.SignInAsync(app, prosecutor);
        var form = await session.GetAsync("/Cases/BreakGlass");
        var fields = new Dictionary<string, string>
        {
            ["CaseNumber"] = view.Number,
            ["Reason"] = "ImminentDangerToLife",
            ["Explanation"] = "The victim called from an unknown place and is in danger.",
            ["Password"] = "wrong-password",
            ["Code"] = "000000",
        };
        var refused = await session.SubmitAsync(form, "form.app-form", fields);
        Assert.Contains("The password or the authenticator code is not right.", refused.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync($"/Cases/Detail?id={view.Id}")).Status);

        app.Time.Advance(TimeSpan.FromSeconds(30));
        fields["Password"] = prosecutor.Password;
        fields["Code"] = app.TotpNow(prosecutor.AuthenticatorKey!);
        var opened = await session.SubmitAsync(refused, "form.app-form", fields);
        Assert.StartsWith("/Cases/Detail", opened.Path, StringComparison.Ordinal);
        Assert.Contains("Emergency access until", opened.Text, StringComparison.Ordinal);
        Assert.Contains("Zülfiyyə", opened.Html, StringComparison.Ordinal);
        foreach (var located in new[] { "Otel Qafqaz", "Nizami", "777 66 55" })
            Assert.DoesNotContain(located, opened.Html, StringComparison.Ordinal);
        Assert.Null(opened.Document.QuerySelector("a[href*='/Edit']")); // read-only: no "Change" link
        Assert.Equal(HttpStatusCode.Forbidden, (await session.GetAsync($"/Cases/{view.Id}/Edit?section=Identity")).Status);

        var auditor = await app.CreateUserAsync(InstitutionKind.Oversight, [RoleCatalog.Auditor]);
        using var oversight = app.NewSession();
        await oversight.SignInAsync(app, auditor);
        Assert.Contains(view.Number, (await oversight.GetAsync("/Notifications")).Text, StringComparison.Ordinal);
        var queue = await oversight.GetAsync("/Oversight/Reviews");
        Assert.Contains("The victim called from an unknown place", queue.Text, StringComparison.Ordinal);
        var closed = await oversight.SubmitAsync(queue, "form[action*='justified=true']");
        Assert.Contains("Nothing waits for review.", closed.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await oversight.GetAsync($"/Cases/Detail?id={view.Id}")).Status); // oversight never reads contents

        var access = await oversight.GetAsync($"/Oversight/CaseAccess?Number={view.Number}");
        Assert.Contains("Emergency access opened", access.Text, StringComparison.Ordinal);
        Assert.Contains("Case read", access.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Zülfiyyə", access.Html, StringComparison.Ordinal);
        var csv = await oversight.Client.GetStringAsync($"/Oversight/CaseAccess?Number={view.Number}&handler=Export");
        Assert.StartsWith("at,action,outcome,user,institution,relation,purpose", csv, StringComparison.Ordinal);
        Assert.Contains("break-glass.opened", csv, StringComparison.Ordinal);

        // Four hours later the opening has ended by itself.
        app.Time.Advance(TimeSpan.FromHours(4) + TimeSpan.FromMinutes(1));
        using var later = app.NewSession();
        await later.SignInAsync(app, prosecutor);
        Assert.Equal(HttpStatusCode.NotFound, (await later.GetAsync($"/Cases/Detail?id={view.Id}")).Status);
    }

    [Fact]
    public async Task The_administrator_and_oversight_cannot_break_glass_or_see_any_case()
    {
        var (_, view) = await app.NewCaseAsync();
        foreach (var (kind, role) in new[] { (InstitutionKind.PlatformAdministration, RoleCatalog.Administrator), (InstitutionKind.Oversight, RoleCatalog.Auditor) })
        {
            var (_, session) = await SignedInAsync(kind, role);
            using (session)
            {
                Assert.Equal(HttpStatusCode.Forbidden, (await session.GetAsync("/Cases/BreakGlass")).Status);
                Assert.Null((await session.GetAsync("/Cases")).Document.QuerySelector("a[href*='/Cases/BreakGlass']")); // no button that leads to a refusal
                Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync($"/Cases/Detail?id={view.Id}")).Status);
                Assert.DoesNotContain(view.Number, (await session.GetAsync("/Cases")).Html, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task The_cases_api_is_idempotent_projects_fields_and_refuses_writes_beyond_the_grant()
    {
        var (investigator, _) = await app.NewCaseAsync();
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(investigator, "cases.read cases.write"));
        var key = Guid.NewGuid().ToString();
        var body = new { givenName = "Kənan", familyName = "Əliyev", documentNumber = "C" + Guid.NewGuid().ToString("N")[..8], situation = "Dubai" };
        async Task<HttpResponseMessage> Create()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            return await client.SendAsync(request);
        }
        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Create()));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var ids = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid()));
        Assert.Single(ids.Distinct());
        Assert.Equal(1, await app.WithScopeAsync(sp => sp.GetRequiredService<AriadneDbContext>().People.CountAsync(p => p.DocumentNumberIndex == sp.GetRequiredService<Ariadne.Web.Platform.Crypto.BlindIndex>().DocumentNumber(body.documentNumber))));

        var document = await client.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{ids[0]}");
        Assert.Equal("Kənan", document.GetProperty("fields").GetProperty("givenName").GetString());
        Assert.False(document.GetProperty("fields").TryGetProperty("health", out _)); // not in the investigator's classes
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PatchAsJsonAsync($"/api/v1/cases/{ids[0]}", new { health = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PatchAsJsonAsync($"/api/v1/cases/{ids[0]}", new { situation = "Istanbul" })).StatusCode);
        var missing = await client.GetAsync($"/api/v1/cases/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);
    }
}

// On PostgreSQL only (the production database): this class tests a feature, not the database. Its pages' queries run on SQLite
// too, in the sweep of every handler (SweepTests) and the crawl of every page by every role (UniqueIdTests).
public sealed class CaseFlowTestsOnPostgres(PostgresApp app) : CaseFlowTests(app), IClassFixture<PostgresApp>;
