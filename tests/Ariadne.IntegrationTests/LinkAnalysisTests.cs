using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Investigation;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>
/// Entities and link analysis (issue 15 §3): the graph shows only files and cases the viewer may see, and a connection into
/// anything else as "connection exists — ask the owner" — never its id, number or data, in the SVG, the table, the page, the
/// API or the FollowTheMoney export; asking reaches the owner, who grants or refuses; merges are suggested with their reasons,
/// confirmed and undone; the export records its legal basis and withholds what the handling code keeps in the house.
/// </summary>
public abstract class LinkAnalysisTests(AriadneApp app)
{
    private static readonly string[] Investigator = [RoleCatalog.Investigator];
    private static readonly string[] Prosecutor = [RoleCatalog.Prosecutor];

    private Task<T> Links<T>(Func<LinkAnalysis, Task<T>> call) => app.WithScopeAsync(sp => call(sp.GetRequiredService<LinkAnalysis>()));

    private Task<T> Files<T>(Func<CriminalFiles, Task<T>> call) => app.WithScopeAsync(sp => call(sp.GetRequiredService<CriminalFiles>()));

    private Task<T> DbAsync<T>(Func<AriadneDbContext, Task<T>> query) => app.WithScopeAsync(sp => query(sp.GetRequiredService<AriadneDbContext>()));

    private static string NewTag() => Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    private Task<TestUser> UserAsync(InstitutionKind kind, string[] roles) => app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AriadneDbContext>();
        var users = sp.GetRequiredService<UserManager<AriadneUser>>();
        var institution = new Institution { Name = "LA " + kind + " " + NewTag(), Code = "LA-" + NewTag(), Kind = kind, CreatedAt = app.Time.GetUtcNow() };
        db.Institutions.Add(institution);
        await db.SaveChangesAsync();
        var user = new AriadneUser { UserName = "la" + NewTag().ToLowerInvariant(), DisplayName = "Link user", InstitutionId = institution.Id, CreatedAt = app.Time.GetUtcNow() };
        Assert.True((await users.CreateAsync(user, AriadneApp.Password)).Succeeded);
        Assert.True((await users.AddToRolesAsync(user, roles)).Succeeded);
        Assert.True((await users.ResetAuthenticatorKeyAsync(user)).Succeeded);
        var key = await users.GetAuthenticatorKeyAsync(user);
        Assert.True((await users.SetTwoFactorEnabledAsync(user, true)).Succeeded);
        return new TestUser(user.Id, user.UserName, AriadneApp.Password, key, institution.Id);
    });

    private async Task<Guid> OpenAsync(Viewer lead, string title)
    {
        var (id, errors) = await Files(f => f.OpenAsync(lead, Investigator, new CriminalFiles.OpenInput { Title = title, Offences = ["144-1.1"] }));
        Assert.Empty(errors);
        return id!.Value;
    }

    private async Task<Guid> EntityAsync(Viewer who, Guid file, EntityKind kind, string value, string? detail = null, Guid? party = null, string handling = "H3")
    {
        var (id, errors) = await Links(l => l.AddEntityAsync(who, file, new LinkAnalysis.EntityInput
        {
            Kind = kind,
            Value = value,
            Detail = detail,
            PartyId = party,
            Source = "statement",
            Reliability = "B2",
            Handling = handling,
        }));
        Assert.NotNull(errors);
        Assert.Empty(errors);
        return id!.Value;
    }

    private async Task LinkAsync(Viewer who, Guid file, Guid from, LinkKind kind, Guid to, string handling = "H3")
    {
        var (id, errors) = await Links(l => l.AddLinkAsync(who, file, new LinkAnalysis.LinkInput { FromId = from, ToId = to, Kind = kind, Source = "statement", Reliability = "B2", Handling = handling }));
        Assert.NotNull(id);
        Assert.Empty(errors!);
    }

    /// <summary>
    /// Squad A's file, shared with a prosecutor, with a victim linked to a protection case the prosecutor may not see; Squad B's
    /// file, which nobody else sees, with the same phone number written another way and secrets in every field.
    /// </summary>
    private sealed record World(TestUser LeadA, Viewer A, Viewer Pros, TestUser ProsUser, Viewer B, TestUser LeadB, Guid FileA, Guid FileB, string FileBNumber,
        Guid PhoneA, Guid PersonA, Guid VictimA, Guid CaseId, string CaseNumber, string[] Secrets);

    private async Task<World> WorldAsync()
    {
        CultureInfo.CurrentUICulture = new("en");
        var tag = NewTag();
        // Values of this world only: other tests' worlds share the database, and the same phone there would be a real connection.
        var phoneNumber = "+99450" + Random.Shared.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture);
        var (leadA, protection) = await app.NewCaseAsync();
        var a = CaseSteps.ViewerOf(leadA, Investigator);
        var fileA = await OpenAsync(a, "LA file A " + tag);
        Assert.Empty((await Files(f => f.AddPartyAsync(a, fileA, new() { Role = PartyRole.Victim, Name = "Victim " + tag, CaseNumber = protection.Number })))!);
        var victimParty = (await Files(f => f.ReadAsync(a, fileA)))!.Parties.Single().Id;
        var prosUser = await UserAsync(InstitutionKind.Prosecution, Prosecutor);
        Assert.Empty((await Files(f => f.ShareAsync(a, fileA, new() { InstitutionId = prosUser.InstitutionId, Reason = "supervision" })))!);
        var person = await EntityAsync(a, fileA, EntityKind.Person, "Elşən Məmmədov " + tag, "1978-03-14");
        var phone = await EntityAsync(a, fileA, EntityKind.Phone, phoneNumber);
        var victim = await EntityAsync(a, fileA, EntityKind.Person, "Victim " + tag, party: victimParty);
        await LinkAsync(a, fileA, person, LinkKind.Uses, phone);
        await LinkAsync(a, fileA, victim, LinkKind.Associate, person);

        var leadB = await UserAsync(InstitutionKind.AntiTraffickingSquad, Investigator);
        var b = CaseSteps.ViewerOf(leadB, Investigator);
        var fileB = await OpenAsync(b, $"LASECRETTITLE{tag}");
        var fileBNumber = await DbAsync(db => db.CriminalFiles.Where(f => f.Id == fileB).Select(f => f.Number).SingleAsync());
        var secretPerson = await EntityAsync(b, fileB, EntityKind.Person, $"LASECRETNAME{tag}", "1990-01-01");
        var samePhone = await EntityAsync(b, fileB, EntityKind.Phone, "0" + phoneNumber[4..6] + " " + phoneNumber[6..9] + "-" + phoneNumber[9..]);
        var secretAccount = await EntityAsync(b, fileB, EntityKind.BankAccount, $"LASECRETACC{tag}");
        await LinkAsync(b, fileB, secretPerson, LinkKind.Uses, samePhone);
        await LinkAsync(b, fileB, secretPerson, LinkKind.Owns, secretAccount);
        return new World(leadA, a, CaseSteps.ViewerOf(prosUser, Prosecutor), prosUser, b, leadB, fileA, fileB, fileBNumber, phone, person, victim,
            protection.Id, protection.Number,
            [$"LASECRETTITLE{tag}", $"LASECRETNAME{tag}", $"LASECRETACC{tag}", fileB.ToString(), fileB.ToString("N"), fileBNumber, samePhone.ToString("N"), secretPerson.ToString("N"),
             protection.Number, protection.Id.ToString(), protection.Id.ToString("N")]);
    }

    private static void NoSecrets(string probe, string body, IEnumerable<string> secrets)
    {
        foreach (var secret in secrets)
            Assert.False(body.Contains(secret, StringComparison.OrdinalIgnoreCase), $"{probe} reveals an unseen file or case");
    }

    [Fact]
    public async Task The_graph_never_reveals_an_unseen_file_or_case_in_the_svg_the_table_the_page_the_api_or_the_export()
    {
        var w = await WorldAsync();
        var graph = await Links(l => l.GraphAsync(w.Pros, w.FileA, LinkAnalysis.MaxDepth));
        Assert.NotNull(graph);
        // The prosecutor sees file A's entities, and two hidden connections: the phone (into file B) and the victim (into her case).
        Assert.Contains(graph.Nodes, n => n.Id == "e" + w.PhoneA.ToString("N") && !n.Hidden);
        Assert.Equal(2, graph.Nodes.Count(n => n.Hidden));
        Assert.All(graph.Nodes.Where(n => n.Hidden), n => Assert.Null(n.Href));
        Assert.Equal(new[] { w.PhoneA, w.VictimA }.Order(), graph.AskFrom.Select(a => a.EntityId).Order());
        var svg = GraphSvg.Render(graph.Nodes, graph.Edges, "chart", "description");
        NoSecrets("svg", svg, w.Secrets);
        NoSecrets("table", string.Join("\n", GraphSvg.Table(graph.Nodes, graph.Edges).Select(r => $"{r.FromLabel} {r.FromHref} {r.LinkLabel} {r.ToLabel} {r.ToHref}")), w.Secrets);
        NoSecrets("nodes", string.Join("\n", graph.Nodes.Select(n => $"{n.Id} {n.Label} {n.Detail} {n.Href}")), w.Secrets);

        // The investigator who keeps both sees file B and the case through the same walk.
        var leadBGraph = await Links(l => l.GraphAsync(w.B, w.FileB, 2));
        Assert.Contains(leadBGraph!.Nodes, n => n.Hidden); // file A is hidden from Squad B
        var aGraph = await Links(l => l.GraphAsync(w.A, w.FileA, 1));
        Assert.Contains(aGraph!.Nodes, n => n.Kind == GraphNodeKind.ProtectionCase && n.Label == w.CaseNumber && !n.Hidden);

        // The page and the API, through real HTTP.
        using var session = await app.SessionAsync(w.ProsUser);
        var page = await session.GetAsync($"/Investigations/Graph/{w.FileA}?depth=3");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(2, page.Document.QuerySelectorAll("[data-ask-form]").Length);
        NoSecrets("graph page", page.Html, w.Secrets);
        var entitiesPage = await session.GetAsync($"/Investigations/Entities/{w.FileA}");
        Assert.Equal(2, entitiesPage.Document.QuerySelectorAll("[data-hidden-connection]").Length);
        NoSecrets("entities page", entitiesPage.Html, w.Secrets);
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(w.ProsUser, "entities.read entities.write"));
        var apiGraph = await client.GetStringAsync($"/api/v1/entities/graph?fileId={w.FileA}&depth=3");
        Assert.Contains("\"hidden\":true", apiGraph, StringComparison.Ordinal);
        NoSecrets("API graph", apiGraph, w.Secrets);
        var apiList = await client.GetStringAsync($"/api/v1/entities?fileId={w.FileA}");
        NoSecrets("API list", apiList, w.Secrets);
        using var export = await client.PostAsJsonAsync("/api/v1/entities/export", new { fileId = w.FileA, legalBasis = "CriminalProceedings", reference = "order 7" });
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var ftm = await export.Content.ReadAsStringAsync();
        Assert.Contains("Elşən Məmmədov", ftm, StringComparison.Ordinal);
        NoSecrets("FtM export", ftm, w.Secrets);
        // File B itself answers 404 to the prosecutor on every path.
        Assert.Null(await Links(l => l.GraphAsync(w.Pros, w.FileB, 1)));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/entities/graph?fileId={w.FileB}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync($"/Investigations/Graph/{w.FileB}")).Status);
    }

    [Fact]
    public async Task Asking_the_owner_sends_a_reason_never_data_and_a_grant_opens_the_file_for_90_days()
    {
        var w = await WorldAsync();
        // A reason is required; nothing is stored without one.
        var missing = await Links(l => l.AskOwnerAsync(w.Pros, new() { EntityId = w.PhoneA }));
        Assert.Contains(nameof(LinkAnalysis.AskInput.Reason), missing!.Keys);
        Assert.Equal(0, await DbAsync(db => db.ConnectionRequests.CountAsync(r => r.RequestedBy == w.Pros.UserId)));
        // An entity of a file the asker may not see is a 404, as for a random id.
        Assert.Null(await Links(l => l.AskOwnerAsync(w.Pros, new() { EntityId = Guid.NewGuid(), Reason = "x" })));
        var bEntity = await DbAsync(db => db.FileEntities.Where(e => e.FileId == w.FileB).Select(e => e.Id).FirstAsync());
        Assert.Null(await Links(l => l.AskOwnerAsync(w.Pros, new() { EntityId = bEntity, Reason = "x" })));

        Assert.Empty((await Links(l => l.AskOwnerAsync(w.Pros, new() { EntityId = w.PhoneA, Reason = "same phone as the recruiter" })))!);
        // Asked twice: refused, no second request.
        Assert.Contains("", (await Links(l => l.AskOwnerAsync(w.Pros, new() { EntityId = w.PhoneA, Reason = "again" })))!.Keys);
        Assert.Equal(1, await DbAsync(db => db.ConnectionRequests.CountAsync(r => r.RequestedBy == w.Pros.UserId)));
        // The asker's list names no target; the owner's list names it and the reason.
        var (_, asked) = await Links(l => l.RequestsAsync(w.Pros));
        var mine = Assert.Single(asked);
        Assert.Null(mine.Target);
        Assert.Null(mine.TargetHref);
        var (incoming, _) = await Links(l => l.RequestsAsync(w.B));
        var theirs = Assert.Single(incoming);
        Assert.Equal(w.FileBNumber, theirs.Target);
        Assert.Equal("same phone as the recruiter", theirs.Reason);
        // Only the owner decides: the asker, and Squad A's lead, get a 404.
        Assert.Null(await Links(l => l.DecideAsync(w.Pros, theirs.Id, new() { Grant = true })));
        Assert.Null(await Links(l => l.DecideAsync(w.A, theirs.Id, new() { Grant = true })));
        // A refusal needs a reason.
        Assert.Contains(nameof(LinkAnalysis.DecideInput.Note), (await Links(l => l.DecideAsync(w.B, theirs.Id, new() { Grant = false })))!.Keys);
        Assert.Empty((await Links(l => l.DecideAsync(w.B, theirs.Id, new() { Grant = true, Note = "for the indictment" })))!);
        Assert.Contains("", (await Links(l => l.DecideAsync(w.B, theirs.Id, new() { Grant = true })))!.Keys);

        // Now the prosecutor sees file B, for 90 days, and the graph draws it.
        var grant = await DbAsync(db => db.FileGrants.SingleAsync(g => g.FileId == w.FileB && g.GranteeUserId == w.Pros.UserId));
        Assert.Equal(Relation.Prosecutor, grant.Relation);
        Assert.True(grant.ReadOnly);
        Assert.Equal(LinkAnalysis.ConnectionGrantFor, grant.ValidUntil - grant.ValidFrom);
        // To read only: the prosecutor records nothing on file B, not even a prosecutor's step, and decides no request on it.
        var rights = await app.WithScopeAsync(sp => sp.GetRequiredService<Ariadne.Web.Features.Investigation.FileAccess>().RightsAsync(w.Pros, w.FileB));
        Assert.True(rights is { ReadsOnly: true, Prosecutes: false, Keeps: false, HandlesEvidence: false });
        Assert.NotNull(await Files(f => f.ReadAsync(w.Pros, w.FileB)));
        Assert.Contains("", (await Files(f => f.RecordStageAsync(w.Pros, w.FileB, new() { Stage = FileStage.IndictmentToCourt, On = DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime) })))!.Keys);
        Assert.Contains("", (await Links(l => l.AddEntityAsync(w.Pros, w.FileB, new() { Kind = EntityKind.Phone, Value = "+994501112233", Source = "s", Reliability = "B2", Handling = "H1" }))).Errors!.Keys);
        var graph = await Links(l => l.GraphAsync(w.Pros, w.FileA, 3));
        Assert.Contains(graph!.Nodes, n => n.Kind == GraphNodeKind.CriminalFile && n.Label == w.FileBNumber && !n.Hidden);
        Assert.Single(graph.Nodes, n => n.Hidden); // the victim's case is still hidden
        var (_, after) = await Links(l => l.RequestsAsync(w.Pros));
        Assert.Equal(w.FileBNumber, Assert.Single(after).Target);
        // Each step is in the audit trail.
        foreach (var action in new[] { InvestigationAudit.ConnectionRequested, InvestigationAudit.ConnectionGranted, InvestigationAudit.ConnectionDenied, InvestigationAudit.GraphViewed })
            Assert.True(await DbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == action.Code)), action.Code);

        // The victim's protection case: its owner (the lead of the case) grants through the case's own grant rules.
        Assert.Empty((await Links(l => l.AskOwnerAsync(w.Pros, new() { EntityId = w.VictimA, Reason = "to hear the victim" })))!);
        var (caseIncoming, _) = await Links(l => l.RequestsAsync(w.A));
        var caseRequest = Assert.Single(caseIncoming, r => r.Status == ConnectionRequestStatus.Pending);
        Assert.Equal(w.CaseNumber, caseRequest.Target);
        Assert.Empty((await Links(l => l.DecideAsync(w.A, caseRequest.Id, new() { Grant = true })))!);
        Assert.True(await DbAsync(db => db.Grants.AnyAsync(g => g.CaseId == w.CaseId && g.GranteeUserId == w.Pros.UserId && g.Relation == Relation.Prosecutor && g.ValidUntil != null)));
        Assert.DoesNotContain((await Links(l => l.GraphAsync(w.Pros, w.FileA, 3)))!.Nodes, n => n.Hidden);
    }

    [Fact]
    public async Task A_merge_is_suggested_with_its_reasons_confirmed_by_a_person_and_undone()
    {
        var w = await WorldAsync();
        var number = await DbAsync(async db => await db.FileEntities.Where(e => e.Id == w.PhoneA).Select(e => e.Id).SingleAsync());
        var view0 = await Links(l => l.ReadAsync(w.A, w.FileA));
        var digits = view0!.Entities.Single(e => e.Facts.Id == number).Facts.Value;
        var again = await EntityAsync(w.A, w.FileA, EntityKind.Phone, "(0" + digits[4..6] + ") " + digits[6..9] + " " + digits[9..]);
        var other = await EntityAsync(w.A, w.FileA, EntityKind.Person, "Sevda Quliyeva", "1985-11-02");
        await LinkAsync(w.A, w.FileA, other, LinkKind.Uses, again);
        var view = await Links(l => l.ReadAsync(w.A, w.FileA));
        var suggestion = Assert.Single(view!.Suggestions, s => s.Kind == EntityKind.Phone);
        Assert.Equal(1.0, suggestion.Score);
        Assert.Equal(EntityResolution.SameNumber, suggestion.Explanation[0].Key);
        // The prosecutor sees the suggestion but may not merge; nothing is merged until a keeper confirms.
        Assert.Contains("", (await Links(l => l.MergeAsync(w.Pros, w.FileA, suggestion.LeftId, suggestion.RightId)))!.Keys);
        Assert.Equal(0, await DbAsync(db => db.EntityMerges.CountAsync(m => m.FileId == w.FileA)));
        Assert.Empty((await Links(l => l.MergeAsync(w.A, w.FileA, suggestion.LeftId, suggestion.RightId)))!);
        var merged = await DbAsync(db => db.EntityMerges.SingleAsync(m => m.FileId == w.FileA));
        Assert.Equal(EntityResolution.SameNumber, merged.Reasons.Split(',')[0]);
        // The second phone's link now shows on the kept one, and the second is no node of its own.
        var graph = await Links(l => l.GraphAsync(w.A, w.FileA, 1));
        var kept = "e" + suggestion.LeftId.ToString("N");
        Assert.DoesNotContain(graph!.Nodes, n => n.Id == "e" + suggestion.RightId.ToString("N"));
        Assert.Contains(graph.Edges, e => e.From == "e" + other.ToString("N") && e.To == kept);
        Assert.DoesNotContain((await Links(l => l.ReadAsync(w.A, w.FileA)))!.Suggestions, s => s.Kind == EntityKind.Phone);
        // Undone: two phones again, each with its own links.
        Assert.Empty((await Links(l => l.UndoMergeAsync(w.A, w.FileA, merged.Id)))!);
        graph = await Links(l => l.GraphAsync(w.A, w.FileA, 1));
        Assert.Contains(graph!.Nodes, n => n.Id == "e" + suggestion.RightId.ToString("N"));
        Assert.Contains(graph.Edges, e => e.From == "e" + other.ToString("N") && e.To == "e" + suggestion.RightId.ToString("N"));
        Assert.Contains("", (await Links(l => l.UndoMergeAsync(w.A, w.FileA, merged.Id)))!.Keys);
    }

    [Fact]
    public async Task The_export_records_its_legal_basis_withholds_house_only_handling_and_bad_input_changes_nothing()
    {
        var w = await WorldAsync();
        var payment = await EntityAsync(w.A, w.FileA, EntityKind.Payment, "LAHOUSEONLY 900 EUR", "2026-05-01", handling: "H4");
        await LinkAsync(w.A, w.FileA, payment, LinkKind.PaidTo, w.PersonA);
        var before = await DbAsync(db => db.EntityExports.CountAsync(e => e.FileId == w.FileA));
        var (none, errors) = await Links(l => l.ExportAsync(w.A, w.FileA, new() { Reference = " " }));
        Assert.Null(none);
        Assert.Equal([nameof(LinkAnalysis.ExportInput.LegalBasis), nameof(LinkAnalysis.ExportInput.Reference)], errors!.Keys.Order().ToArray());
        Assert.Equal(before, await DbAsync(db => db.EntityExports.CountAsync(e => e.FileId == w.FileA)));
        var (json, ok) = await Links(l => l.ExportAsync(w.A, w.FileA, new() { LegalBasis = ExportLegalBasis.MutualLegalAssistance, Reference = "MLA 2026/114" }));
        Assert.Empty(ok!);
        Assert.DoesNotContain("LAHOUSEONLY", json, StringComparison.Ordinal);
        Assert.Contains("\"schema\":\"Person\"", json, StringComparison.Ordinal);
        var record = await DbAsync(db => db.EntityExports.SingleAsync(e => e.FileId == w.FileA));
        Assert.Equal(ExportLegalBasis.MutualLegalAssistance, record.LegalBasis);
        Assert.Equal(2, record.Withheld); // the payment and its link
        Assert.True(await DbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == InvestigationAudit.EntitiesExported.Code && e.TargetId == w.FileA)));

        // Bad entities: localized errors by field, nothing stored.
        CultureInfo.CurrentUICulture = new("ru");
        var count = await DbAsync(db => db.FileEntities.CountAsync(e => e.FileId == w.FileA));
        var (id, bad) = await Links(l => l.AddEntityAsync(w.A, w.FileA, new() { Kind = (EntityKind)99, Value = new string('x', 301), Source = "", Reliability = "Z9", Handling = "H9", Country = "Azerbaijan", ValidFrom = new DateOnly(2026, 5, 1), ValidUntil = new DateOnly(2026, 1, 1) }));
        Assert.Null(id);
        foreach (var field in new[] { "Kind", "Value", "Source", "Reliability", "Handling", "Country", "ValidUntil" })
            Assert.Contains(field, bad!.Keys);
        Assert.Contains("Выберите", bad!["Kind"][0], StringComparison.Ordinal);
        var (_, badDate) = await Links(l => l.AddEntityAsync(w.A, w.FileA, new() { Kind = EntityKind.Person, Value = "X", Detail = "14.03.1978", Source = "s", Reliability = "B2", Handling = "H1" }));
        Assert.Contains("Detail", badDate!.Keys);
        var (_, badLink) = await Links(l => l.AddLinkAsync(w.A, w.FileA, new() { FromId = w.PhoneA, ToId = w.PhoneA, Kind = LinkKind.Uses, Source = "s", Reliability = "B2", Handling = "H1" }));
        Assert.Contains("ToId", badLink!.Keys);
        Assert.Equal(count, await DbAsync(db => db.FileEntities.CountAsync(e => e.FileId == w.FileA)));
        CultureInfo.CurrentUICulture = new("en");

        // A retried API create with the same Idempotency-Key makes one entity.
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(w.LeadA, "entities.read entities.write"));
        var key = Guid.NewGuid().ToString();
        for (var i = 0; i < 2; i++)
        {
            using var created = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/entities")
            {
                Content = JsonContent.Create(new { fileId = w.FileA, kind = "Vehicle", value = "10-AB-123", source = "traffic police", reliability = "A1", handling = "H2" }),
                Headers = { { "Idempotency-Key", key } },
            });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        Assert.Equal(count + 1, await DbAsync(db => db.FileEntities.CountAsync(e => e.FileId == w.FileA)));
        // The prosecutor may not record entities.
        var (_, refused) = await Links(l => l.AddEntityAsync(w.Pros, w.FileA, new() { Kind = EntityKind.Phone, Value = "+994501112233", Source = "s", Reliability = "B2", Handling = "H1" }));
        Assert.Contains("", refused!.Keys);
    }
}

// On PostgreSQL only (the production database): this class tests a feature, not the database. Its pages' queries run on SQLite
// too, in the sweep of every handler (SweepTests) and the crawl of every page by every role (UniqueIdTests).
public sealed class LinkAnalysisTestsOnPostgres(PostgresApp app) : LinkAnalysisTests(app), IClassFixture<PostgresApp>;
