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
/// Foreign cooperation (issue 15 §4): the Squad drafts a request on its file and picks field by field what goes abroad (a
/// victim's details only with a justification); the National Coordinator, who never reaches the file, returns it or sends
/// it; what was sent is sealed and each item audited; replies, reminders and overdue deadlines; outsiders get 404 on every
/// page and endpoint, as for a random id, and change nothing; bad input is refused by field and retried posts do not duplicate.
/// </summary>
public abstract class CooperationTests(AriadneApp app)
{
    private static readonly string[] Investigator = [RoleCatalog.Investigator];
    private static readonly string[] Prosecutor = [RoleCatalog.Prosecutor];
    private static readonly string[] Coordinator = [RoleCatalog.Coordinator];
    private const string Scopes = "cooperation.read cooperation.write";

    private Task<T> Requests<T>(Func<CooperationRequests, Task<T>> call) => app.WithScopeAsync(sp => call(sp.GetRequiredService<CooperationRequests>()));

    private Task<T> Files<T>(Func<CriminalFiles, Task<T>> call) => app.WithScopeAsync(sp => call(sp.GetRequiredService<CriminalFiles>()));

    private Task<T> DbAsync<T>(Func<AriadneDbContext, Task<T>> query) => app.WithScopeAsync(sp => query(sp.GetRequiredService<AriadneDbContext>()));

    /// <summary>The UTC day: never after the deployment's (Baku) day, so good for "not in the future" checks.</summary>
    private DateOnly Today => DateOnly.FromDateTime(app.Time.GetUtcNow().UtcDateTime);

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string NewTag() => Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    /// <summary>A user (able to sign in) of a new institution of the kind, or of the given one.</summary>
    private Task<TestUser> UserAsync(InstitutionKind kind, string[] roles, Guid? institutionId = null) => app.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<AriadneDbContext>();
        var users = sp.GetRequiredService<UserManager<AriadneUser>>();
        var id = institutionId;
        if (id is null)
        {
            var institution = new Institution { Name = "FC " + kind + " " + NewTag(), Code = "FC-" + NewTag(), Kind = kind, CreatedAt = app.Time.GetUtcNow() };
            db.Institutions.Add(institution);
            await db.SaveChangesAsync();
            id = institution.Id;
        }
        var user = new AriadneUser { UserName = "fc" + NewTag().ToLowerInvariant(), DisplayName = "Cooperation user", InstitutionId = id.Value, CreatedAt = app.Time.GetUtcNow() };
        Assert.True((await users.CreateAsync(user, AriadneApp.Password)).Succeeded);
        Assert.True((await users.AddToRolesAsync(user, roles)).Succeeded);
        Assert.True((await users.ResetAuthenticatorKeyAsync(user)).Succeeded);
        var key = await users.GetAuthenticatorKeyAsync(user);
        Assert.True((await users.SetTwoFactorEnabledAsync(user, true)).Succeeded);
        return new TestUser(user.Id, user.UserName, AriadneApp.Password, key, id.Value);
    });

    private sealed record World(TestUser Lead, TestUser Prosecutor, Guid FileId, Guid SuspectId, Guid VictimId, Guid WitnessId, string Tag, string[] Secrets);

    /// <summary>A file of the Squad with a suspect, a victim and a witness, shared with a prosecution office.</summary>
    private async Task<World> WorldAsync()
    {
        CultureInfo.CurrentUICulture = new("en");
        var tag = NewTag();
        var lead = await UserAsync(InstitutionKind.AntiTraffickingSquad, Investigator);
        var inv = CaseSteps.ViewerOf(lead, Investigator);
        var (id, errors) = await Files(f => f.OpenAsync(inv, Investigator, new CriminalFiles.OpenInput { Title = $"FCTITLE{tag}", Summary = $"FCSUM{tag}", Offences = ["144-1.1"] }));
        Assert.Empty(errors);
        var fileId = id!.Value;
        Assert.Empty((await Files(f => f.AddPartyAsync(inv, fileId, new() { Role = PartyRole.Suspect, Name = $"FCSUSP{tag}", Sex = PartySex.Male, BirthYear = 1979, Citizenship = "AZE", Detail = $"FCDET{tag}" })))!);
        Assert.Empty((await Files(f => f.AddPartyAsync(inv, fileId, new() { Role = PartyRole.Victim, Name = $"FCVIC{tag}", Sex = PartySex.Female, BirthYear = 2001, Citizenship = "AZE" })))!);
        Assert.Empty((await Files(f => f.AddPartyAsync(inv, fileId, new() { Role = PartyRole.Witness, Name = $"FCWIT{tag}" })))!);
        var prosecutor = await UserAsync(InstitutionKind.Prosecution, Prosecutor);
        Assert.Empty((await Files(f => f.ShareAsync(inv, fileId, new() { InstitutionId = prosecutor.InstitutionId, Reason = "supervision" })))!);
        var parties = await DbAsync(db => db.FileParties.AsNoTracking().Where(p => p.FileId == fileId).ToListAsync());
        return new World(lead, prosecutor, fileId, parties.Single(p => p.Role == PartyRole.Suspect).Id, parties.Single(p => p.Role == PartyRole.Victim).Id,
            parties.Single(p => p.Role == PartyRole.Witness).Id, tag, [$"FCTITLE{tag}", $"FCSUM{tag}", $"FCSUSP{tag}", $"FCDET{tag}", $"FCVIC{tag}", $"FCWIT{tag}", $"FCPURP{tag}", $"FCWHY{tag}"]);
    }

    private CooperationRequests.DraftInput Draft(World w, DateOnly? deadline = null) => new()
    {
        Country = "tur",
        Authority = "Interpol NCB Ankara",
        Channel = CooperationChannel.Interpol,
        Assistance = AssistanceKind.Information,
        Urgency = CooperationUrgency.Urgent,
        Purpose = $"FCPURP{w.Tag} registration and employer in Istanbul",
        Deadline = deadline ?? Today.AddDays(10),
    };

    /// <summary>Everything a write could change on the file's requests, counted.</summary>
    private Task<string> StateAsync(Guid fileId) => DbAsync(async db =>
    {
        var rows = await db.CooperationRequests.AsNoTracking().Where(r => r.FileId == fileId).OrderBy(r => r.Id).ToListAsync();
        var ids = rows.Select(r => r.Id).ToList();
        return string.Join("|", rows.Select(r => $"{r.Status}:{r.UpdatedAt.UtcTicks}:{r.Deadline}:{r.OutgoingReference}"))
            + "|" + await db.CooperationItems.CountAsync(i => ids.Contains(i.RequestId))
            + "|" + await db.CooperationSteps.CountAsync(s => ids.Contains(s.RequestId))
            + "|" + await db.CooperationItems.CountAsync(i => ids.Contains(i.RequestId) && i.SentValuesEnc != null);
    });

    /// <summary>A POST adding a record, with its <c>Idempotency-Key</c> (required, as for the creating endpoints).</summary>
    private static Task<HttpResponseMessage> PostKeyedAsync(HttpClient client, string url, object body) => client.SendAsync(
        new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body), Headers = { { "Idempotency-Key", Guid.NewGuid().ToString() } } });

    [Fact]
    public async Task A_request_goes_from_the_Squad_through_the_Coordinator_abroad_and_its_reply_and_deadline_are_followed()
    {
        var w = await WorldAsync();
        var inv = CaseSteps.ViewerOf(w.Lead, Investigator);
        var coordinatorUser = await app.CreateUserAsync(InstitutionKind.NationalCoordinator, Coordinator);
        var coordinator = CaseSteps.ViewerOf(coordinatorUser, Coordinator);

        // Bad input: refused by field in the page's language, nothing written.
        CultureInfo.CurrentUICulture = new("ru");
        var (none, bad) = await Requests(r => r.CreateAsync(inv, w.FileId, new() { Country = "XXX", Deadline = Today.AddDays(-1), Purpose = new string('x', 2001) }));
        Assert.Null(none);
        Assert.Equal([nameof(CooperationRequests.DraftInput.Assistance), nameof(CooperationRequests.DraftInput.Authority), nameof(CooperationRequests.DraftInput.Channel),
            nameof(CooperationRequests.DraftInput.Country), nameof(CooperationRequests.DraftInput.Deadline), nameof(CooperationRequests.DraftInput.Purpose),
            nameof(CooperationRequests.DraftInput.Urgency)], bad!.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("Выберите", bad[nameof(CooperationRequests.DraftInput.Country)][0], StringComparison.Ordinal);
        CultureInfo.CurrentUICulture = new("en");
        Assert.Equal("|0|0|0", await StateAsync(w.FileId));

        var (id, errors) = await Requests(r => r.CreateAsync(inv, w.FileId, Draft(w)));
        Assert.Empty(errors!);
        var requestId = id!.Value;

        // A victim's details without a justification are refused; an unknown field and a party of another file too.
        var noWhy = await Requests(r => r.AddItemAsync(inv, requestId, new() { PartyId = w.VictimId, Fields = [PartyFields.Name] }));
        Assert.Equal([nameof(CooperationRequests.ItemInput.Justification)], noWhy!.Keys);
        Assert.Contains(nameof(CooperationRequests.ItemInput.Fields), (await Requests(r => r.AddItemAsync(inv, requestId, new() { PartyId = w.SuspectId, Fields = [(PartyFields)64] })))!.Keys);
        Assert.Contains(nameof(CooperationRequests.ItemInput.PartyId), (await Requests(r => r.AddItemAsync(inv, requestId, new() { PartyId = Guid.NewGuid(), Fields = [PartyFields.Name] })))!.Keys);
        Assert.Equal(0, await DbAsync(db => db.CooperationItems.CountAsync(i => i.RequestId == requestId)));

        Assert.Empty((await Requests(r => r.AddItemAsync(inv, requestId, new() { PartyId = w.VictimId, Fields = [PartyFields.BirthYear], Justification = $"FCWHY{w.Tag} she is the only witness to the recruiter" })))!);
        Assert.Empty((await Requests(r => r.AddItemAsync(inv, requestId, new() { PartyId = w.SuspectId, Fields = [PartyFields.Name, PartyFields.BirthYear] })))!);
        Assert.Empty((await Requests(r => r.AddItemAsync(inv, requestId, new() { Question = "Is the company Karvan Turizm registered in Istanbul?" })))!);
        // The same person twice (a retried post) makes no second item.
        Assert.Equal([nameof(CooperationRequests.ItemInput.PartyId)], (await Requests(r => r.AddItemAsync(inv, requestId, new() { PartyId = w.SuspectId, Fields = [PartyFields.Name, PartyFields.BirthYear] })))!.Keys);
        Assert.Equal(3, await DbAsync(db => db.CooperationItems.CountAsync(i => i.RequestId == requestId)));

        // Before submission the Coordinator does not see it, and the attempt is audited.
        Assert.Null(await Requests(r => r.ReadAsync(coordinator, Coordinator, requestId)));
        Assert.True(await DbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == CooperationAudit.Denied.Code && e.ActorUserId == coordinatorUser.Id && e.TargetId == requestId)));
        Assert.DoesNotContain(await Requests(r => r.ListAsync(coordinator, Coordinator)), x => x.Id == requestId);

        Assert.Empty((await Requests(r => r.SubmitAsync(inv, requestId)))!);
        Assert.Contains("", (await Requests(r => r.SubmitAsync(inv, requestId)))!.Keys); // a second submit changes nothing
        Assert.Equal(1, await DbAsync(db => db.CooperationSteps.CountAsync(s => s.RequestId == requestId && s.Kind == CooperationStepKind.Submitted)));
        Assert.True(await DbAsync(db => db.Notifications.AnyAsync(n => n.RecipientInstitutionId == coordinatorUser.InstitutionId && n.Kind == CooperationAudit.SubmittedNotice.Code)));

        // The Coordinator sees the request and exactly its items, never the file.
        var seen = await Requests(r => r.ReadAsync(coordinator, Coordinator, requestId));
        Assert.NotNull(seen);
        Assert.True(seen.AsCoordinator && !seen.AsSquad && seen.MayApprove);
        Assert.Empty(seen.Parties);
        Assert.Equal(3, seen.Items.Count);
        var suspectItem = seen.Items.Single(i => i.Role == PartyRole.Suspect);
        Assert.Equal([(PartyFields.Name, $"FCSUSP{w.Tag}"), (PartyFields.BirthYear, "1979")], suspectItem.Values.Select(v => (v.Field, v.Value)));
        Assert.Equal([PartyFields.BirthYear], seen.Items.Single(i => i.Role == PartyRole.Victim).Values.Select(v => v.Field));
        Assert.Null(await Files(f => f.ReadAsync(coordinator, w.FileId)));
        Assert.DoesNotContain(await Files(f => f.ListAsync(coordinator)), f => f.Id == w.FileId);
        Assert.Contains(await Requests(r => r.ListAsync(coordinator, Coordinator)), x => x.Id == requestId);
        // Neither the prosecutor (who sees the file) nor the Squad sends it.
        Assert.Null(await Requests(r => r.ReadAsync(CaseSteps.ViewerOf(w.Prosecutor, Prosecutor), Prosecutor, requestId)));
        Assert.Contains("", (await Requests(r => r.SendAsync(inv, Investigator, requestId, new() { SentOn = Today, Reference = "X" })))!.Keys);

        // Returned with a reason (none: refused beside the field), edited, submitted again.
        Assert.Equal([nameof(CooperationRequests.ReturnInput.Reason)], (await Requests(r => r.ReturnAsync(coordinator, Coordinator, requestId, new() { Reason = " " })))!.Keys);
        Assert.Empty((await Requests(r => r.ReturnAsync(coordinator, Coordinator, requestId, new() { Reason = "Name the legal basis in the purpose" })))!);
        var returned = await Requests(r => r.ReadAsync(inv, Investigator, requestId));
        Assert.Equal((CooperationStatus.Returned, "Name the legal basis in the purpose"), (returned!.Status, returned.ReturnReason));
        Assert.True(await DbAsync(db => db.Notifications.AnyAsync(n => n.RecipientUserId == w.Lead.Id && n.Kind == CooperationAudit.DecidedNotice.Code)));
        Assert.Empty((await Requests(r => r.UpdateAsync(inv, requestId, Draft(w)))) ?? throw new InvalidOperationException());
        Assert.Empty((await Requests(r => r.SubmitAsync(inv, requestId)))!);

        // Sent: a day in the future is refused; then the values are sealed as sent and each item is audited.
        Assert.Equal([nameof(CooperationRequests.SendInput.SentOn)], (await Requests(r => r.SendAsync(coordinator, Coordinator, requestId, new() { SentOn = Today.AddDays(3), Reference = "MK/1" })))!.Keys);
        Assert.Empty((await Requests(r => r.SendAsync(coordinator, Coordinator, requestId, new() { SentOn = Today, Reference = "MK/2026/0001" })))!);
        Assert.Contains("", (await Requests(r => r.SendAsync(coordinator, Coordinator, requestId, new() { SentOn = Today, Reference = "MK/2026/0001" })))!.Keys);
        var items = await DbAsync(db => db.CooperationItems.AsNoTracking().Where(i => i.RequestId == requestId).ToListAsync());
        Assert.All(items.Where(i => i.PartyId is not null), i => Assert.NotNull(i.SentValuesEnc));
        Assert.All(items.Where(i => i.SentValuesEnc is not null), i => Assert.DoesNotContain($"FCSUSP{w.Tag}", Encoding.UTF8.GetString(i.SentValuesEnc!), StringComparison.Ordinal));
        var itemIds = items.Select(i => i.Id).ToList();
        Assert.Equal(3, await DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == CooperationAudit.ItemSent.Code && itemIds.Contains(e.TargetId!.Value) && e.ActorUserId == coordinatorUser.Id)));
        // What went out stays as it went out, whatever the file says later.
        await DbAsync(async db =>
        {
            var suspect = await db.FileParties.SingleAsync(p => p.Id == w.SuspectId);
            suspect.BirthYear = 1980;
            return await db.SaveChangesAsync();
        });
        var sent = await Requests(r => r.ReadAsync(inv, Investigator, requestId));
        Assert.Equal(CooperationStatus.Sent, sent!.Status);
        Assert.All(sent.Items.Where(i => i.Role is not null), i => Assert.True(i.Snapshot));
        Assert.Equal("1979", sent.Items.Single(i => i.Role == PartyRole.Suspect).Values.Single(v => v.Field == PartyFields.BirthYear).Value);
        Assert.Contains("", (await Requests(r => r.AddItemAsync(inv, requestId, new() { Question = "late" })))!.Keys);

        // The deadline passes: overdue on both home cards; a reminder, a partial reply (still overdue), then the full reply.
        app.Time.Advance(TimeSpan.FromDays(12));
        Assert.Contains((await Requests(r => r.DueAsync(inv, Investigator))).Overdue, x => x.Id == requestId);
        Assert.Contains((await Requests(r => r.DueAsync(coordinator, Coordinator))).Overdue, x => x.Id == requestId);
        using (var session = await app.SessionAsync(w.Lead))
        {
            var home = await session.GetAsync("/");
            Assert.Contains(sent.Number, home.Html, StringComparison.Ordinal);
            var list = await session.GetAsync("/Investigations/Cooperation");
            Assert.NotNull(list.Document.QuerySelector($"tr[data-request='{sent.Number}'] [data-overdue]"));
        }
        using (var session = await app.SessionAsync(coordinatorUser))
            Assert.Contains(sent.Number, (await session.GetAsync("/")).Html, StringComparison.Ordinal);
        Assert.Equal([nameof(CooperationRequests.ReminderInput.On)], (await Requests(r => r.RemindAsync(inv, Investigator, requestId, new() { On = Today.AddDays(-30) })))!.Keys);
        Assert.Empty((await Requests(r => r.RemindAsync(coordinator, Coordinator, requestId, new() { On = Today, Note = "chased by phone" })))!);
        Assert.Equal([nameof(CooperationRequests.ReplyInput.Kind), nameof(CooperationRequests.ReplyInput.Summary)],
            (await Requests(r => r.RecordReplyAsync(inv, Investigator, requestId, new() { On = Today })))!.Keys.Order(StringComparer.Ordinal));
        Assert.Empty((await Requests(r => r.RecordReplyAsync(inv, Investigator, requestId, new() { Kind = ReplyKind.Partial, On = Today, Summary = "Registration confirmed; employer to follow" })))!);
        Assert.Contains((await Requests(r => r.DueAsync(inv, Investigator))).Overdue, x => x.Id == requestId);
        Assert.Empty((await Requests(r => r.RecordReplyAsync(coordinator, Coordinator, requestId, new() { Kind = ReplyKind.Complete, On = Today, Summary = "Employer named" })))!);
        var answered = await Requests(r => r.ReadAsync(inv, Investigator, requestId));
        Assert.Equal((CooperationStatus.Answered, false, Today), (answered!.Status, answered.Overdue, answered.LastReminderOn!.Value));
        Assert.DoesNotContain((await Requests(r => r.DueAsync(inv, Investigator))).Overdue, x => x.Id == requestId);
        Assert.Equal([CooperationStepKind.Drafted, CooperationStepKind.Submitted, CooperationStepKind.Returned, CooperationStepKind.Submitted, CooperationStepKind.Sent,
            CooperationStepKind.Reminder, CooperationStepKind.Reply, CooperationStepKind.Reply], answered.Steps.Select(s => s.Kind));
        Assert.Empty((await Requests(r => r.CloseAsync(inv, requestId)))!);
        // The free text is sealed in the database.
        var purpose = await DbAsync(db => db.CooperationRequests.Where(r => r.Id == requestId).Select(r => r.PurposeEnc).SingleAsync());
        Assert.DoesNotContain($"FCPURP{w.Tag}", Encoding.UTF8.GetString(purpose!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Whoever_filled_a_request_may_not_send_it()
    {
        var w = await WorldAsync();
        // A Squad officer who also holds the Coordinator role cannot approve their own request.
        var both = await UserAsync(InstitutionKind.NationalCoordinator, Coordinator);
        var inv = CaseSteps.ViewerOf(w.Lead, Investigator);
        var (id, _) = await Requests(r => r.CreateAsync(inv, w.FileId, Draft(w)));
        Assert.Empty((await Requests(r => r.AddItemAsync(inv, id!.Value, new() { PartyId = w.WitnessId, Fields = [PartyFields.Name] })))!);
        Assert.Empty((await Requests(r => r.SubmitAsync(inv, id!.Value)))!);
        await DbAsync(async db =>
        {
            var row = await db.CooperationRequests.SingleAsync(r => r.Id == id);
            row.DraftedBy = both.Id;
            return await db.SaveChangesAsync();
        });
        var coordinator = CaseSteps.ViewerOf(both, Coordinator);
        Assert.False((await Requests(r => r.ReadAsync(coordinator, Coordinator, id!.Value)))!.MayApprove);
        Assert.Contains("", (await Requests(r => r.SendAsync(coordinator, Coordinator, id!.Value, new() { SentOn = Today, Reference = "MK/1" })))!.Keys);
        Assert.Equal(CooperationStatus.Submitted, await DbAsync(db => db.CooperationRequests.Where(r => r.Id == id).Select(r => r.Status).SingleAsync()));
    }

    [Fact]
    public async Task The_API_drafts_once_per_key_refuses_bad_input_in_the_callers_language_and_the_Coordinator_sends()
    {
        var w = await WorldAsync();
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(w.Lead, Scopes));
        var body = new
        {
            country = "TUR",
            authority = "Interpol NCB Ankara",
            channel = "Interpol",
            assistance = "LocatePerson",
            urgency = "Normal",
            purpose = $"FCPURP{w.Tag}",
            deadline = Day(Today.AddDays(20)),
            items = new object[] { new { partyId = w.SuspectId, fields = new[] { "Name", "Citizenship" } }, new { question = "Current address?" } },
        };
        var key = Guid.NewGuid().ToString();
        HttpRequestMessage Post(object content, string? idempotencyKey) => new(HttpMethod.Post, $"/api/v1/investigations/{w.FileId}/cooperation-requests")
        {
            Content = JsonContent.Create(content),
            Headers = { { "Idempotency-Key", idempotencyKey ?? Guid.NewGuid().ToString() } },
        };
        using var first = await client.SendAsync(Post(body, key));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        using var second = await client.SendAsync(Post(body, key));
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var id = JsonDocument.Parse(await first.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid();
        Assert.Equal(id, JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetGuid());
        Assert.Equal(1, await DbAsync(db => db.CooperationRequests.CountAsync(r => r.FileId == w.FileId)));
        Assert.Equal(2, await DbAsync(db => db.CooperationItems.CountAsync(i => i.RequestId == id)));

        // A victim without a justification, in Russian, beside the item's field; nothing written.
        var before = await StateAsync(w.FileId);
        using var ru = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/investigations/{w.FileId}/cooperation-requests")
        {
            Content = JsonContent.Create(new
            {
                country = "TUR",
                authority = "X",
                channel = "Interpol",
                assistance = "Information",
                urgency = "Normal",
                purpose = "p",
                deadline = Day(Today.AddDays(5)),
                items = new object[] { new { partyId = w.VictimId, fields = new[] { "Name" } } }
            }),
            Headers = { { "Idempotency-Key", Guid.NewGuid().ToString() }, { "Accept-Language", "ru" } },
        };
        using var refused = await client.SendAsync(ru);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        var justification = problem.EnumerateObject().Single(p => p.Name.EndsWith("justification", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("пострадавш", justification.Value[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync(w.FileId));

        // The draft is changed before it goes: a bad deadline is refused beside its field, a good change is kept.
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PutAsJsonAsync($"/api/v1/cooperation-requests/{id}",
            new { country = "GEO", authority = "Police of Georgia", channel = "BilateralAgreement", assistance = "LocatePerson", urgency = "Urgent", purpose = $"FCPURP{w.Tag}", deadline = Day(Today.AddYears(3)) })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsJsonAsync($"/api/v1/cooperation-requests/{id}",
            new { country = "GEO", authority = "Police of Georgia", channel = "BilateralAgreement", assistance = "LocatePerson", urgency = "Urgent", purpose = $"FCPURP{w.Tag}", deadline = Day(Today.AddDays(25)) })).StatusCode);
        Assert.Equal(("GEO", Today.AddDays(25)), await DbAsync(db => db.CooperationRequests.Where(r => r.Id == id).Select(r => new ValueTuple<string, DateOnly>(r.Country, r.Deadline)).SingleAsync()));
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"/api/v1/cooperation-requests/{id}/submit", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PutAsJsonAsync($"/api/v1/cooperation-requests/{id}",
            new { country = "GEO", authority = "Police of Georgia", channel = "BilateralAgreement", assistance = "LocatePerson", urgency = "Urgent", purpose = "late", deadline = Day(Today.AddDays(25)) })).StatusCode);
        var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/investigations/{w.FileId}/cooperation-requests");
        Assert.Equal("Submitted", list[0].GetProperty("status").GetString());

        var coordinatorUser = await app.CreateUserAsync(InstitutionKind.NationalCoordinator, Coordinator);
        using var coordinator = app.CreateClient();
        coordinator.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(coordinatorUser, Scopes));
        var doc = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/cooperation-requests/{id}");
        Assert.Equal(2, doc.GetProperty("items").GetArrayLength());
        // The file's own list is the Squad's, not the Coordinator's.
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/api/v1/investigations/{w.FileId}/cooperation-requests")).StatusCode);
        using var badSend = await coordinator.PostAsJsonAsync($"/api/v1/cooperation-requests/{id}/send", new { sentOn = Day(Today.AddDays(9)), reference = "" });
        Assert.Equal(HttpStatusCode.BadRequest, badSend.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await coordinator.PostAsJsonAsync($"/api/v1/cooperation-requests/{id}/send", new { sentOn = Day(Today), reference = "MK/7" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await coordinator.PostAsJsonAsync($"/api/v1/cooperation-requests/{id}/send", new { sentOn = Day(Today), reference = "MK/7" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync($"/api/v1/cooperation-requests/{id}/replies", new { kind = "Partial", on = Day(Today), summary = "address known" })).StatusCode);
        var after = await client.GetFromJsonAsync<JsonElement>($"/api/v1/cooperation-requests/{id}");
        Assert.Equal("PartlyAnswered", after.GetProperty("status").GetString());
        Assert.All(after.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("partyId").ValueKind != JsonValueKind.Null), i => Assert.True(i.GetProperty("sent").GetBoolean()));
    }

    [Fact]
    public async Task The_pages_refuse_bad_input_beside_each_field_and_walk_a_draft_to_submission()
    {
        var w = await WorldAsync();
        using var session = await app.SessionAsync(w.Lead);
        var file = await session.GetAsync($"/Investigations/File/{w.FileId}");
        Assert.NotNull(file.Document.QuerySelector("[data-new-request]"));
        var form = await session.GetAsync($"/Investigations/File/{w.FileId}/Cooperation/New");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        var refused = await session.SubmitAsync(form, "form[data-draft-form]", new Dictionary<string, string> { ["Draft.Authority"] = "" });
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.NotNull(refused.Document.QuerySelector(".govuk-error-summary"));
        Assert.True(refused.Document.QuerySelectorAll(".govuk-error-message").Length >= 5);
        Assert.Equal("|0|0|0", await StateAsync(w.FileId));

        var drafted = await session.SubmitAsync(refused, "form[data-draft-form]", new Dictionary<string, string>
        {
            ["Draft.Country"] = "TUR",
            ["Draft.Authority"] = "Interpol NCB Ankara",
            ["Draft.Channel"] = "Interpol",
            ["Draft.Assistance"] = "Information",
            ["Draft.Urgency"] = "Normal",
            ["Draft.Purpose"] = $"FCPURP{w.Tag}",
            ["Draft.Deadline.Day"] = Today.AddDays(14).Day.ToString(CultureInfo.InvariantCulture),
            ["Draft.Deadline.Month"] = Today.AddDays(14).Month.ToString(CultureInfo.InvariantCulture),
            ["Draft.Deadline.Year"] = Today.AddDays(14).Year.ToString(CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.OK, drafted.Status);
        Assert.NotNull(drafted.Document.QuerySelector("[data-item-form]"));
        var badChange = await session.SubmitAsync(drafted, "form[data-change-form]", new Dictionary<string, string> { ["Draft.Authority"] = "", ["Draft.Purpose"] = $"FCPURP{w.Tag}" });
        Assert.NotNull(badChange.Document.QuerySelector(".govuk-error-summary"));
        Assert.Contains("Draft.Authority", badChange.Html, StringComparison.Ordinal);
        Assert.Equal("Interpol NCB Ankara", await DbAsync(db => db.CooperationRequests.Where(r => r.FileId == w.FileId).Select(r => r.Authority).SingleAsync()));
        var noWhy = await session.SubmitAsync(drafted, "form[data-item-form]", new Dictionary<string, string> { ["Item.PartyId"] = w.VictimId.ToString(), ["Item.Fields"] = "Name" });
        Assert.Contains("Item.Justification", noWhy.Html, StringComparison.Ordinal);
        Assert.NotNull(noWhy.Document.QuerySelector(".govuk-error-summary"));
        var added = await session.SubmitAsync(noWhy, "form[data-item-form]", new Dictionary<string, string>
        {
            ["Item.PartyId"] = w.SuspectId.ToString(),
            ["Item.Fields"] = WebSession.Many("Name", "BirthYear"),
            ["Item.Justification"] = "",
        });
        Assert.Single(added.Document.QuerySelectorAll("[data-items] > li"));
        var submitted = await session.SubmitAsync(added, "form[data-submit-form]");
        Assert.Equal("Submitted", submitted.Document.QuerySelector("[data-request-header]")?.GetAttribute("data-status"));
        Assert.Null(submitted.Document.QuerySelector("[data-item-form]"));
    }

    public static TheoryData<string> Outsiders() =>
    [
        "another Squad's investigator", "the owning Squad's investigator (not its chief)", "the prosecutor who sees the file", "the Coordinator before submission",
        "an analyst of the Coordinator's office", "a shelter worker",
    ];

    [Theory]
    [MemberData(nameof(Outsiders))]
    public async Task An_outsider_gets_404_on_every_cooperation_page_and_endpoint_as_for_a_random_id_and_changes_nothing(string who)
    {
        var w = await WorldAsync();
        var inv = CaseSteps.ViewerOf(w.Lead, Investigator);
        var (id, _) = await Requests(r => r.CreateAsync(inv, w.FileId, Draft(w)));
        var requestId = id!.Value;
        Assert.Empty((await Requests(r => r.AddItemAsync(inv, requestId, new() { PartyId = w.VictimId, Fields = [PartyFields.Name], Justification = $"FCWHY{w.Tag}" })))!);
        var itemId = await DbAsync(db => db.CooperationItems.Where(i => i.RequestId == requestId).Select(i => i.Id).SingleAsync());
        var (user, roles) = who switch
        {
            "another Squad's investigator" => (await UserAsync(InstitutionKind.AntiTraffickingSquad, Investigator), Investigator),
            "the owning Squad's investigator (not its chief)" => (await UserAsync(InstitutionKind.AntiTraffickingSquad, Investigator, w.Lead.InstitutionId), Investigator),
            "the prosecutor who sees the file" => (w.Prosecutor, Prosecutor),
            "the Coordinator before submission" => (await UserAsync(InstitutionKind.NationalCoordinator, Coordinator), Coordinator),
            "an analyst of the Coordinator's office" => (await UserAsync(InstitutionKind.NationalCoordinator, [RoleCatalog.Analyst]), new[] { RoleCatalog.Analyst }),
            "a shelter worker" => (await UserAsync(InstitutionKind.Shelter, [RoleCatalog.SocialWorker]), new[] { RoleCatalog.SocialWorker }),
            _ => throw new ArgumentOutOfRangeException(nameof(who)),
        };
        if (who is "an analyst of the Coordinator's office" or "a shelter worker")
            Assert.Empty((await Requests(r => r.SubmitAsync(inv, requestId)))!); // submitted: still not theirs
        var before = await StateAsync(w.FileId);
        var viewer = CaseSteps.ViewerOf(user, roles);
        Assert.Null(await Requests(r => r.ReadAsync(viewer, roles, requestId)));
        Assert.DoesNotContain(await Requests(r => r.ListAsync(viewer, roles)), x => x.Id == requestId);

        var today = Day(Today);
        using var session = await app.SessionAsync(user);
        var page = await session.GetAsync("/Investigations");
        var token = page.Document.QuerySelector("input[name=__csrf]")?.GetAttribute("value");
        Task<HttpResponseMessage> Form(string url, Dictionary<string, string> fields)
        {
            if (token is not null)
                fields["__csrf"] = token;
            return session.Client.PostAsync(url, new FormUrlEncodedContent(fields));
        }
        List<(string Name, Func<Guid, Guid, Task<HttpResponseMessage>> Send)> pages =
        [
            ("GET request", (r, _) => session.Client.GetAsync($"/Investigations/Cooperation/{r}")),
            ("GET new", (_, f) => session.Client.GetAsync($"/Investigations/File/{f}/Cooperation/New")),
            ("POST new", (_, f) => Form($"/Investigations/File/{f}/Cooperation/New", new() { ["Draft.Country"] = "TUR", ["Draft.Authority"] = "FCFORGED", ["Draft.Channel"] = "Interpol",
                ["Draft.Assistance"] = "Information", ["Draft.Urgency"] = "Normal", ["Draft.Purpose"] = "FCFORGED", ["Draft.Deadline"] = today })),
            ("POST change", (r, _) => Form($"/Investigations/Cooperation/{r}?handler=Change", new() { ["Draft.Country"] = "TUR", ["Draft.Authority"] = "FCFORGED", ["Draft.Channel"] = "Interpol",
                ["Draft.Assistance"] = "Information", ["Draft.Urgency"] = "Normal", ["Draft.Purpose"] = "FCFORGED", ["Draft.Deadline"] = today })),
            ("POST item", (r, _) => Form($"/Investigations/Cooperation/{r}?handler=Item", new() { ["Item.Question"] = "FCFORGED" })),
            ("POST remove", (r, _) => Form($"/Investigations/Cooperation/{r}?handler=Remove", new() { ["ItemId"] = itemId.ToString() })),
            ("POST submit", (r, _) => Form($"/Investigations/Cooperation/{r}?handler=Submit", [])),
            ("POST return", (r, _) => Form($"/Investigations/Cooperation/{r}?handler=Return", new() { ["Return.Reason"] = "FCFORGED" })),
            ("POST send", (r, _) => Form($"/Investigations/Cooperation/{r}?handler=Send", new() { ["Send.SentOn"] = today, ["Send.Reference"] = "FCFORGED" })),
            ("POST reply", (r, _) => Form($"/Investigations/Cooperation/{r}?handler=Reply", new() { ["Reply.Kind"] = "Complete", ["Reply.On"] = today, ["Reply.Summary"] = "FCFORGED" })),
            ("POST reminder", (r, _) => Form($"/Investigations/Cooperation/{r}?handler=Reminder", new() { ["Reminder.On"] = today })),
            ("POST close", (r, _) => Form($"/Investigations/Cooperation/{r}?handler=Close", [])),
        ];
        foreach (var (name, send) in pages)
        {
            using var real = await send(requestId, w.FileId);
            using var random = await send(Guid.NewGuid(), Guid.NewGuid());
            Assert.True(real.StatusCode == HttpStatusCode.NotFound, $"{who}: page {name}: {(int)real.StatusCode}");
            Assert.Equal(random.StatusCode, real.StatusCode);
            NoSecrets($"page {name}", await real.Content.ReadAsStringAsync(), w.Secrets);
        }
        var listPage = await session.GetAsync("/Investigations/Cooperation");
        Assert.True(listPage.Status is HttpStatusCode.OK or HttpStatusCode.Forbidden or HttpStatusCode.NotFound);
        Assert.DoesNotContain(requestId.ToString(), listPage.Html, StringComparison.OrdinalIgnoreCase);
        NoSecrets("list page", listPage.Html, w.Secrets);
        NoSecrets("home page", (await session.GetAsync("/")).Html, w.Secrets);

        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(user, Scopes));
        List<(string Name, Func<Guid, Guid, Task<HttpResponseMessage>> Send)> api =
        [
            ("GET request", (r, _) => client.GetAsync($"/api/v1/cooperation-requests/{r}")),
            ("GET file list", (_, f) => client.GetAsync($"/api/v1/investigations/{f}/cooperation-requests")),
            ("POST draft", (_, f) => client.SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/v1/investigations/{f}/cooperation-requests")
            {
                Content = JsonContent.Create(new { country = "TUR", authority = "FCFORGED", channel = "Interpol", assistance = "Information", urgency = "Normal", purpose = "FCFORGED", deadline = today }),
                Headers = { { "Idempotency-Key", Guid.NewGuid().ToString() } },
            })),
            ("PUT request", (r, _) => client.PutAsJsonAsync($"/api/v1/cooperation-requests/{r}",
                new { country = "TUR", authority = "FCFORGED", channel = "Interpol", assistance = "Information", urgency = "Normal", purpose = "FCFORGED", deadline = today })),
            ("POST item", (r, _) => PostKeyedAsync(client, $"/api/v1/cooperation-requests/{r}/items", new { question = "FCFORGED" })),
            ("DELETE item", (r, _) => client.DeleteAsync($"/api/v1/cooperation-requests/{r}/items/{itemId}")),
            ("POST submit", (r, _) => client.PostAsync($"/api/v1/cooperation-requests/{r}/submit", null)),
            ("POST return", (r, _) => client.PostAsJsonAsync($"/api/v1/cooperation-requests/{r}/return", new { reason = "FCFORGED" })),
            ("POST send", (r, _) => client.PostAsJsonAsync($"/api/v1/cooperation-requests/{r}/send", new { sentOn = today, reference = "FCFORGED" })),
            ("POST reply", (r, _) => client.PostAsJsonAsync($"/api/v1/cooperation-requests/{r}/replies", new { kind = "Complete", on = today, summary = "FCFORGED" })),
            ("POST reminder", (r, _) => client.PostAsJsonAsync($"/api/v1/cooperation-requests/{r}/reminders", new { on = today })),
            ("POST close", (r, _) => client.PostAsync($"/api/v1/cooperation-requests/{r}/close", null)),
        ];
        foreach (var (name, send) in api)
        {
            using var real = await send(requestId, w.FileId);
            using var random = await send(Guid.NewGuid(), Guid.NewGuid());
            Assert.True(real.StatusCode == HttpStatusCode.NotFound, $"{who}: API {name}: {(int)real.StatusCode}");
            Assert.Equal(random.StatusCode, real.StatusCode);
            NoSecrets($"API {name}", await real.Content.ReadAsStringAsync(), w.Secrets);
        }
        Assert.Equal(before, await StateAsync(w.FileId));
        Assert.True(await DbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == CooperationAudit.Denied.Code && e.ActorUserId == user.Id && e.TargetId == requestId)));
    }

    private static void NoSecrets(string probe, string body, IEnumerable<string> secrets)
    {
        foreach (var secret in secrets)
            Assert.False(body.Contains(secret, StringComparison.OrdinalIgnoreCase), $"{probe} carries {secret}");
    }
}

// On PostgreSQL only (the production database): this class tests a feature, not the database. Its pages' queries run on SQLite
// too, in the sweep of every handler (SweepTests) and the crawl of every page by every role (UniqueIdTests).
public sealed class CooperationTestsOnPostgres(PostgresApp app) : CooperationTests(app), IClassFixture<PostgresApp>;
