using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Investigation;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>
/// Investigation and prosecution (issue 15): the criminal file moved through its stages by the investigator, the prosecutor
/// and the court, each through their own grant on the file; the evidence locker's intake checks, chain of custody,
/// watermarked downloads and the <c>evidence verify</c> verb catching a changed file or a changed custody event.
/// </summary>
public abstract class InvestigationTests(AriadneApp app)
{
    private static readonly string[] Investigator = [RoleCatalog.Investigator];
    private static readonly string[] Prosecutor = [RoleCatalog.Prosecutor];
    private static readonly string[] Clerk = [RoleCatalog.CourtClerk];

    private Task<T> Files<T>(Func<CriminalFiles, Task<T>> call) => app.WithScopeAsync(sp => call(sp.GetRequiredService<CriminalFiles>()));

    private Task<T> Locker<T>(Func<EvidenceLocker, Task<T>> call) => app.WithScopeAsync(sp => call(sp.GetRequiredService<EvidenceLocker>()));

    private Task<T> DbAsync<T>(Func<AriadneDbContext, Task<T>> query) => app.WithScopeAsync(sp => query(sp.GetRequiredService<AriadneDbContext>()));

    private DateOnly Today => DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime);

    /// <summary>A user of a new institution of the kind (CreateUserAsync reuses the first institution of a kind).</summary>
    private Task<TestUser> UserOfNewInstitutionAsync(InstitutionKind kind, string[] roles) => app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AriadneDbContext>();
        var users = sp.GetRequiredService<UserManager<AriadneUser>>();
        var institution = new Institution { Name = "Other " + kind, Code = "X-" + Guid.NewGuid().ToString("N")[..6], Kind = kind, CreatedAt = app.Time.GetUtcNow() };
        db.Institutions.Add(institution);
        await db.SaveChangesAsync();
        var user = new AriadneUser { UserName = "x" + Guid.NewGuid().ToString("N")[..10], DisplayName = "Other user", InstitutionId = institution.Id, CreatedAt = app.Time.GetUtcNow() };
        Assert.True((await users.CreateAsync(user, AriadneApp.Password)).Succeeded);
        Assert.True((await users.AddToRolesAsync(user, roles)).Succeeded);
        return new TestUser(user.Id, user.UserName, AriadneApp.Password, null, institution.Id);
    });

    private async Task<(TestUser Investigator, Guid FileId, string CaseNumber)> FileAsync()
    {
        var (investigator, protectionCase) = await app.NewCaseAsync();
        var (id, errors) = await Files(f => f.OpenAsync(CaseSteps.ViewerOf(investigator, Investigator), Investigator,
            new CriminalFiles.OpenInput { Title = "Operation Karvan", Offences = ["144-1.1", "144-2"], Summary = "Recruitment for work abroad" }));
        Assert.Empty(errors);
        return (investigator, id!.Value, protectionCase.Number);
    }

    private static byte[] Pdf(string text) => Encoding.ASCII.GetBytes(
        $"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 200]>>endobj\ntrailer<</Root 1 0 R>>\n% {text}\n%%EOF\n");

    [Fact]
    public async Task A_file_goes_from_the_Squad_to_the_prosecutor_and_the_court_each_recording_only_their_steps()
    {
        CultureInfo.CurrentUICulture = new("en");
        var (investigator, fileId, caseNumber) = await FileAsync();
        var inv = CaseSteps.ViewerOf(investigator, Investigator);
        var prosecutor = await app.CreateUserAsync(InstitutionKind.Prosecution, Prosecutor);
        var clerk = await app.CreateUserAsync(InstitutionKind.Court, Clerk);
        var pros = CaseSteps.ViewerOf(prosecutor, Prosecutor);
        var court = CaseSteps.ViewerOf(clerk, Clerk);

        Assert.Empty((await Files(f => f.AddPartyAsync(inv, fileId, new() { Role = PartyRole.Suspect, Name = "Rəşad Hüseynov", Sex = PartySex.Male, BirthYear = 1979, Citizenship = "AZE" })))!);
        Assert.Empty((await Files(f => f.AddPartyAsync(inv, fileId, new() { Role = PartyRole.Victim, Name = "Z. Q.", Sex = PartySex.Female, CaseNumber = caseNumber })))!);
        // A case number the investigator cannot see is refused beside its field.
        Assert.Contains(nameof(CriminalFiles.PartyInput.CaseNumber), (await Files(f => f.AddPartyAsync(inv, fileId, new() { Role = PartyRole.Witness, Name = "W", CaseNumber = "NO-SUCH-1" })))!.Keys);
        // Before the file is shared the prosecutor does not see it, and the attempt is audited.
        Assert.Null(await Files(f => f.ReadAsync(pros, fileId)));
        Assert.True(await DbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == InvestigationAudit.FileDenied.Code && e.ActorUserId == prosecutor.Id && e.TargetId == fileId)));

        Assert.Empty((await Files(f => f.RecordStageAsync(inv, fileId, new() { Stage = FileStage.CriminalCaseOpened, On = Today, OfficialNumber = "2026/144/0001" })))!);
        Assert.Empty((await Files(f => f.RecordStageAsync(inv, fileId, new() { Stage = FileStage.Charged, On = Today })))!);
        // The investigator cannot send the file to court: that is the prosecutor's step.
        Assert.Contains("", (await Files(f => f.RecordStageAsync(inv, fileId, new() { Stage = FileStage.IndictmentToCourt, On = Today, CourtInstitutionId = clerk.InstitutionId })))!.Keys);
        Assert.Empty((await Files(f => f.ShareAsync(inv, fileId, new() { InstitutionId = prosecutor.InstitutionId, Reason = "procedural supervision" })))!);

        var seen = await Files(f => f.ReadAsync(pros, fileId));
        Assert.NotNull(seen);
        Assert.True(seen.Rights.Prosecutes);
        var victim = seen.Parties.Single(p => p.Role == PartyRole.Victim);
        Assert.True(victim.CaseLinkedButHidden); // the prosecutor has no grant on the protection case
        Assert.Null(victim.CaseNumber);
        Assert.Equal(SuspectOutcome.Charged, seen.Parties.Single(p => p.Role == PartyRole.Suspect).Outcome);
        // A step behind the file's stage is refused.
        Assert.Contains(nameof(CriminalFiles.StageInput.Stage), (await Files(f => f.RecordStageAsync(inv, fileId, new() { Stage = FileStage.CriminalCaseOpened, On = Today })))!.Keys);

        Assert.Null(await Files(f => f.ReadAsync(court, fileId)));
        Assert.Empty((await Files(f => f.RecordStageAsync(pros, fileId, new() { Stage = FileStage.IndictmentToCourt, On = Today, CourtInstitutionId = clerk.InstitutionId })))!);
        var atCourt = await Files(f => f.ReadAsync(court, fileId));
        Assert.NotNull(atCourt);
        Assert.True(atCourt.Rights.Judges);
        var suspect = atCourt.Parties.Single(p => p.Role == PartyRole.Suspect);
        Assert.Equal(SuspectOutcome.Indicted, suspect.Outcome);
        Assert.Empty((await Files(f => f.RecordMeasureAsync(court, fileId, new() { PartyId = suspect.Id, Kind = MeasureKind.Detention, OrderedBy = MeasureAuthority.Court, From = Today.AddDays(-30) })))!);
        Assert.Empty((await Files(f => f.RecordNonPunishmentAsync(pros, fileId, new() { PartyId = atCourt.Parties.Single(p => p.Role == PartyRole.Victim).Id, Offence = "Forged passport", Decision = NonPunishmentDecision.NotProsecuted, DecidedOn = Today })))!);
        Assert.Empty((await Files(f => f.RecordStageAsync(court, fileId, new() { Stage = FileStage.Hearings, On = Today })))!);
        // Only the court convicts; a sentence needs a conviction.
        Assert.Contains("", (await Files(f => f.RecordOutcomeAsync(pros, fileId, new() { PartyId = suspect.Id, Outcome = SuspectOutcome.Convicted, SentenceMonths = 48 })))!.Keys);
        Assert.Contains(nameof(CriminalFiles.OutcomeInput.SentenceMonths), (await Files(f => f.RecordOutcomeAsync(court, fileId, new() { PartyId = suspect.Id, Outcome = SuspectOutcome.Acquitted, SentenceMonths = 3 })))!.Keys);
        Assert.Empty((await Files(f => f.RecordStageAsync(court, fileId, new() { Stage = FileStage.Verdict, On = Today })))!);
        Assert.Empty((await Files(f => f.RecordOutcomeAsync(court, fileId, new() { PartyId = suspect.Id, Outcome = SuspectOutcome.Convicted, SentenceMonths = 96 })))!);

        var final = await Files(f => f.ReadAsync(inv, fileId));
        Assert.Equal(FileStage.Verdict, final!.Stage);
        Assert.Equal([FileStage.OperationalInvestigation, FileStage.CriminalCaseOpened, FileStage.Charged, FileStage.IndictmentToCourt, FileStage.Hearings, FileStage.Verdict],
            final.Stages.Select(s => s.Stage));
        Assert.Equal((SuspectOutcome.Convicted, 96), (final.Parties.Single(p => p.Role == PartyRole.Suspect).Outcome, final.Parties.Single(p => p.Role == PartyRole.Suspect).SentenceMonths));
        Assert.Equal(caseNumber, final.Parties.Single(p => p.Role == PartyRole.Victim).CaseNumber); // the investigator sees the case
        Assert.Single(final.Measures);
        Assert.Equal(NonPunishmentDecision.NotProsecuted, final.NonPunishment.Single().Decision);
        // The court was told; another prosecutor's office still sees nothing.
        Assert.True(await DbAsync(db => db.Notifications.AnyAsync(n => n.RecipientInstitutionId == clerk.InstitutionId && n.Kind == InvestigationAudit.SharedNotice.Code)));
        var stranger = await UserOfNewInstitutionAsync(InstitutionKind.Prosecution, Prosecutor);
        Assert.Null(await Files(f => f.ReadAsync(CaseSteps.ViewerOf(stranger, Prosecutor), fileId)));
        Assert.DoesNotContain(await Files(f => f.ListAsync(CaseSteps.ViewerOf(stranger, Prosecutor))), r => r.Id == fileId);
        // The names are sealed in the database.
        var raw = await DbAsync(db => db.FileParties.Where(p => p.FileId == fileId).Select(p => p.NameEnc).ToListAsync());
        Assert.All(raw, bytes => Assert.DoesNotContain("Hüseynov", Encoding.UTF8.GetString(bytes!), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Evidence_keeps_its_chain_of_custody_and_a_changed_file_or_event_is_caught_by_verify_and_on_download()
    {
        CultureInfo.CurrentUICulture = new("en");
        // evidence verify checks the whole locker: this test tampers, so it has a database of its own.
        await using var own = new AriadneApp(app.Provider);
        await own.InitializeAsync();
        app = own;
        own.Time.Advance(TimeSpan.FromTicks(1_234_567)); // a clock that is not on a round second, as real ones are not
        var (investigator, fileId, _) = await FileAsync();
        var inv = CaseSteps.ViewerOf(investigator, Investigator);
        var prosecutor = await app.CreateUserAsync(InstitutionKind.Prosecution, Prosecutor);
        Assert.Empty((await Files(f => f.ShareAsync(inv, fileId, new() { InstitutionId = prosecutor.InstitutionId, Reason = "supervision" })))!);

        var content = Pdf("ledger " + Guid.NewGuid());
        var (itemId, errors) = await Locker(l => l.TakeInAsync(inv, fileId, new() { Description = "Ledger seized at the flat", Location = "Evidence room 2" }, "ledger.pdf", "application/pdf", content));
        Assert.Empty(errors!);
        // The same file again makes no second item.
        var (twice, twiceErrors) = await Locker(l => l.TakeInAsync(inv, fileId, new() { Description = "again", Location = "Room 2" }, "ledger.pdf", "application/pdf", content));
        Assert.Null(twice);
        Assert.Contains("", twiceErrors!.Keys);
        var item = await DbAsync(db => db.EvidenceItems.AsNoTracking().SingleAsync(i => i.Id == itemId));
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(content), item.Sha256);

        Assert.Empty((await Locker(l => l.RecordCustodyAsync(inv, itemId!.Value, new() { Kind = CustodyKind.Transfer, ToInstitutionId = prosecutor.InstitutionId, Location = "Prosecutor's registry", Reason = "for the indictment" })))!);
        Assert.Empty((await Locker(l => l.RecordCustodyAsync(CaseSteps.ViewerOf(prosecutor, Prosecutor), itemId!.Value, new() { Kind = CustodyKind.DisclosureToDefence, Location = "Prosecutor's registry", Reason = "defence counsel, art. 87" })))!);
        var (outcome, served) = await Locker(l => l.DownloadAsync(CaseSteps.ViewerOf(prosecutor, Prosecutor), itemId!.Value));
        Assert.Equal(EvidenceLocker.DownloadOutcome.Served, outcome);
        Assert.NotNull(served);
        var view = await Locker(l => l.ReadAsync(inv, itemId!.Value));
        Assert.Equal([CustodyKind.Intake, CustodyKind.Transfer, CustodyKind.DisclosureToDefence, CustodyKind.Download], view!.Custody.Select(c => c.Kind));
        Assert.True(view.TimestampValid && view.ChainValid);
        Assert.All(view.Custody, c => Assert.True(c.HashMatched));
        Assert.True(await DbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == InvestigationAudit.EvidenceDownloaded.Code && e.ActorUserId == prosecutor.Id && e.TargetId == itemId)));
        // Another prosecutor's office: not found, whether the item exists or not.
        var stranger = await UserOfNewInstitutionAsync(InstitutionKind.Prosecution, Prosecutor);
        Assert.Equal(EvidenceLocker.DownloadOutcome.NotFound, (await Locker(l => l.DownloadAsync(CaseSteps.ViewerOf(stranger, Prosecutor), itemId!.Value))).Outcome);
        Assert.Null(await Locker(l => l.ReadAsync(CaseSteps.ViewerOf(stranger, Prosecutor), itemId!.Value)));

        var (ok, okText) = await AuditTrailTests.RunAsync(app, "evidence", "verify");
        Assert.True(ok == 0, okText);
        Assert.Contains("evidence verify: OK", okText, StringComparison.Ordinal);

        // The custody trail refuses an UPDATE; someone who drops the guard and edits an event is caught.
        await Assert.ThrowsAnyAsync<Exception>(() => DbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE evidence_custody_events SET \"Location\" = 'x'")));
        await DbAsync(db => db.Database.ExecuteSqlRawAsync(app.Provider == "Sqlite"
            ? "DROP TRIGGER evidence_custody_events_no_update"
            : "ALTER TABLE evidence_custody_events DISABLE TRIGGER evidence_custody_events_append_only"));
        try
        {
            await DbAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"UPDATE evidence_custody_events SET \"Location\" = 'Somewhere else' WHERE \"ItemId\" = {itemId} AND \"Sequence\" = 2"));
            var (bad, badText) = await AuditTrailTests.RunAsync(app, "evidence", "verify");
            Assert.Equal(1, bad);
            Assert.Contains(item.Number, badText, StringComparison.Ordinal);
            Assert.Contains("custody event 2 was changed", badText, StringComparison.Ordinal);
            Assert.False((await Locker(l => l.ReadAsync(inv, itemId!.Value)))!.ChainValid);
            Assert.Equal(EvidenceLocker.DownloadOutcome.Tampered, (await Locker(l => l.DownloadAsync(inv, itemId!.Value))).Outcome);
        }
        finally
        {
            if (app.Provider == "Postgres")
                await DbAsync(db => db.Database.ExecuteSqlRawAsync("ALTER TABLE evidence_custody_events ENABLE TRIGGER evidence_custody_events_append_only"));
        }
    }

    [Fact]
    public async Task A_changed_evidence_file_is_named_by_verify_refused_on_download_and_told_to_the_chief()
    {
        CultureInfo.CurrentUICulture = new("en");
        // evidence verify checks the whole locker: this test tampers, so it has a database of its own.
        await using var own = new AriadneApp(app.Provider);
        await own.InitializeAsync();
        app = own;
        var (investigator, fileId, _) = await FileAsync();
        var inv = CaseSteps.ViewerOf(investigator, Investigator);
        var (itemId, _) = await Locker(l => l.TakeInAsync(inv, fileId, new() { Description = "Photo", Location = "Room 1" }, "a.pdf", null, Pdf("one " + Guid.NewGuid())));
        var (otherId, _) = await Locker(l => l.TakeInAsync(inv, fileId, new() { Description = "Other", Location = "Room 1" }, "b.pdf", null, Pdf("two " + Guid.NewGuid())));
        var number = await DbAsync(db => db.EvidenceItems.Where(i => i.Id == otherId).Select(i => i.Number).SingleAsync());
        // Someone with the database swaps the sealed content of one item for another's.
        var first = await DbAsync(db => db.EvidenceContents.Where(c => c.ItemId == itemId).Select(c => c.ContentEnc).SingleAsync());
        await DbAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"UPDATE evidence_contents SET \"ContentEnc\" = {first} WHERE \"ItemId\" = {otherId}"));
        var (code, text) = await AuditTrailTests.RunAsync(app, "evidence", "verify");
        Assert.Equal(1, code);
        Assert.Contains(number, text, StringComparison.Ordinal);
        Assert.Equal(EvidenceLocker.DownloadOutcome.Tampered, (await Locker(l => l.DownloadAsync(inv, otherId!.Value))).Outcome);
        Assert.Contains("", (await Locker(l => l.RecordCustodyAsync(inv, otherId!.Value, new() { Kind = CustodyKind.Examination, Location = "Lab", Reason = "check" })))!.Keys);
        Assert.True(await DbAsync(db => db.Notifications.AnyAsync(n => n.Kind == InvestigationAudit.TamperNotice.Code && n.CaseNumber == number)));
        Assert.True(await DbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == InvestigationAudit.EvidenceTampered.Code && e.TargetId == otherId)));
        // The untouched item still downloads.
        Assert.Equal(EvidenceLocker.DownloadOutcome.Served, (await Locker(l => l.DownloadAsync(inv, itemId!.Value))).Outcome);
    }

    [Fact]
    public async Task An_item_sealed_before_the_signing_key_was_rotated_still_verifies_and_new_items_are_sealed_by_the_new_key()
    {
        // keys rotate-signing rewrites the ring this database's nodes share: a database of its own.
        await using var own = new AriadneApp(app.Provider);
        await own.InitializeAsync();
        app = own;
        var (investigator, fileId, _) = await FileAsync();
        var inv = CaseSteps.ViewerOf(investigator, Investigator);
        var (before, _) = await Locker(l => l.TakeInAsync(inv, fileId, new() { Description = "Ledger", Location = "Room 1" }, "a.pdf", null, Pdf("one " + Guid.NewGuid())));
        var oldSeal = await DbAsync(db => db.EvidenceItems.AsNoTracking().Where(i => i.Id == before).Select(i => new { i.SigningKeyId, i.TimestampSignature }).SingleAsync());

        var (rotated, rotatedText) = await AuditTrailTests.RunAsync(app, "keys", "rotate-signing");
        Assert.True(rotated == 0, rotatedText);
        Assert.Contains("1 evidence item(s) sealed again under it", rotatedText, StringComparison.Ordinal);

        // A node on the rotated ring: the old seal holds, a new item is sealed by the new key, and the whole locker verifies.
        await using var node = new AriadneApp(app.Provider, migrate: false).SharingDeploymentWith(app);
        await node.InitializeAsync();
        app = node;
        Assert.True((await Locker(l => l.ReadAsync(inv, before!.Value)))!.TimestampValid);
        var (after, _) = await Locker(l => l.TakeInAsync(inv, fileId, new() { Description = "Phone", Location = "Room 1" }, "b.pdf", null, Pdf("two " + Guid.NewGuid())));
        var ring = Ariadne.Web.Platform.Crypto.KeyRing.Load(app.KeyRingFile)!;
        Assert.Equal([ring.AuditSigningKeyId, ring.AuditSigningKeyId],
            await DbAsync(db => db.EvidenceItems.AsNoTracking().Where(i => i.Id == before || i.Id == after).Select(i => i.SigningKeyId).ToListAsync()));
        Assert.Equal(oldSeal.SigningKeyId, ring.RetiredSigningKeys.Single().KeyId);
        var (code, text) = await AuditTrailTests.RunAsync(own, "evidence", "verify"); // the verb on the shared database (the node's own is empty)
        Assert.True(code == 0, text);
        Assert.Contains("evidence verify: OK, 2 items", text, StringComparison.Ordinal);

        // Whoever holds the retired key and the database puts the old seal back (or one they made, backdated): it is refused,
        // because after the rotation the locker trusts the active key alone.
        await DbAsync(db => db.EvidenceItems.Where(i => i.Id == before).ExecuteUpdateAsync(u => u
            .SetProperty(i => i.SigningKeyId, oldSeal.SigningKeyId).SetProperty(i => i.TimestampSignature, oldSeal.TimestampSignature)));
        Assert.False((await Locker(l => l.ReadAsync(inv, before!.Value)))!.TimestampValid);
        var (refused, refusedText) = await AuditTrailTests.RunAsync(own, "evidence", "verify");
        Assert.True(refused == 1, refusedText);

        // What a restore of a backup from before the rotation looks like; the operator's keys reseal seals it again under the
        // active key (its old seal verifies under the retired key, dated before the retirement), and the locker verifies.
        var (resealed, resealedText) = await AuditTrailTests.RunAsync(own, "keys", "reseal");
        Assert.True(resealed == 0, resealedText);
        Assert.Contains("1 evidence item(s) sealed again under it", resealedText, StringComparison.Ordinal);
        Assert.True((await Locker(l => l.ReadAsync(inv, before!.Value)))!.TimestampValid);
    }

    [Theory]
    [InlineData("empty")]
    [InlineData("html")]
    [InlineData("exe")]
    [InlineData("name")]
    [InlineData("big")]
    public async Task A_bad_file_gets_a_clear_error_and_nothing_is_stored(string kind)
    {
        CultureInfo.CurrentUICulture = new("en");
        var (investigator, fileId, _) = await FileAsync();
        var (name, bytes) = kind switch
        {
            "empty" => ("a.pdf", Array.Empty<byte>()),
            "html" => ("page.txt", Encoding.UTF8.GetBytes("\uFEFF  <!DOCTYPE html><script>alert(1)</script>")),
            "exe" => ("tool.pdf", [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0]),
            "name" => ("../../etc/passwd.pdf", Pdf("x")),
            _ => ("huge.pdf", [.. Pdf("x"), .. new byte[27 * 1024 * 1024]]),
        };
        var before = await DbAsync(db => db.EvidenceItems.CountAsync());
        var contents = await DbAsync(db => db.EvidenceContents.CountAsync());
        var (id, errors) = await Locker(l => l.TakeInAsync(CaseSteps.ViewerOf(investigator, Investigator), fileId, new() { Description = "d", Location = "l" }, name, null, bytes));
        Assert.Null(id);
        var message = Assert.Single(errors!["Upload"]);
        Assert.DoesNotContain("Evidence_", message, StringComparison.Ordinal); // a text, not a key
        Assert.Equal(before, await DbAsync(db => db.EvidenceItems.CountAsync()));
        Assert.Equal(contents, await DbAsync(db => db.EvidenceContents.CountAsync()));
    }

    [Fact]
    public async Task The_API_opens_once_per_key_and_answers_404_for_a_file_or_item_the_caller_may_not_see()
    {
        var investigator = (await app.NewCaseAsync()).Investigator;
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(investigator, "investigations.write evidence.write"));
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("ru"));
        var body = new { title = "Operation Sahil", offences = new[] { "144-1.1" } };
        var key = Guid.NewGuid().ToString();
        Task<HttpResponseMessage> Post() => client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/investigations") { Content = JsonContent.Create(body), Headers = { { "Idempotency-Key", key } } });
        using var first = await Post();
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        using var again = await Post();
        var id = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        Assert.Equal(id, JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid());
        Assert.Equal(1, await DbAsync(db => db.CriminalFiles.CountAsync(f => f.LeadInvestigatorId == investigator.Id && f.Id == id)));
        // Bad input: a localized error beside the field, nothing made.
        using var bad = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/investigations")
        { Content = JsonContent.Create(new { title = "", offences = new[] { "999" } }), Headers = { { "Idempotency-Key", Guid.NewGuid().ToString() } } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.True(problem.TryGetProperty("title", out _) && problem.TryGetProperty("offences", out _));
        Assert.Contains("Выберите", problem.GetProperty("offences")[0].GetString(), StringComparison.Ordinal);

        // Evidence by multipart.
        using var form = new MultipartFormDataContent
        {
            { new StringContent(id.ToString()), "fileId" }, { new StringContent("Bank statement"), "description" }, { new StringContent("Room 3"), "location" },
            { new ByteArrayContent(Pdf("statement " + Guid.NewGuid())), "file", "statement.pdf" },
        };
        using var intake = await client.PostAsync("/api/v1/evidence", form);
        Assert.Equal(HttpStatusCode.Created, intake.StatusCode);
        var itemId = JsonDocument.Parse(await intake.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();

        var stranger = await UserOfNewInstitutionAsync(InstitutionKind.Prosecution, Prosecutor);
        var other = app.CreateClient();
        other.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(stranger, "investigations.read evidence.read"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/investigations/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/evidence/{itemId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/evidence/{itemId}/content")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/evidence?fileId={id}")).StatusCode);
        Assert.Equal("[]", (await other.GetStringAsync("/api/v1/investigations")).Trim());
        // The owner downloads it as an attachment, never inline.
        using var download = await client.GetAsync($"/api/v1/evidence/{itemId}/content");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
    }
}

// On PostgreSQL only (the production database): this class tests a feature, not the database. Its pages' queries run on SQLite
// too, in the sweep of every handler (SweepTests) and the crawl of every page by every role (UniqueIdTests).
public sealed class InvestigationTestsOnPostgres(PostgresApp app) : InvestigationTests(app), IClassFixture<PostgresApp>;
