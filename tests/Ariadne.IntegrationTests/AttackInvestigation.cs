using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
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
/// Probes of the Investigation module (issue 15) as users who must not see a criminal file: another Squad's investigator, a
/// prosecutor and a court clerk of offices the file was not shared with, a shelter worker, a helpline operator, the Coordinator,
/// a non-chief of the owning Squad, a non-prosecutor of the prosecution office holding the grant, an anonymous visitor, and
/// users whose grant expired or was revoked. Every page, handler and API endpoint answers 404 (the same as for a random id),
/// nothing changes, the denial is audited, and no title, name or note reaches a page, a JSON body or a log line. Then: each
/// relation records only its own steps, a hidden protection case stays hidden, malicious input is refused or escaped, and a
/// seeded random world of files, users and grants is checked against a model of the file rule.
/// </summary>
public abstract class AttackInvestigation(AriadneApp app)
{
    private static readonly string[] Investigator = [RoleCatalog.Investigator];
    private static readonly string[] Prosecutor = [RoleCatalog.Prosecutor];
    private static readonly string[] Clerk = [RoleCatalog.CourtClerk];
    private const string AllScopes = "investigations.read investigations.write evidence.read evidence.write entities.read entities.write cooperation.read cooperation.write";

    private Task<T> Files<T>(Func<CriminalFiles, Task<T>> call) => app.WithScopeAsync(sp => call(sp.GetRequiredService<CriminalFiles>()));

    private Task<T> Locker<T>(Func<EvidenceLocker, Task<T>> call) => app.WithScopeAsync(sp => call(sp.GetRequiredService<EvidenceLocker>()));

    private Task<T> DbAsync<T>(Func<AriadneDbContext, Task<T>> query) => app.WithScopeAsync(sp => query(sp.GetRequiredService<AriadneDbContext>()));

    private DateOnly Today => DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime);

    private static string NewTag() => Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    /// <summary>A user (with an authenticator, so that they can sign in) of a new institution of the kind, or of the given one.</summary>
    private Task<TestUser> UserAsync(InstitutionKind kind, string[] roles, Guid? institutionId = null) => app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AriadneDbContext>();
        var users = sp.GetRequiredService<UserManager<AriadneUser>>();
        var id = institutionId;
        if (id is null)
        {
            var institution = new Institution { Name = "AI " + kind + " " + NewTag(), Code = "AI-" + NewTag(), Kind = kind, CreatedAt = app.Time.GetUtcNow() };
            db.Institutions.Add(institution);
            await db.SaveChangesAsync();
            id = institution.Id;
        }
        var user = new AriadneUser { UserName = "ai" + NewTag().ToLowerInvariant(), DisplayName = "Attack user", InstitutionId = id.Value, CreatedAt = app.Time.GetUtcNow() };
        Assert.True((await users.CreateAsync(user, AriadneApp.Password)).Succeeded);
        Assert.True((await users.AddToRolesAsync(user, roles)).Succeeded);
        Assert.True((await users.ResetAuthenticatorKeyAsync(user)).Succeeded);
        var key = await users.GetAuthenticatorKeyAsync(user);
        Assert.True((await users.SetTwoFactorEnabledAsync(user, true)).Succeeded);
        return new TestUser(user.Id, user.UserName, AriadneApp.Password, key, id.Value);
    });

    private static byte[] Pdf(string text) => Encoding.ASCII.GetBytes(
        $"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 200]>>endobj\ntrailer<</Root 1 0 R>>\n% {text}\n%%EOF\n");

    /// <summary>A file at court: opened by the Squad, shared with a prosecution office, indicted to a court, with a suspect, a victim linked to a protection case, a measure and an evidence item.</summary>
    private sealed record World(TestUser Lead, TestUser Prosecutor, TestUser Clerk, Guid FileId, Guid ItemId, Guid SuspectId, Guid VictimId,
        string CaseNumber, Guid CaseId, string Tag, string[] Secrets, Guid EntityId);

    private async Task<World> WorldAsync()
    {
        CultureInfo.CurrentUICulture = new("en");
        var tag = NewTag();
        var (lead, protection) = await app.NewCaseAsync();
        var inv = CaseSteps.ViewerOf(lead, Investigator);
        var (id, errors) = await Files(f => f.OpenAsync(inv, Investigator, new CriminalFiles.OpenInput
        {
            Title = $"AITITLE{tag} <script>alert('x{tag}')</script>",
            Summary = $"AISUM{tag} recruitment",
            Offences = ["144-1.1"],
        }));
        Assert.Empty(errors);
        var fileId = id!.Value;
        Assert.Empty((await Files(f => f.AddPartyAsync(inv, fileId, new() { Role = PartyRole.Suspect, Name = $"AISUSP{tag} <img src=x onerror=alert(1)>", Detail = $"AIDET{tag}" })))!);
        Assert.Empty((await Files(f => f.AddPartyAsync(inv, fileId, new() { Role = PartyRole.Victim, Name = $"AIVIC{tag}", CaseNumber = protection.Number })))!);
        Assert.Empty((await Files(f => f.RecordStageAsync(inv, fileId, new() { Stage = FileStage.CriminalCaseOpened, On = Today, OfficialNumber = "2026/144/" + tag })))!);
        Assert.Empty((await Files(f => f.RecordStageAsync(inv, fileId, new() { Stage = FileStage.Charged, On = Today, Note = $"AINOTE{tag} <script>alert(2)</script>" })))!);
        var prosecutor = await UserAsync(InstitutionKind.Prosecution, Prosecutor);
        var clerk = await UserAsync(InstitutionKind.Court, Clerk);
        Assert.Empty((await Files(f => f.ShareAsync(inv, fileId, new() { InstitutionId = prosecutor.InstitutionId, Reason = "supervision" })))!);
        var pros = CaseSteps.ViewerOf(prosecutor, Prosecutor);
        Assert.Empty((await Files(f => f.RecordStageAsync(pros, fileId, new() { Stage = FileStage.IndictmentToCourt, On = Today, CourtInstitutionId = clerk.InstitutionId })))!);
        var view = await Files(f => f.ReadAsync(inv, fileId));
        var suspect = view!.Parties.Single(p => p.Role == PartyRole.Suspect).Id;
        var victim = view.Parties.Single(p => p.Role == PartyRole.Victim).Id;
        Assert.Empty((await Files(f => f.RecordMeasureAsync(inv, fileId, new() { PartyId = suspect, Kind = MeasureKind.TravelBan, OrderedBy = MeasureAuthority.Court, From = Today, Note = $"AIMEAS{tag} <svg onload=alert(3)>" })))!);
        var (itemId, intakeErrors) = await Locker(l => l.TakeInAsync(inv, fileId, new() { Description = $"AIDESC{tag}", Location = "Locker 1" }, "exhibit.pdf", "application/pdf", Pdf(tag)));
        Assert.Empty(intakeErrors!);
        // Link analysis: a person standing for the victim (whose case the prosecutor may not see) and a phone, linked.
        var (entityId, entityErrors) = await app.WithScopeAsync(sp => sp.GetRequiredService<LinkAnalysis>().AddEntityAsync(inv, fileId,
            new() { Kind = EntityKind.Person, Value = $"AIENT{tag}", Detail = "1990-02-03", PartyId = victim, Source = $"AISRC{tag}", Reliability = "B2", Handling = "H3" }));
        Assert.Empty(entityErrors!);
        var (phoneId, _) = await app.WithScopeAsync(sp => sp.GetRequiredService<LinkAnalysis>().AddEntityAsync(inv, fileId,
            new() { Kind = EntityKind.Phone, Value = "+99455" + Random.Shared.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture), Source = "s", Reliability = "B2", Handling = "H3" }));
        var (linkId, _) = await app.WithScopeAsync(sp => sp.GetRequiredService<LinkAnalysis>().AddLinkAsync(inv, fileId,
            new() { FromId = entityId, ToId = phoneId, Kind = LinkKind.Uses, Source = "s", Reliability = "B2", Handling = "H3" }));
        Assert.NotNull(linkId);
        string[] secrets = [$"AITITLE{tag}", $"AISUM{tag}", $"AISUSP{tag}", $"AIDET{tag}", $"AIVIC{tag}", $"AINOTE{tag}", $"AIMEAS{tag}", $"AIDESC{tag}", $"AIENT{tag}", $"AISRC{tag}"];
        return new World(lead, prosecutor, clerk, fileId, itemId!.Value, suspect, victim, protection.Number, protection.Id, tag, secrets, entityId!.Value);
    }

    /// <summary>Everything a write could change on the file, counted.</summary>
    private Task<string> StateAsync(Guid fileId, Guid itemId) => DbAsync(async db =>
    {
        var f = await db.CriminalFiles.AsNoTracking().SingleAsync(x => x.Id == fileId);
        var item = await db.EvidenceItems.AsNoTracking().SingleAsync(x => x.Id == itemId);
        return string.Join("|",
            f.Stage, f.UpdatedAt.UtcTicks, f.OfficialNumber,
            await db.FileStageEvents.CountAsync(x => x.FileId == fileId),
            await db.FileParties.CountAsync(x => x.FileId == fileId),
            string.Join(",", await db.FileParties.Where(x => x.FileId == fileId).OrderBy(x => x.Id).Select(x => x.Outcome + ":" + x.SentenceMonths).ToListAsync()),
            await db.CoerciveMeasures.CountAsync(x => x.FileId == fileId),
            await db.NonPunishmentRecords.CountAsync(x => x.FileId == fileId),
            await db.FileGrants.CountAsync(x => x.FileId == fileId),
            await db.EvidenceItems.CountAsync(x => x.FileId == fileId),
            await db.CustodyEvents.CountAsync(x => x.ItemId == itemId),
            await db.CooperationRequests.CountAsync(x => x.FileId == fileId),
            item.HolderInstitutionId, item.Location, item.CustodyCount,
            await db.FileEntities.CountAsync(x => x.FileId == fileId), await db.FileEntities.CountAsync(x => x.FileId == fileId && x.MergedIntoId != null),
            await db.FileLinks.CountAsync(x => x.FileId == fileId), await db.EntityMerges.CountAsync(x => x.FileId == fileId),
            await db.EntityExports.CountAsync(x => x.FileId == fileId), await db.ConnectionRequests.CountAsync(x => x.FromFileId == fileId || x.TargetId == fileId));
    });

    private Task<int> DenialsAsync(Guid userId, Guid fileId) => DbAsync(db =>
        db.AuditEvents.CountAsync(e => e.Action == InvestigationAudit.FileDenied.Code && e.ActorUserId == userId && e.TargetId == fileId));

    private string Logs() => string.Join("\n", app.Logs.GetSnapshot().Select(r => r.Message + " " + r.Exception + " " + string.Join(" ", r.StructuredState?.Select(p => p.Value) ?? [])));

    private void NoneInLogs(IEnumerable<string> secrets)
    {
        var logs = Logs();
        foreach (var secret in secrets)
            Assert.False(logs.Contains(secret, StringComparison.OrdinalIgnoreCase), $"a log line carries {secret}");
    }

    private static void NoSecrets(string probe, string body, IEnumerable<string> secrets)
    {
        foreach (var secret in secrets)
            Assert.False(body.Contains(secret, StringComparison.OrdinalIgnoreCase), $"{probe} carries {secret}");
    }

    private static async Task<string> CsrfAsync(WebSession session)
    {
        var page = await session.GetAsync("/Investigations");
        return page.Document.QuerySelector("input[name=__csrf]")?.GetAttribute("value") ?? throw new InvalidOperationException("no antiforgery token");
    }

    /// <summary>A POST adding a record, with its <c>Idempotency-Key</c> (required, as for the creating endpoints).</summary>
    private static Task<HttpResponseMessage> PostKeyedAsync(HttpClient client, string url, object body) => client.SendAsync(
        new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body), Headers = { { "Idempotency-Key", Guid.NewGuid().ToString() } } });

    private static Task<HttpResponseMessage> PostFormAsync(WebSession session, string? token, string url, Dictionary<string, string> fields)
    {
        if (token is not null)
            fields["__csrf"] = token;
        return session.Client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    private static MultipartFormDataContent Upload(string? token, Dictionary<string, string> fields, string fileField, string fileName, byte[] content)
    {
        var form = new MultipartFormDataContent();
        if (token is not null)
            form.Add(new StringContent(token), "__csrf");
        foreach (var (k, v) in fields)
            form.Add(new StringContent(v), k);
        var part = new ByteArrayContent(content);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(part, fileField, fileName);
        return form;
    }

    /// <summary>Every page probe on a file and an item: (name, send) pairs, each to be sent for the real ids and for random ones.</summary>
    private List<(string Name, Func<Guid, Guid, Task<HttpResponseMessage>> Send)> PageProbes(WebSession s, string? token, Guid suspect, Guid victim, Guid institution,
        Func<Guid, Guid>? entityOf = null) =>
    [
        ("GET file", (f, _) => s.Client.GetAsync($"/Investigations/File/{f}")),
        ("GET evidence", (_, i) => s.Client.GetAsync($"/Investigations/Evidence/{i}")),
        ("POST Stage", (f, _) => PostFormAsync(s, token, $"/Investigations/File/{f}?handler=Stage",
            new() { ["Stage.Stage"] = nameof(FileStage.Verdict), ["Stage.On"] = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) })),
        ("POST Party", (f, _) => PostFormAsync(s, token, $"/Investigations/File/{f}?handler=Party",
            new() { ["Party.Role"] = nameof(PartyRole.Witness), ["Party.Name"] = "AIFORGED" })),
        ("POST Outcome", (f, _) => PostFormAsync(s, token, $"/Investigations/File/{f}?handler=Outcome",
            new() { ["Outcome.PartyId"] = suspect.ToString(), ["Outcome.Outcome"] = nameof(SuspectOutcome.Acquitted) })),
        ("POST Measure", (f, _) => PostFormAsync(s, token, $"/Investigations/File/{f}?handler=Measure",
            new() { ["Measure.PartyId"] = suspect.ToString(), ["Measure.Kind"] = nameof(MeasureKind.Detention), ["Measure.OrderedBy"] = nameof(MeasureAuthority.Court), ["Measure.From"] = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) })),
        ("POST NonPunishment", (f, _) => PostFormAsync(s, token, $"/Investigations/File/{f}?handler=NonPunishment",
            new() { ["NonPunishment.PartyId"] = victim.ToString(), ["NonPunishment.Offence"] = "AIFORGED", ["NonPunishment.Decision"] = nameof(NonPunishmentDecision.Pending) })),
        ("POST Share", (f, _) => PostFormAsync(s, token, $"/Investigations/File/{f}?handler=Share",
            new() { ["Share.InstitutionId"] = institution.ToString(), ["Share.Reason"] = "AIFORGED" })),
        ("POST Evidence", (f, _) => s.Client.PostAsync($"/Investigations/File/{f}?handler=Evidence",
            Upload(token, new() { ["Intake.Description"] = "AIFORGED", ["Intake.Location"] = "x" }, "Upload", "forged.pdf", Pdf(NewTag())))),
        ("POST Custody", (_, i) => PostFormAsync(s, token, $"/Investigations/Evidence/{i}?handler=Custody",
            new() { ["Custody.Kind"] = nameof(CustodyKind.Transfer), ["Custody.ToInstitutionId"] = institution.ToString(), ["Custody.Location"] = "AIFORGED", ["Custody.Reason"] = "AIFORGED" })),
        ("POST Download", (_, i) => PostFormAsync(s, token, $"/Investigations/Evidence/{i}?handler=Download", [])),
        ("GET entities", (f, _) => s.Client.GetAsync($"/Investigations/Entities/{f}")),
        ("GET graph", (f, _) => s.Client.GetAsync($"/Investigations/Graph/{f}?depth=3")),
        ("POST Entity", (f, _) => PostFormAsync(s, token, $"/Investigations/Entities/{f}?handler=Entity",
            new() { ["Entity.Kind"] = nameof(EntityKind.Phone), ["Entity.Value"] = "+994501234567", ["Entity.Source"] = "AIFORGED", ["Entity.Reliability"] = "A1", ["Entity.Handling"] = "H1" })),
        ("POST Link", (f, _) => PostFormAsync(s, token, $"/Investigations/Entities/{f}?handler=Link",
            new() { ["Link.FromId"] = Guid.NewGuid().ToString(), ["Link.ToId"] = Guid.NewGuid().ToString(), ["Link.Kind"] = nameof(LinkKind.Uses), ["Link.Source"] = "AIFORGED", ["Link.Reliability"] = "A1", ["Link.Handling"] = "H1" })),
        ("POST Merge", (f, _) => PostFormAsync(s, token, $"/Investigations/Entities/{f}?handler=Merge",
            new() { ["KeptId"] = Guid.NewGuid().ToString(), ["MergedId"] = Guid.NewGuid().ToString() })),
        ("POST Export", (f, _) => PostFormAsync(s, token, $"/Investigations/Graph/{f}?handler=Export",
            new() { ["Export.LegalBasis"] = nameof(ExportLegalBasis.CourtOrder), ["Export.Reference"] = "AIFORGED" })),
        ("POST Ask", (f, _) => PostFormAsync(s, token, $"/Investigations/Graph/{f}?handler=Ask",
            new() { ["Ask.EntityId"] = (entityOf?.Invoke(f) ?? Guid.NewGuid()).ToString(), ["Ask.Reason"] = "AIFORGED" })),
        ("GET cooperation draft", (f, _) => s.Client.GetAsync($"/Investigations/File/{f}/Cooperation/New")),
        ("POST cooperation draft", (f, _) => PostFormAsync(s, token, $"/Investigations/File/{f}/Cooperation/New",
            new() { ["Draft.Country"] = "TUR", ["Draft.Authority"] = "AIFORGED", ["Draft.Channel"] = nameof(CooperationChannel.Interpol), ["Draft.Assistance"] = nameof(AssistanceKind.Information),
                ["Draft.Urgency"] = nameof(CooperationUrgency.Normal), ["Draft.Purpose"] = "AIFORGED", ["Draft.Deadline"] = Today.AddDays(5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) })),
    ];

    private List<(string Name, Func<Guid, Guid, Task<HttpResponseMessage>> Send)> ApiProbes(HttpClient c, Guid suspect, Guid victim, Guid institution,
        Func<Guid, Guid>? entityOf = null)
    {
        var today = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return
        [
            ("GET investigation", (f, _) => c.GetAsync($"/api/v1/investigations/{f}")),
            ("POST stages", (f, _) => PostKeyedAsync(c, $"/api/v1/investigations/{f}/stages", new { stage = "Verdict", on = today })),
            ("POST parties", (f, _) => PostKeyedAsync(c, $"/api/v1/investigations/{f}/parties", new { role = "Witness", name = "AIFORGED" })),
            ("POST measures", (f, _) => PostKeyedAsync(c, $"/api/v1/investigations/{f}/measures", new { partyId = suspect, kind = "Detention", orderedBy = "Court", from = today })),
            ("POST non-punishment", (f, _) => PostKeyedAsync(c, $"/api/v1/investigations/{f}/non-punishment", new { partyId = victim, offence = "AIFORGED", decision = "Pending" })),
            ("GET evidence list", (f, _) => c.GetAsync($"/api/v1/evidence?fileId={f}")),
            ("POST evidence", (f, _) => c.PostAsync("/api/v1/evidence", Upload(null, new() { ["fileId"] = f.ToString(), ["description"] = "AIFORGED", ["location"] = "x" }, "file", "forged.pdf", Pdf(NewTag())))),
            ("GET evidence item", (_, i) => c.GetAsync($"/api/v1/evidence/{i}")),
            ("GET evidence content", (_, i) => c.GetAsync($"/api/v1/evidence/{i}/content")),
            ("POST custody", (_, i) => PostKeyedAsync(c, $"/api/v1/evidence/{i}/custody", new { kind = "Transfer", toInstitutionId = institution, location = "AIFORGED", reason = "AIFORGED" })),
            ("GET entities", (f, _) => c.GetAsync($"/api/v1/entities?fileId={f}")),
            ("GET entity graph", (f, _) => c.GetAsync($"/api/v1/entities/graph?fileId={f}&depth=3")),
            ("POST entities", (f, _) => c.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/entities")
            {
                Content = JsonContent.Create(new { fileId = f, kind = "Phone", value = "+994501234567", source = "AIFORGED", reliability = "A1", handling = "H1" }),
                Headers = { { "Idempotency-Key", Guid.NewGuid().ToString() } },
            })),
            ("POST entity links", (f, _) => c.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/entities/links")
            {
                Content = JsonContent.Create(new { fileId = f, fromId = Guid.NewGuid(), toId = Guid.NewGuid(), kind = "Uses", source = "AIFORGED", reliability = "A1", handling = "H1" }),
                Headers = { { "Idempotency-Key", Guid.NewGuid().ToString() } },
            })),
            ("POST merges", (f, _) => c.PostAsJsonAsync("/api/v1/entities/merges", new { fileId = f, keptId = Guid.NewGuid(), mergedId = Guid.NewGuid() })),
            ("POST export", (f, _) => c.PostAsJsonAsync("/api/v1/entities/export", new { fileId = f, legalBasis = "CourtOrder", reference = "AIFORGED" })),
            ("POST ask-owner", (f, _) => c.PostAsJsonAsync($"/api/v1/entities/{entityOf?.Invoke(f) ?? Guid.NewGuid()}/ask-owner", new { reason = "AIFORGED" })),
            ("GET cooperation requests", (f, _) => c.GetAsync($"/api/v1/investigations/{f}/cooperation-requests")),
            ("POST cooperation request", (f, _) => c.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/v1/investigations/{f}/cooperation-requests")
            {
                Content = JsonContent.Create(new { country = "TUR", authority = "AIFORGED", channel = "Interpol", assistance = "Information", urgency = "Normal", purpose = "AIFORGED",
                    deadline = Today.AddDays(5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), items = new object[] { new { partyId = victim, fields = new[] { "Name" }, justification = "AIFORGED" } } }),
                Headers = { { "Idempotency-Key", Guid.NewGuid().ToString() } },
            })),
        ];
    }

    private static async Task<(HttpStatusCode Status, string Body)> ReadAsync(Task<HttpResponseMessage> send)
    {
        using var response = await send;
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The problem's title (the trace id differs between any two answers).</summary>
    private static string? Title(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.TryGetProperty("title", out var t) ? t.GetString() : null;
        }
        catch (JsonException)
        {
            return body.Length > 80 ? body[..80] : body;
        }
    }

    public static TheoryData<string> Outsiders() =>
    [
        "another Squad's investigator", "the owning Squad's investigator (not its chief)", "a prosecutor of another office", "a court clerk of another court",
        "a court-clerk role in the prosecution office holding the grant", "a shelter worker", "a helpline operator", "the Coordinator",
        "the prosecutor after the office's grant expired", "the prosecutor after the office's grant was revoked", "the lead investigator after their grant was revoked",
    ];

    private async Task<TestUser> OutsiderAsync(string who, World w)
    {
        var now = app.Time.GetUtcNow();
        async Task<TestUser> Change(Func<FileGrant, bool> which, Action<FileGrant> change)
        {
            await DbAsync(async db =>
            {
                var grants = (await db.FileGrants.Where(g => g.FileId == w.FileId).ToListAsync()).Where(which).ToList();
                Assert.NotEmpty(grants);
                grants.ForEach(change);
                return await db.SaveChangesAsync();
            });
            return who.Contains("lead", StringComparison.Ordinal) ? w.Lead : w.Prosecutor;
        }
        return who switch
        {
            "another Squad's investigator" => await UserAsync(InstitutionKind.AntiTraffickingSquad, Investigator),
            "the owning Squad's investigator (not its chief)" => await UserAsync(InstitutionKind.AntiTraffickingSquad, [RoleCatalog.Investigator, RoleCatalog.DutyOfficer], w.Lead.InstitutionId),
            "a prosecutor of another office" => await UserAsync(InstitutionKind.Prosecution, Prosecutor),
            "a court clerk of another court" => await UserAsync(InstitutionKind.Court, Clerk),
            "a court-clerk role in the prosecution office holding the grant" => await UserAsync(InstitutionKind.Prosecution, Clerk, w.Prosecutor.InstitutionId),
            "a shelter worker" => await UserAsync(InstitutionKind.Shelter, [RoleCatalog.SocialWorker]),
            "a helpline operator" => await UserAsync(InstitutionKind.Helpline, [RoleCatalog.HelplineOperator]),
            "the Coordinator" => await UserAsync(InstitutionKind.NationalCoordinator, [RoleCatalog.Coordinator]),
            "the prosecutor after the office's grant expired" => await Change(g => g.GranteeInstitutionId == w.Prosecutor.InstitutionId,
                g => { g.ValidFrom = now.AddDays(-30); g.ValidUntil = now.AddSeconds(-1); }),
            "the prosecutor after the office's grant was revoked" => await Change(g => g.GranteeInstitutionId == w.Prosecutor.InstitutionId,
                g => { g.RevokedAt = now.AddSeconds(-1); g.RevokedBy = w.Lead.Id; }),
            "the lead investigator after their grant was revoked" => await Change(g => g.GranteeUserId == w.Lead.Id,
                g => { g.RevokedAt = now.AddSeconds(-1); g.RevokedBy = w.Lead.Id; }),
            _ => throw new ArgumentOutOfRangeException(nameof(who)),
        };
    }

    private static string[] RolesOf(string who) => who switch
    {
        "another Squad's investigator" => Investigator,
        "the owning Squad's investigator (not its chief)" => [RoleCatalog.Investigator, RoleCatalog.DutyOfficer],
        "a prosecutor of another office" or "the prosecutor after the office's grant expired" or "the prosecutor after the office's grant was revoked" => Prosecutor,
        "a court clerk of another court" or "a court-clerk role in the prosecution office holding the grant" => Clerk,
        "a shelter worker" => [RoleCatalog.SocialWorker],
        "a helpline operator" => [RoleCatalog.HelplineOperator],
        "the Coordinator" => [RoleCatalog.Coordinator],
        _ => Investigator,
    };

    // ---------------------------------------------------------------- outsiders: every page, handler and endpoint

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task An_outsider_gets_404_everywhere_as_for_a_random_id_changes_nothing_and_is_audited(string who)
    {
        var w = await WorldAsync();
        var user = await OutsiderAsync(who, w);
        var before = await StateAsync(w.FileId, w.ItemId);
        var denialsBefore = await DenialsAsync(user.Id, w.FileId);
        // The services say the same.
        var viewer = CaseSteps.ViewerOf(user, RolesOf(who));
        Assert.Null(await Files(f => f.ReadAsync(viewer, w.FileId)));
        Assert.DoesNotContain(await Files(f => f.ListAsync(viewer)), r => r.Id == w.FileId);

        using var session = await app.SessionAsync(user);
        var token = await CsrfAsync(session);
        var list = await session.GetAsync("/Investigations");
        Assert.Equal(HttpStatusCode.OK, list.Status);
        NoSecrets("list page", list.Html, w.Secrets);
        Assert.DoesNotContain(w.FileId.ToString(), list.Html, StringComparison.OrdinalIgnoreCase);
        Guid EntityOf(Guid file) => file == w.FileId ? w.EntityId : Guid.NewGuid();
        foreach (var (name, send) in PageProbes(session, token, w.SuspectId, w.VictimId, user.InstitutionId, EntityOf))
        {
            var real = await ReadAsync(send(w.FileId, w.ItemId));
            var random = await ReadAsync(send(Guid.NewGuid(), Guid.NewGuid()));
            Assert.True(real.Status == HttpStatusCode.NotFound, $"{who}: page {name}: {(int)real.Status}");
            Assert.Equal(random.Status, real.Status);
            NoSecrets($"page {name}", real.Body, w.Secrets);
        }

        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(user, AllScopes));
        var apiList = await client.GetStringAsync("/api/v1/investigations");
        NoSecrets("API list", apiList, w.Secrets);
        Assert.DoesNotContain(w.FileId.ToString(), apiList, StringComparison.OrdinalIgnoreCase);
        foreach (var (name, send) in ApiProbes(client, w.SuspectId, w.VictimId, user.InstitutionId, EntityOf))
        {
            var real = await ReadAsync(send(w.FileId, w.ItemId));
            var random = await ReadAsync(send(Guid.NewGuid(), Guid.NewGuid()));
            Assert.True(real.Status == HttpStatusCode.NotFound, $"{who}: API {name}: {(int)real.Status} {real.Body}");
            Assert.Equal((random.Status, Title(random.Body)), (real.Status, Title(real.Body)));
            NoSecrets($"API {name}", real.Body, w.Secrets);
        }

        // Outside the Squad nobody opens a file, through the page or the API (403 there: no file is named).
        if (!RolesOf(who).Contains(RoleCatalog.Investigator))
        {
            using var open = await PostFormAsync(session, token, "/Investigations",
                new() { ["Open.Title"] = "AIOPEN" + w.Tag, ["Open.Offences"] = "144-1.1", ["Open.Summary"] = "AIOPEN" });
            Assert.NotEqual(HttpStatusCode.Redirect, open.StatusCode);
            using var apiOpen = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/investigations")
            {
                Content = JsonContent.Create(new { title = "AIOPEN" + w.Tag, offences = new[] { "144-1.1" } }),
                Headers = { { "Idempotency-Key", Guid.NewGuid().ToString() } },
            });
            Assert.Equal(HttpStatusCode.Forbidden, apiOpen.StatusCode);
            Assert.False(await DbAsync(db => db.CriminalFiles.AnyAsync(f => f.OwnerInstitutionId == user.InstitutionId || f.LeadInvestigatorId == user.Id)));
        }
        Assert.Equal(before, await StateAsync(w.FileId, w.ItemId));
        // Every probe on the real ids (17 of 21 reach the file's predicate) left a denial in the audit trail.
        Assert.True(await DenialsAsync(user.Id, w.FileId) - denialsBefore >= 17, $"{who}: denials {await DenialsAsync(user.Id, w.FileId) - denialsBefore}");
        NoneInLogs(w.Secrets);
    }

    [Fact]
    public async Task An_anonymous_visitor_reaches_no_page_handler_or_endpoint_and_changes_nothing()
    {
        var w = await WorldAsync();
        var before = await StateAsync(w.FileId, w.ItemId);
        using var session = app.NewSession();
        foreach (var (name, send) in PageProbes(session, null, w.SuspectId, w.VictimId, w.Lead.InstitutionId))
        {
            using var response = await send(w.FileId, w.ItemId);
            var location = response.Headers.Location?.OriginalString ?? "";
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized
                || (response.StatusCode == HttpStatusCode.Redirect && location.Contains("/Account/SignIn", StringComparison.Ordinal)), $"anonymous {name}: {(int)response.StatusCode} {location}");
            NoSecrets($"anonymous {name}", await response.Content.ReadAsStringAsync(), w.Secrets);
        }
        var list = await session.GetAsync("/Investigations", follow: false);
        Assert.NotEqual(HttpStatusCode.OK, list.Status);
        using var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/investigations")).StatusCode);
        foreach (var (name, send) in ApiProbes(client, w.SuspectId, w.VictimId, w.Lead.InstitutionId))
        {
            var real = await ReadAsync(send(w.FileId, w.ItemId));
            Assert.True(real.Status == HttpStatusCode.Unauthorized, $"anonymous API {name}: {(int)real.Status}");
            NoSecrets($"anonymous API {name}", real.Body, w.Secrets);
        }
        Assert.Equal(before, await StateAsync(w.FileId, w.ItemId));
    }

    // ---------------------------------------------------------------- each relation records only its own steps

    [Fact]
    public async Task A_prosecutor_with_a_grant_records_no_court_step_and_takes_no_evidence_in_and_shares_only_with_a_court()
    {
        var w = await WorldAsync();
        var pros = CaseSteps.ViewerOf(w.Prosecutor, Prosecutor);
        var before = await StateAsync(w.FileId, w.ItemId);
        var otherOffice = await UserAsync(InstitutionKind.Prosecution, Prosecutor);
        foreach (var stage in new[] { FileStage.Hearings, FileStage.Verdict, FileStage.CriminalCaseOpened, FileStage.Charged })
            Assert.Contains("", (await Files(f => f.RecordStageAsync(pros, w.FileId, new() { Stage = stage, On = Today })))!.Keys);
        Assert.Contains("", (await Files(f => f.RecordOutcomeAsync(pros, w.FileId, new() { PartyId = w.SuspectId, Outcome = SuspectOutcome.Convicted, SentenceMonths = 12 })))!.Keys);
        Assert.Contains("", (await Files(f => f.RecordOutcomeAsync(pros, w.FileId, new() { PartyId = w.SuspectId, Outcome = SuspectOutcome.Acquitted })))!.Keys);
        Assert.Contains("", (await Files(f => f.AddPartyAsync(pros, w.FileId, new() { Role = PartyRole.Witness, Name = "AIFORGED" })))!.Keys);
        var (none, intake) = await Locker(l => l.TakeInAsync(pros, w.FileId, new() { Description = "AIFORGED", Location = "x" }, "p.pdf", "application/pdf", Pdf(NewTag())));
        Assert.Null(none);
        Assert.Contains("", intake!.Keys);
        // Not with another prosecution office, and not (by a forged institution id) with a shelter.
        Assert.Contains(nameof(CriminalFiles.ShareInput.InstitutionId), (await Files(f => f.ShareAsync(pros, w.FileId, new() { InstitutionId = otherOffice.InstitutionId, Reason = "AIFORGED" })))!.Keys);
        var shelter = await UserAsync(InstitutionKind.Shelter, [RoleCatalog.ShelterManager]);
        Assert.Contains(nameof(CriminalFiles.ShareInput.InstitutionId), (await Files(f => f.ShareAsync(pros, w.FileId, new() { InstitutionId = shelter.InstitutionId, Reason = "AIFORGED" })))!.Keys);
        Assert.Equal(before, await StateAsync(w.FileId, w.ItemId));

        // The same through the page (a signed-in prosecutor posting the court's forms) and the API.
        using var session = await app.SessionAsync(w.Prosecutor);
        var page = await session.GetAsync($"/Investigations/File/{w.FileId}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Null(page.Document.QuerySelector("[data-evidence-form]"));
        var token = await CsrfAsync(session);
        var outcome = await WebSession.Page.ReadAsync(await PostFormAsync(session, token, $"/Investigations/File/{w.FileId}?handler=Outcome",
            new() { ["Outcome.PartyId"] = w.SuspectId.ToString(), ["Outcome.Outcome"] = nameof(SuspectOutcome.Convicted), ["Outcome.SentenceMonths"] = "60" }));
        Assert.NotEmpty(outcome.Errors);
        var verdict = await WebSession.Page.ReadAsync(await PostFormAsync(session, token, $"/Investigations/File/{w.FileId}?handler=Stage",
            new() { ["Stage.Stage"] = nameof(FileStage.Verdict), ["Stage.On"] = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }));
        Assert.NotEmpty(verdict.Errors);
        using var upload = await session.Client.PostAsync($"/Investigations/File/{w.FileId}?handler=Evidence",
            Upload(token, new() { ["Intake.Description"] = "AIFORGED", ["Intake.Location"] = "x" }, "Upload", "p.pdf", Pdf(NewTag())));
        Assert.NotEqual(HttpStatusCode.Redirect, upload.StatusCode);
        var share = await WebSession.Page.ReadAsync(await PostFormAsync(session, token, $"/Investigations/File/{w.FileId}?handler=Share",
            new() { ["Share.InstitutionId"] = otherOffice.InstitutionId.ToString(), ["Share.Reason"] = "AIFORGED" }));
        Assert.NotEmpty(share.Errors);
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(w.Prosecutor, AllScopes));
        Assert.Equal(HttpStatusCode.Conflict, (await PostKeyedAsync(client, $"/api/v1/investigations/{w.FileId}/stages", new { stage = "Verdict", on = Today })).StatusCode);
        using var apiIntake = await client.PostAsync("/api/v1/evidence", Upload(null, new() { ["fileId"] = w.FileId.ToString(), ["description"] = "AIFORGED", ["location"] = "x" }, "file", "p.pdf", Pdf(NewTag())));
        Assert.Equal(HttpStatusCode.Conflict, apiIntake.StatusCode);
        Assert.Equal(before, await StateAsync(w.FileId, w.ItemId));
        NoneInLogs(w.Secrets);
    }

    [Fact]
    public async Task A_court_clerk_shares_the_file_with_nobody_and_takes_no_evidence_in()
    {
        var w = await WorldAsync();
        var court = CaseSteps.ViewerOf(w.Clerk, Clerk);
        var before = await StateAsync(w.FileId, w.ItemId);
        var office = await UserAsync(InstitutionKind.Prosecution, Prosecutor);
        var otherCourt = await UserAsync(InstitutionKind.Court, Clerk);
        Assert.NotNull(await Files(f => f.ReadAsync(court, w.FileId)));
        Assert.Contains("", (await Files(f => f.ShareAsync(court, w.FileId, new() { InstitutionId = office.InstitutionId, Reason = "AIFORGED" })))!.Keys);
        Assert.Contains("", (await Files(f => f.ShareAsync(court, w.FileId, new() { InstitutionId = w.Prosecutor.InstitutionId, Reason = "AIFORGED" })))!.Keys);
        Assert.Contains("", (await Files(f => f.ShareAsync(court, w.FileId, new() { InstitutionId = otherCourt.InstitutionId, Reason = "AIFORGED" })))!.Keys);
        Assert.Contains("", (await Files(f => f.AddPartyAsync(court, w.FileId, new() { Role = PartyRole.Witness, Name = "AIFORGED" })))!.Keys);
        Assert.Contains("", (await Files(f => f.RecordStageAsync(court, w.FileId, new() { Stage = FileStage.Charged, On = Today })))!.Keys);
        var (_, intake) = await Locker(l => l.TakeInAsync(court, w.FileId, new() { Description = "AIFORGED", Location = "x" }, "c.pdf", "application/pdf", Pdf(NewTag())));
        Assert.Contains("", intake!.Keys);
        using var session = await app.SessionAsync(w.Clerk);
        var page = await session.GetAsync($"/Investigations/File/{w.FileId}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Null(page.Document.QuerySelector("[data-share-form]"));
        var token = await CsrfAsync(session);
        var share = await WebSession.Page.ReadAsync(await PostFormAsync(session, token, $"/Investigations/File/{w.FileId}?handler=Share",
            new() { ["Share.InstitutionId"] = office.InstitutionId.ToString(), ["Share.Reason"] = "AIFORGED" }));
        Assert.NotEmpty(share.Errors);
        Assert.Equal(before, await StateAsync(w.FileId, w.ItemId));
        // The other office and the other court still see nothing.
        Assert.Null(await Files(f => f.ReadAsync(CaseSteps.ViewerOf(office, Prosecutor), w.FileId)));
        Assert.Null(await Files(f => f.ReadAsync(CaseSteps.ViewerOf(otherCourt, Clerk), w.FileId)));
    }

    // ---------------------------------------------------------------- the victim's protection case

    [Fact]
    public async Task A_linked_protection_case_is_named_hidden_to_the_prosecutor_and_the_court_and_shown_to_the_investigator()
    {
        var w = await WorldAsync();
        string[] caseRefs = [w.CaseNumber, w.CaseId.ToString(), w.CaseId.ToString("N")];
        foreach (var user in new[] { w.Prosecutor, w.Clerk })
        {
            using var session = await app.SessionAsync(user);
            var page = await session.GetAsync($"/Investigations/File/{w.FileId}");
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Contains("Linked to a protection case you may not see.", page.Text, StringComparison.Ordinal);
            NoSecrets("file page of " + user.UserName, page.Html, caseRefs);
            Assert.Contains($"AIVIC{w.Tag}", page.Html, StringComparison.Ordinal);
            using var client = app.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(user, AllScopes));
            var json = await client.GetStringAsync($"/api/v1/investigations/{w.FileId}");
            NoSecrets("file JSON", json, caseRefs);
            using var doc = JsonDocument.Parse(json);
            var victim = doc.RootElement.GetProperty("parties").EnumerateArray().Single(p => p.GetProperty("role").ToString() is "Victim" or "2");
            Assert.True(victim.GetProperty("linkedCaseHidden").GetBoolean());
            NoSecrets("evidence JSON", await client.GetStringAsync($"/api/v1/evidence/{w.ItemId}"), caseRefs);
        }
        using var lead = await app.SessionAsync(w.Lead);
        var own = await lead.GetAsync($"/Investigations/File/{w.FileId}");
        Assert.Contains(w.CaseNumber, own.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Linked to a protection case you may not see.", own.Text, StringComparison.Ordinal);
    }

    // ---------------------------------------------------------------- malicious input

    [Fact]
    public async Task Markup_in_titles_names_and_notes_is_rendered_escaped()
    {
        var w = await WorldAsync();
        foreach (var user in new[] { w.Lead, w.Prosecutor })
        {
            using var session = await app.SessionAsync(user);
            var page = await session.GetAsync($"/Investigations/File/{w.FileId}");
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.DoesNotContain($"<script>alert('x{w.Tag}')", page.Html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<script>alert(2)", page.Html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img src=x onerror", page.Html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<svg onload", page.Html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains($"AITITLE{w.Tag} &lt;script&gt;", page.Html, StringComparison.Ordinal);
            Assert.Contains($"AITITLE{w.Tag} <script>alert('x{w.Tag}')</script>", page.Document.Body!.TextContent, StringComparison.Ordinal);
            Assert.Empty(page.Document.QuerySelectorAll("img[onerror], svg[onload]"));
            var list = await session.GetAsync("/Investigations");
            Assert.Contains($"AITITLE{w.Tag}", list.Html, StringComparison.Ordinal);
            Assert.DoesNotContain($"<script>alert('x{w.Tag}')", list.Html, StringComparison.OrdinalIgnoreCase);
        }
        NoneInLogs(w.Secrets);
    }

    [Fact]
    public async Task Hostile_uploads_bad_enums_far_dates_and_a_transfer_to_an_ungranted_institution_are_refused()
    {
        var w = await WorldAsync();
        var inv = CaseSteps.ViewerOf(w.Lead, Investigator);
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(w.Lead, AllScopes));
        var before = await StateAsync(w.FileId, w.ItemId);

        // Names that climb out of a folder or hide their real extension.
        foreach (var name in new[] { "../../../etc/passwd.pdf", "..\\..\\web.config.pdf", "invoice\u202Efdp.exe", "report\u200F.pdf" })
        {
            using var response = await client.PostAsync("/api/v1/evidence",
                Upload(null, new() { ["fileId"] = w.FileId.ToString(), ["description"] = "AIUPLOAD", ["location"] = "x" }, "file", name, Pdf(NewTag())));
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == HttpStatusCode.Created)
            {
                using var doc = JsonDocument.Parse(body);
                var stored = doc.RootElement.GetProperty("fileName").GetString()!;
                Assert.DoesNotContain("..", stored, StringComparison.Ordinal);
                Assert.DoesNotContain("/", stored, StringComparison.Ordinal);
                Assert.DoesNotContain("\\", stored, StringComparison.Ordinal);
                Assert.DoesNotContain('\u202E', stored);
                Assert.DoesNotContain('\u200F', stored);
                using var download = await client.GetAsync($"/api/v1/evidence/{doc.RootElement.GetProperty("id").GetGuid()}/content");
                Assert.Equal(HttpStatusCode.OK, download.StatusCode);
                var disposition = download.Content.Headers.ContentDisposition?.ToString() ?? "";
                Assert.DoesNotContain("..", disposition, StringComparison.Ordinal);
                Assert.DoesNotContain("/", disposition.Replace("filename*=UTF-8''", "", StringComparison.Ordinal).Split('=').Skip(1).FirstOrDefault() ?? "", StringComparison.Ordinal);
            }
            else
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{name}: {(int)response.StatusCode} {body}");
        }
        Assert.False(await DbAsync(db => db.EvidenceItems.AnyAsync(i => i.FileId == w.FileId && (i.Size > 26L * 1024 * 1024))));
        before = await StateAsync(w.FileId, w.ItemId);

        // Over 26 MB: 413 through the API and the page, and nothing stored.
        var huge = new byte[27 * 1024 * 1024];
        Pdf("big").CopyTo(huge, 0);
        using (var big = await client.PostAsync("/api/v1/evidence", Upload(null, new() { ["fileId"] = w.FileId.ToString(), ["description"] = "AIBIG", ["location"] = "x" }, "file", "big.pdf", huge)))
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
        using (var session = await app.SessionAsync(w.Lead))
        {
            var token = await CsrfAsync(session);
            using var big = await session.Client.PostAsync($"/Investigations/File/{w.FileId}?handler=Evidence",
                Upload(token, new() { ["Intake.Description"] = "AIBIG", ["Intake.Location"] = "x" }, "Upload", "big.pdf", huge));
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
            // Wrong enum values and a date far ahead through the page's forms.
            var badStage = await WebSession.Page.ReadAsync(await PostFormAsync(session, token, $"/Investigations/File/{w.FileId}?handler=Stage",
                new() { ["Stage.Stage"] = "99", ["Stage.On"] = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }));
            Assert.NotEmpty(badStage.Errors);
            var farStage = await WebSession.Page.ReadAsync(await PostFormAsync(session, token, $"/Investigations/File/{w.FileId}?handler=Stage",
                new() { ["Stage.Stage"] = nameof(FileStage.Closed), ["Stage.On"] = "9999-12-31" }));
            Assert.NotEmpty(farStage.Errors);
            var badParty = await WebSession.Page.ReadAsync(await PostFormAsync(session, token, $"/Investigations/File/{w.FileId}?handler=Party",
                new() { ["Party.Role"] = "42", ["Party.Name"] = "AIENUM", ["Party.Sex"] = "77" }));
            Assert.NotEmpty(badParty.Errors);
        }
        Assert.False(await DbAsync(db => db.EvidenceItems.AnyAsync(i => i.FileId == w.FileId && i.Size > 26L * 1024 * 1024)));
        Assert.Equal(before, await StateAsync(w.FileId, w.ItemId));

        // Through the API: enums by number or unknown name, dates far ahead or far back.
        var today = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        object[] bodies =
        [
            new { stage = "Bogus", on = today }, new { stage = 99, on = today }, new { stage = 6, on = today },
            new { stage = "Closed", on = "9999-12-31" }, new { stage = "Closed", on = Today.AddYears(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
            new { stage = "Closed", on = "1900-01-01" }, new { stage = "Closed", on = "not a date" },
        ];
        foreach (var body in bodies)
        {
            using var response = await PostKeyedAsync(client, $"/api/v1/investigations/{w.FileId}/stages", body);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{JsonSerializer.Serialize(body)}: {(int)response.StatusCode}");
        }
        foreach (var body in new object[]
        {
            new { partyId = w.SuspectId, kind = 99, orderedBy = "Court", from = today },
            new { partyId = w.SuspectId, kind = "Detention", orderedBy = "Nobody", from = today },
            new { partyId = w.SuspectId, kind = "Detention", orderedBy = "Court", from = Today.AddYears(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
            new { partyId = w.VictimId, kind = "Detention", orderedBy = "Court", from = today },
        })
        {
            using var response = await PostKeyedAsync(client, $"/api/v1/investigations/{w.FileId}/measures", body);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{JsonSerializer.Serialize(body)}: {(int)response.StatusCode}");
        }
        using (var party = await PostKeyedAsync(client, $"/api/v1/investigations/{w.FileId}/parties", new { role = "Judge", name = "AIENUM" }))
            Assert.Equal(HttpStatusCode.BadRequest, party.StatusCode);
        using (var np = await PostKeyedAsync(client, $"/api/v1/investigations/{w.FileId}/non-punishment",
            new { partyId = w.VictimId, offence = "x", decision = "NotProsecuted", decidedOn = "9000-01-01" }))
            Assert.Equal(HttpStatusCode.BadRequest, np.StatusCode);
        Assert.Equal(before, await StateAsync(w.FileId, w.ItemId));

        // A transfer to an institution holding no grant on the file (or to none at all) is refused; the custody chain does not grow.
        var stranger = await UserAsync(InstitutionKind.Prosecution, Prosecutor);
        foreach (var to in new[] { stranger.InstitutionId, Guid.NewGuid() })
        {
            var refused = await Locker(l => l.RecordCustodyAsync(inv, w.ItemId, new() { Kind = CustodyKind.Transfer, ToInstitutionId = to, Location = "AITRANSFER", Reason = "AITRANSFER" }));
            Assert.Contains(nameof(EvidenceLocker.CustodyInput.ToInstitutionId), refused!.Keys);
            using var response = await PostKeyedAsync(client, $"/api/v1/evidence/{w.ItemId}/custody", new { kind = "Transfer", toInstitutionId = to, location = "AITRANSFER", reason = "AITRANSFER" });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
        foreach (var kind in new object[] { "Intake", "Download", 99, "Bogus" })
        {
            using var response = await PostKeyedAsync(client, $"/api/v1/evidence/{w.ItemId}/custody", new { kind, location = "AITRANSFER", reason = "AITRANSFER" });
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"custody {kind}: {(int)response.StatusCode}");
        }
        Assert.Equal(before, await StateAsync(w.FileId, w.ItemId));
        Assert.False(await DbAsync(db => db.CustodyEvents.AnyAsync(c => c.ItemId == w.ItemId && c.ToInstitutionId == stranger.InstitutionId)));
        NoneInLogs(w.Secrets);
    }

    // ---------------------------------------------------------------- a random world against a model of the rule

    private static readonly Dictionary<Relation, string[]> HoldersOf = new()
    {
        [Relation.Investigator] = [RoleCatalog.Investigator, RoleCatalog.IdentificationOfficer, RoleCatalog.DutyOfficer, RoleCatalog.SquadChief],
        [Relation.SquadSupervisor] = [RoleCatalog.SquadChief],
        [Relation.Prosecutor] = [RoleCatalog.Prosecutor],
        [Relation.Court] = [RoleCatalog.CourtClerk],
    };

    [Fact]
    public async Task In_a_random_world_every_user_sees_exactly_the_files_the_rule_gives_them_on_every_page_and_endpoint()
    {
        CultureInfo.CurrentUICulture = new("en");
        var random = new Random(1515);
        var tag = NewTag();
        var squadA = await UserAsync(InstitutionKind.AntiTraffickingSquad, Investigator);
        var squadB = await UserAsync(InstitutionKind.AntiTraffickingSquad, [RoleCatalog.SquadChief]);
        var officeA = await UserAsync(InstitutionKind.Prosecution, Prosecutor);
        var officeB = await UserAsync(InstitutionKind.Prosecution, Prosecutor);
        var court = await UserAsync(InstitutionKind.Court, Clerk);
        var helpline = await UserAsync(InstitutionKind.Helpline, [RoleCatalog.HelplineOperator]);
        var leadB = await UserAsync(InstitutionKind.AntiTraffickingSquad, Investigator, squadB.InstitutionId);
        var users = new List<(TestUser User, string[] Roles)>
        {
            (squadA, Investigator), (squadB, [RoleCatalog.SquadChief]), (leadB, Investigator), (officeA, Prosecutor), (officeB, Prosecutor), (court, Clerk), (helpline, [RoleCatalog.HelplineOperator]),
        };
        (InstitutionKind Kind, Guid Institution, string[][] Roles)[] places =
        [
            (InstitutionKind.AntiTraffickingSquad, squadA.InstitutionId, [[RoleCatalog.SquadChief], [RoleCatalog.IdentificationOfficer], [RoleCatalog.DutyOfficer], [RoleCatalog.Analyst]]),
            (InstitutionKind.AntiTraffickingSquad, squadB.InstitutionId, [[RoleCatalog.Investigator], [RoleCatalog.LawEnforcementOfficer], [RoleCatalog.IdentificationOfficer]]),
            (InstitutionKind.Prosecution, officeA.InstitutionId, [[RoleCatalog.Prosecutor], [RoleCatalog.CourtClerk], [RoleCatalog.Auditor]]),
            (InstitutionKind.Court, court.InstitutionId, [[RoleCatalog.CourtClerk], [RoleCatalog.Prosecutor]]),
        ];
        while (users.Count < 10)
        {
            var place = places[random.Next(places.Length)];
            var roles = place.Roles[random.Next(place.Roles.Length)];
            users.Add((await UserAsync(place.Kind, roles, place.Institution), roles));
        }

        // Six files, opened by two Squads' investigators (each opening makes the lead's grant and the Squad's supervision).
        var leads = new[] { squadA, leadB };
        var files = new List<(Guid Id, string Token)>();
        for (var i = 0; i < 6; i++)
        {
            var lead = leads[i % leads.Length];
            var token = $"AIPROP{tag}F{i}X";
            var (id, errors) = await Files(f => f.OpenAsync(CaseSteps.ViewerOf(lead, Investigator), Investigator, new() { Title = token + " title", Summary = token + " summary", Offences = ["144-1.1"] }));
            Assert.Empty(errors);
            files.Add((id!.Value, token));
        }
        // The opening grants, some expired or revoked at random; and random grants to users and institutions in the four relations.
        var now = app.Time.GetUtcNow();
        var institutions = users.Select(u => u.User.InstitutionId).Distinct().ToList();
        var relations = HoldersOf.Keys.ToArray();
        await DbAsync(async db =>
        {
            var ids = files.Select(f => f.Id).ToList();
            foreach (var g in await db.FileGrants.Where(g => ids.Contains(g.FileId)).ToListAsync())
                switch (random.Next(5))
                {
                    case 0: g.RevokedAt = now.AddMinutes(-1); g.RevokedBy = squadA.Id; break;
                    case 1: g.ValidFrom = now.AddDays(-10); g.ValidUntil = now.AddDays(-1); break;
                }
            for (var i = 0; i < 24; i++)
            {
                var toUser = random.Next(3) == 0;
                var from = random.Next(6) == 0 ? now.AddDays(2) : now.AddDays(-random.Next(1, 30));
                DateTimeOffset? until = random.Next(4) switch { 0 => now.AddDays(-random.Next(1, 5)), 1 => now.AddDays(random.Next(1, 30)), 2 => now, _ => null };
                if (until is { } u && u <= from)
                    from = u.AddDays(-1);
                db.FileGrants.Add(new FileGrant
                {
                    FileId = files[random.Next(files.Count)].Id,
                    GranteeUserId = toUser ? users[random.Next(users.Count)].User.Id : null,
                    GranteeInstitutionId = toUser ? null : institutions[random.Next(institutions.Count)],
                    Relation = relations[random.Next(relations.Length)],
                    ValidFrom = from,
                    ValidUntil = until,
                    RevokedAt = random.Next(5) == 0 ? now.AddMinutes(-5) : null,
                    GrantedBy = squadA.Id,
                    Reason = "random world",
                });
            }
            return await db.SaveChangesAsync();
        });
        var grants = await DbAsync(db => db.FileGrants.AsNoTracking().Where(g => files.Select(f => f.Id).Contains(g.FileId)).ToListAsync());

        // The model: in force (not revoked, ValidFrom ≤ now < ValidUntil) and held (to the user, or to their institution in a relation their roles hold).
        bool Sees(TestUser u, string[] roles, Guid file) => grants.Any(g => g.FileId == file
            && g.RevokedAt is null && g.ValidFrom <= now && (g.ValidUntil is null || now < g.ValidUntil)
            && (g.GranteeUserId == u.Id || (g.GranteeInstitutionId == u.InstitutionId && HoldersOf[g.Relation].Intersect(roles).Any())));

        var seenSome = 0;
        var hiddenSome = 0;
        foreach (var (user, roles) in users)
        {
            var expected = files.Where(f => Sees(user, roles, f.Id)).ToList();
            var hidden = files.Except(expected).ToList();
            seenSome += expected.Count;
            hiddenSome += hidden.Count;
            var who = $"{string.Join("+", roles)} of {user.InstitutionId:N}";
            var viewer = CaseSteps.ViewerOf(user, roles);
            Assert.Equal(expected.Select(f => f.Id).Order(), (await Files(f => f.ListAsync(viewer))).Select(r => r.Id).Where(files.Select(f => f.Id).Contains).Order());

            using var session = await app.SessionAsync(user);
            using var client = app.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(user, AllScopes));
            var everything = new StringBuilder();
            var list = await session.GetAsync("/Investigations");
            everything.Append(list.Html);
            var apiList = await client.GetStringAsync("/api/v1/investigations");
            everything.Append(apiList);
            foreach (var f in expected)
            {
                Assert.True(list.Html.Contains(f.Token, StringComparison.Ordinal), $"{who}: list page misses {f.Token}");
                Assert.True(apiList.Contains(f.Token, StringComparison.Ordinal), $"{who}: API list misses {f.Token}");
            }
            foreach (var f in files)
            {
                var page = await session.GetAsync($"/Investigations/File/{f.Id}");
                var (status, json) = await ReadAsync(client.GetAsync($"/api/v1/investigations/{f.Id}"));
                var sees = expected.Contains(f);
                // The link chart of the file, by page and API, follows the same rule.
                var graphPage = await session.GetAsync($"/Investigations/Graph/{f.Id}");
                var (graphStatus, graphJson) = await ReadAsync(client.GetAsync($"/api/v1/entities/graph?fileId={f.Id}"));
                Assert.True(graphPage.Status == (sees ? HttpStatusCode.OK : HttpStatusCode.NotFound), $"{who}: graph page of {f.Token}: {(int)graphPage.Status}");
                Assert.True(graphStatus == (sees ? HttpStatusCode.OK : HttpStatusCode.NotFound), $"{who}: graph API of {f.Token}: {(int)graphStatus}");
                if (!sees)
                    Assert.DoesNotContain(f.Token, graphPage.Html + graphJson, StringComparison.Ordinal);
                Assert.True(page.Status == (sees ? HttpStatusCode.OK : HttpStatusCode.NotFound), $"{who}: page of {f.Token}: {(int)page.Status}, expected {(sees ? 200 : 404)}");
                Assert.True(status == (sees ? HttpStatusCode.OK : HttpStatusCode.NotFound), $"{who}: API of {f.Token}: {(int)status}, expected {(sees ? 200 : 404)}");
                if (sees)
                {
                    Assert.Contains(f.Token, page.Html, StringComparison.Ordinal);
                    Assert.Contains(f.Token, json, StringComparison.Ordinal);
                }
                everything.Append(page.Html).Append(json);
            }
            NoSecrets(who, everything.ToString(), hidden.Select(f => f.Token));
        }
        // The world is not degenerate: some files were seen and some hidden.
        Assert.True(seenSome > 3 && hiddenSome > 3, $"seen {seenSome}, hidden {hiddenSome}");
        NoneInLogs(files.Select(f => f.Token));
    }
}

public sealed class AttackInvestigationOnSqlite(SqliteApp app) : AttackInvestigation(app), IClassFixture<SqliteApp>;
