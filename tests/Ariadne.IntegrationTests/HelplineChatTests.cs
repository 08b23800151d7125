using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Features.Helpline;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.IntegrationTests;

/// <summary>
/// The anonymous web chat (issue 14, part 3), over HTTP: a visitor without an account starts a chat and writes (scrubbed of
/// contact details, sealed), an operator of the helpline takes it (a web-chat contact opens), replies, and the visitor reads the
/// reply; ending without consent deletes the messages and destroys the key, with consent keeps them and marks the contact.
/// The token travels in a header only; nobody else reads or takes a chat; limits and bad input get clear, localized answers.
/// </summary>
public abstract class HelplineChatTests(AriadneApp app)
{
    private static readonly string[] Operator = [RoleCatalog.HelplineOperator];

    private Task<T> DbAsync<T>(Func<AriadneDbContext, Task<T>> query) => app.WithScopeAsync(sp => query(sp.GetRequiredService<AriadneDbContext>()));

    private HttpClient Visitor() => app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });

    private static HttpRequestMessage Request(HttpMethod method, string url, string? token, object? body = null, string lang = "en")
    {
        var request = new HttpRequestMessage(method, url);
        if (token is not null)
            request.Headers.Add(ChatEndpoints.TokenHeader, token);
        request.Headers.Add("X-Chat-Lang", lang);
        if (body is not null)
            request.Content = JsonContent.Create(body);
        return request;
    }

    private static async Task<string> StartAsync(HttpClient client, string lang = "en")
    {
        var request = Request(HttpMethod.Post, "/chat/start", null, new { language = lang }, lang);
        request.Headers.Add(ChatEndpoints.StartHeader, "1");
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var token = body.GetProperty("token").GetString()!;
        Assert.True(token.Length >= 43);
        return token;
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string? token, string id, string text, bool? keep = null, string lang = "en") =>
        client.SendAsync(Request(HttpMethod.Post, "/chat/send", token, new { clientMessageId = id, text, keep }, lang));

    private static async Task<JsonElement> ReadAsync(HttpClient client, string token, int after = 0)
    {
        var response = await client.SendAsync(Request(HttpMethod.Get, $"/chat/messages?after={after}", token));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private Task<ChatSession> SessionAsync(string token)
    {
        var hash = ChatService.Hash(token);
        return DbAsync(db => db.ChatSessions.AsNoTracking().SingleAsync(s => s.TokenHash == hash));
    }

    private Task<TestUser> OperatorAsync() => app.CreateUserAsync(InstitutionKind.Helpline, Operator, [TrainingTopic.Helpline]);

    /// <summary>The operator signs in, takes the chat from the console's queue and replies; returns the console's session.</summary>
    private async Task<(WebSession Console, WebSession.Page Page)> TakeAndReplyAsync(TestUser user, Guid sessionId, string reply)
    {
        var console = app.NewSession();
        await console.SignInAsync(app, user);
        var queue = await console.GetAsync("/Helpline/Chats");
        Assert.Equal(HttpStatusCode.OK, queue.Status);
        var taken = await console.SubmitAsync(queue, $"li[data-chat-row='{sessionId}'] form");
        Assert.Equal(HttpStatusCode.OK, taken.Status);
        Assert.NotNull(taken.Document.QuerySelector("form[data-chat-reply]"));
        var replied = await console.SubmitAsync(taken, "form[data-chat-reply]", new Dictionary<string, string> { ["text"] = reply });
        Assert.Equal(HttpStatusCode.OK, replied.Status);
        return (console, replied);
    }

    private static async Task<(string Kind, JsonElement Data)> NextEventAsync(StreamReader reader, CancellationToken ct)
    {
        var (kind, data) = ("message", (string?)null);
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
                kind = line[7..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
                data = line[6..];
            else if (line.Length == 0 && data is not null)
                return (kind, JsonDocument.Parse(data).RootElement.Clone());
        }
        throw new InvalidOperationException("The stream ended.");
    }

    [Fact]
    public async Task The_console_stream_wakes_for_its_helplines_queue_and_for_the_chats_the_operator_holds()
    {
        // The test's clock never moves, so the stream's own poll never fires: every event below comes from a signal.
        var user = await OperatorAsync();
        using var console = app.NewSession();
        await console.SignInAsync(app, user);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await console.Client.GetAsync("/helpline/chats/stream", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var (kind, first) = await NextEventAsync(reader, timeout.Token);
        Assert.Equal("queue", kind);
        var waiting = first.GetProperty("waiting").GetInt32();

        // A visitor starts a chat: the queue grows.
        using var visitor = Visitor();
        var token = await StartAsync(visitor);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(visitor, token, "s-1", "Is anyone there?")).StatusCode);
        (kind, var grown) = await NextEventAsync(reader, timeout.Token);
        Assert.Equal(("queue", waiting + 1), (kind, grown.GetProperty("waiting").GetInt32()));

        // The operator takes it (the queue shrinks), then the visitor writes: the message reaches the console through the chat's signal.
        var session = await SessionAsync(token);
        var queue = await console.GetAsync("/Helpline/Chats");
        Assert.Equal(HttpStatusCode.OK, (await console.SubmitAsync(queue, $"li[data-chat-row='{session.Id}'] form")).Status);
        (kind, var shrunk) = await NextEventAsync(reader, timeout.Token);
        Assert.Equal(("queue", waiting), (kind, shrunk.GetProperty("waiting").GetInt32()));
        // (The chat's first message comes with the take, as the chat is new to the stream.)
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(visitor, token, "s-2", "I am at the bus station")).StatusCode);
        JsonElement said;
        do
            (kind, said) = await NextEventAsync(reader, timeout.Token);
        while (kind != "chat" || !said.GetProperty("messages").EnumerateArray().Any(m => m.GetProperty("seq").GetInt32() == 2));
        Assert.Equal(session.Id, said.GetProperty("id").GetGuid());
        var message = said.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("seq").GetInt32() == 2);
        Assert.Equal("I am at the bus station", message.GetProperty("text").GetString());

        // The visitor leaves: the console hears that the chat ended.
        Assert.Equal(HttpStatusCode.NoContent, (await visitor.SendAsync(Request(HttpMethod.Post, "/chat/end", token, new { keep = false }))).StatusCode);
        JsonElement ended;
        do
            (kind, ended) = await NextEventAsync(reader, timeout.Token);
        while (kind != "chat");
        Assert.Equal(session.Id, ended.GetProperty("id").GetGuid());
        Assert.True(ended.GetProperty("ended").GetBoolean());
    }

    [Fact]
    public async Task A_chat_runs_from_the_visitor_to_the_operator_and_ends_without_consent_deleting_everything()
    {
        var user = await OperatorAsync();
        using var visitor = Visitor();
        var page = await visitor.GetAsync("/chat?lang=ru");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.False(page.Headers.Contains("Set-Cookie"));
        Assert.Contains("Быстрый выход", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var token = await StartAsync(visitor);
        var secret = "They keep my passport, call me on +994 50 123 45 67 or write to aygun.m@example.az";
        var sent = await SendAsync(visitor, token, "m-1", secret);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.False(sent.Headers.Contains("Set-Cookie"));

        var session = await SessionAsync(token);
        Assert.Equal(user.InstitutionId, session.InstitutionId);
        Assert.Null(session.TakenAt);
        // Sealed: the stored bytes hold neither the text nor the removed details.
        var stored = await DbAsync(db => db.ChatMessages.AsNoTracking().SingleAsync(m => m.SessionId == session.Id));
        var raw = Encoding.UTF8.GetString(stored.TextEnc!);
        Assert.DoesNotContain("passport", raw, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("123 45 67", raw, StringComparison.Ordinal);
        Assert.Equal((1, true), (stored.Seq, stored.FromVisitor));

        var (console, replied) = await TakeAndReplyAsync(user, session.Id, "You are safe to talk here. Are you in danger now?");
        // The operator sees the scrubbed text.
        var shown = replied.Document.QuerySelector("p[data-seq='1']")!.TextContent;
        Assert.Contains("They keep my passport", shown, StringComparison.Ordinal);
        Assert.Contains(ChatScrubber.Removed, shown, StringComparison.Ordinal);
        Assert.DoesNotContain("123 45 67", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("example.az", shown, StringComparison.Ordinal);

        session = await SessionAsync(token);
        Assert.Equal(user.Id, session.TakenBy);
        var contact = await DbAsync(db => db.HelplineContacts.AsNoTracking().SingleAsync(c => c.Id == session.ContactId));
        Assert.Equal((ContactChannel.WebChat, user.InstitutionId, (Guid?)user.Id), (contact.Channel, contact.InstitutionId, contact.OperatorId));

        var view = await ReadAsync(visitor, token, 1);
        Assert.True(view.GetProperty("taken").GetBoolean());
        var reply = Assert.Single(view.GetProperty("messages").EnumerateArray());
        Assert.Equal("You are safe to talk here. Are you in danger now?", reply.GetProperty("text").GetString());
        Assert.False(reply.GetProperty("fromVisitor").GetBoolean());
        Assert.Equal(2, reply.GetProperty("seq").GetInt32());

        var end = await visitor.SendAsync(Request(HttpMethod.Post, "/chat/end", token, new { keep = false }));
        Assert.Equal(HttpStatusCode.NoContent, end.StatusCode);
        Assert.Equal(0, await DbAsync(db => db.ChatMessages.CountAsync(m => m.SessionId == session.Id)));
        var key = await DbAsync(db => db.DataKeys.AsNoTracking().SingleAsync(k => k.Id == session.DataKeyId));
        Assert.Null(key.WrappedKey);
        Assert.False(await DbAsync(db => db.HelplineContacts.Where(c => c.Id == session.ContactId).Select(c => c.TranscriptKept).SingleAsync()));
        Assert.Equal(1, await DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == ChatAudit.Ended.Code && e.TargetId == session.Id && e.Outcome == AuditOutcome.Allowed)));
        Assert.Equal(1, await DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == ChatAudit.Started.Code && e.TargetId == session.Id)));
        Assert.Equal(1, await DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == ChatAudit.Taken.Code && e.TargetId == session.Id && e.ActorUserId == user.Id)));

        // After the end, nothing more is taken and nothing is shown.
        var late = await SendAsync(visitor, token, "m-2", "one more");
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Empty((await ReadAsync(visitor, token)).GetProperty("messages").EnumerateArray());
        console.Dispose();
    }

    [Fact]
    public async Task With_consent_the_transcript_stays_sealed_and_the_contact_is_marked()
    {
        var user = await OperatorAsync();
        using var visitor = Visitor();
        var token = await StartAsync(visitor, "az");
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(visitor, token, "a1", "Məni işə aparıblar, sənədlərimi götürüblər", keep: true)).StatusCode);
        var session = await SessionAsync(token);
        Assert.Equal("az", session.Language);
        var (console, _) = await TakeAndReplyAsync(user, session.Id, "Sizə kömək edəcəyik.");
        console.Dispose();

        var end = await visitor.SendAsync(Request(HttpMethod.Post, "/chat/end", token, new { keep = true }));
        Assert.Equal(HttpStatusCode.NoContent, end.StatusCode);
        Assert.Equal(2, await DbAsync(db => db.ChatMessages.CountAsync(m => m.SessionId == session.Id)));
        session = await SessionAsync(token);
        Assert.True(session.ConsentToKeep);
        Assert.NotNull(session.EndedAt);
        Assert.NotNull(await DbAsync(db => db.DataKeys.Where(k => k.Id == session.DataKeyId).Select(k => k.WrappedKey).SingleAsync()));
        var contact = await DbAsync(db => db.HelplineContacts.AsNoTracking().SingleAsync(c => c.Id == session.ContactId));
        Assert.True(contact.TranscriptKept);
        Assert.Equal("az", contact.Language);

        // The operator's read of the kept transcript is audited.
        var before = await DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == ChatAudit.TranscriptViewed.Code && e.TargetId == session.Id));
        var transcript = await app.WithScopeAsync(sp => sp.GetRequiredService<ChatService>().ReadAsync(CaseSteps.ViewerOf(user, Operator), Operator, session.Id, 0));
        Assert.Equal(["Məni işə aparıblar, sənədlərimi götürüblər", "Sizə kömək edəcəyik."], transcript!.Messages.Select(m => m.Text));
        Assert.Equal(before + 1, await DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == ChatAudit.TranscriptViewed.Code && e.TargetId == session.Id)));
    }

    [Fact]
    public async Task A_retried_send_stores_one_message()
    {
        await OperatorAsync();
        using var visitor = Visitor();
        var token = await StartAsync(visitor);
        var first = await SendAsync(visitor, token, "retry-1", "Is anyone there?");
        var again = await SendAsync(visitor, token, "retry-1", "Is anyone there?");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("seq").GetInt32(),
            (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("seq").GetInt32());
        var session = await SessionAsync(token);
        Assert.Equal(1, await DbAsync(db => db.ChatMessages.CountAsync(m => m.SessionId == session.Id)));
        Assert.Single((await ReadAsync(visitor, token)).GetProperty("messages").EnumerateArray());
    }

    [Fact]
    public async Task Messages_sent_while_the_visitor_ends_the_chat_are_stored_before_the_end_or_refused_as_ended()
    {
        // Found by the load run: a send that had read the chat open met the end's shredded key and failed with a 500.
        await OperatorAsync();
        using var visitor = Visitor();
        var token = await StartAsync(visitor);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(visitor, token, "race-0", "Hello")).StatusCode);
        var session = await SessionAsync(token);

        Task<ChatService.SendResult> Send(int i) =>
            app.WithScopeAsync(sp => sp.GetRequiredService<ChatService>().SendAsync(token, $"race-{i}", $"message {i}"));
        var sends = Enumerable.Range(1, 10).Select(Send).ToList();
        var end = app.WithScopeAsync(sp => sp.GetRequiredService<ChatService>().EndAsync(token, keepTranscript: false));
        sends.AddRange(Enumerable.Range(11, 10).Select(Send));

        Assert.True(await end);
        var results = await Task.WhenAll(sends);
        Assert.All(results, r => Assert.Contains(r.Status, new[] { ChatService.SendStatus.Sent, ChatService.SendStatus.Ended }));
        // Ended without consent: no message is left behind, whenever it was sent, and the key is gone.
        Assert.Equal(0, await DbAsync(db => db.ChatMessages.CountAsync(m => m.SessionId == session.Id)));
        Assert.Null((await DbAsync(db => db.DataKeys.AsNoTracking().SingleAsync(k => k.Id == session.DataKeyId))).WrappedKey);
        Assert.Equal(1, await DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == ChatAudit.Ended.Code && e.TargetId == session.Id && e.Outcome == AuditOutcome.Allowed)));
    }

    [Fact]
    public async Task The_token_travels_in_a_header_only_and_a_missing_or_wrong_one_gets_nothing()
    {
        await OperatorAsync();
        using var visitor = Visitor();
        var token = await StartAsync(visitor);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(visitor, token, "t1", "My secret words")).StatusCode);
        var session = await SessionAsync(token);

        foreach (var (url, method) in new[] { ("/chat/messages?after=0", HttpMethod.Get), ("/chat/stream", HttpMethod.Get) })
        {
            var none = await visitor.SendAsync(Request(method, url, null));
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
            Assert.DoesNotContain("secret", await none.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            var wrong = await visitor.SendAsync(Request(method, url, ChatService.NewToken()));
            Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
            Assert.DoesNotContain("secret", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        // In the address, a token is not read.
        var inUrl = await visitor.SendAsync(Request(HttpMethod.Get, $"/chat/messages?after=0&token={Uri.EscapeDataString(token)}", null));
        Assert.Equal(HttpStatusCode.Unauthorized, inUrl.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(visitor, ChatService.NewToken(), "t2", "hello")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(visitor, null, "t3", "hello")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.SendAsync(Request(HttpMethod.Post, "/chat/end", ChatService.NewToken(), new { keep = false }))).StatusCode);
        // A start without the chat's header (what a cross-site form would send), or from another origin, is refused.
        Assert.Equal(HttpStatusCode.Unauthorized, (await visitor.SendAsync(Request(HttpMethod.Post, "/chat/start", null, new { language = "en" }))).StatusCode);
        var crossSite = Request(HttpMethod.Post, "/chat/send", token, new { clientMessageId = "t4", text = "hello" });
        crossSite.Headers.Add("Origin", "https://evil.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await visitor.SendAsync(crossSite)).StatusCode);

        Assert.Equal(1, await DbAsync(db => db.ChatMessages.CountAsync(m => m.SessionId == session.Id)));
        Assert.Null((await SessionAsync(token)).EndedAt);
        // The token itself is stored nowhere.
        Assert.NotEqual(token, session.TokenHash);
        Assert.Equal(64, session.TokenHash.Length);
    }

    [Fact]
    public async Task Nobody_but_the_helplines_staff_takes_or_reads_a_chat_and_refusals_are_audited()
    {
        await OperatorAsync();
        using var visitor = Visitor();
        var token = await StartAsync(visitor);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(visitor, token, "x1", "Private words")).StatusCode);
        var session = await SessionAsync(token);

        // Another institution's helpline staff.
        var other = new Viewer(Guid.NewGuid(), Guid.NewGuid(), []);
        await app.WithScopeAsync(async sp =>
        {
            var chats = sp.GetRequiredService<ChatService>();
            Assert.Null(await chats.TakeAsync(other, Operator, session.Id));
            Assert.Null(await chats.ReadAsync(other, Operator, session.Id, 0));
            Assert.Equal(ChatService.SendStatus.NotFound, (await chats.ReplyAsync(other, Operator, session.Id, "r1", "hello")).Status);
            Assert.False(await chats.EndAsync(other, Operator, session.Id));
            Assert.DoesNotContain((await chats.WaitingAsync(other, Operator))!, r => r.Id == session.Id);
        });
        foreach (var action in new[] { ChatAudit.Taken, ChatAudit.TranscriptViewed, ChatAudit.Replied, ChatAudit.Ended })
            Assert.Equal(1, await DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == action.Code && e.TargetId == session.Id && e.Outcome == AuditOutcome.Denied
                && e.ActorUserId == other.UserId)));

        // Someone signed in who is not helpline staff: refused over HTTP, nothing shown.
        var manager = await app.ShelterManagerAsync();
        using var web = app.NewSession();
        await web.SignInAsync(app, manager);
        Assert.Equal(HttpStatusCode.Forbidden, (await web.Client.GetAsync("/helpline/chats/stream")).StatusCode);
        var read = await web.Client.GetAsync($"/Helpline/Chats?handler=Messages&id={session.Id}&after=0");
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.DoesNotContain("Private", await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, (await web.GetAsync("/Helpline/Chats", follow: false)).Status);
        Assert.Equal(1, await DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == ChatAudit.TranscriptViewed.Code && e.TargetId == session.Id
            && e.Outcome == AuditOutcome.Denied && e.ActorUserId == manager.Id)));
        session = await SessionAsync(token);
        Assert.Null(session.TakenAt);
        Assert.Null(session.ContactId);
    }

    [Fact]
    public async Task Bad_input_gets_a_clear_localized_error_and_changes_nothing()
    {
        await OperatorAsync();
        using var visitor = Visitor();
        var token = await StartAsync(visitor, "ru");
        var session = await SessionAsync(token);

        var empty = await SendAsync(visitor, token, "b1", "   ", lang: "ru");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("Напишите сообщение.", (await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        var tooLong = await SendAsync(visitor, token, "b2", new string('a', ChatService.MaxText + 1));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("A message can be at most 2000 characters long. Send it in parts.", (await tooLong.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        var azeri = await SendAsync(visitor, token, "b3", "", lang: "az");
        Assert.Equal("Mesaj yazın.", (await azeri.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        var badId = await SendAsync(visitor, token, "<script>", "hello");
        Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);
        Assert.Equal(0, await DbAsync(db => db.ChatMessages.CountAsync(m => m.SessionId == session.Id)));
        Assert.Equal(0, (await SessionAsync(token)).LastSeq);
        // Exactly the limit is accepted.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(visitor, token, "b4", new string('a', ChatService.MaxText))).StatusCode);
    }

    [Fact]
    public async Task A_chat_quiet_for_30_minutes_is_ended_and_without_consent_its_messages_go()
    {
        var user = await OperatorAsync();
        using var visitor = Visitor();
        var token = await StartAsync(visitor);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(visitor, token, "q1", "hello")).StatusCode);
        var session = await SessionAsync(token);
        app.Time.Advance(ChatService.Abandoned + TimeSpan.FromMinutes(1));
        var queue = await app.WithScopeAsync(sp => sp.GetRequiredService<ChatService>().WaitingAsync(CaseSteps.ViewerOf(user, Operator), Operator));
        Assert.DoesNotContain(queue!, r => r.Id == session.Id);
        Assert.NotNull((await SessionAsync(token)).EndedAt);
        Assert.Equal(0, await DbAsync(db => db.ChatMessages.CountAsync(m => m.SessionId == session.Id)));
        Assert.True((await ReadAsync(visitor, token)).GetProperty("ended").GetBoolean());
    }

    [Fact]
    public async Task Too_many_starts_from_one_address_get_429_with_a_localized_message()
    {
        await using var limited = new AriadneApp(app.Provider).SingleNode(); // a node's limit (per node by design)
        await limited.InitializeAsync();
        using var client = limited.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        HttpResponseMessage? last = null;
        for (var i = 0; i < 11; i++)
        {
            var request = Request(HttpMethod.Post, "/chat/start", null, new { language = "ru" }, "ru");
            request.Headers.Add(ChatEndpoints.StartHeader, "1");
            last = await client.SendAsync(request);
            if (i < 10)
                Assert.NotEqual(HttpStatusCode.TooManyRequests, last.StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
        Assert.True(last.Headers.Contains("Retry-After"));
        Assert.Equal("Слишком много сообщений за короткое время. Подождите минуту и попробуйте снова или позвоните на горячую линию.",
            (await last.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }
}

/// <summary>The chat's tests run from one address: their limits are lifted here and tested on a fresh host of their own.</summary>
public sealed class ChatSqliteApp : AriadneApp
{
    public ChatSqliteApp() : base("Sqlite")
    {
        With("Security:ChatStartsPerTenMinutes", "100000");
        With("Security:ChatSendsPerMinute", "100000");
        With("Security:ChatReadsPerMinute", "100000");
    }
}

/// <inheritdoc cref="ChatSqliteApp"/>
public sealed class ChatPostgresApp : AriadneApp
{
    public ChatPostgresApp() : base("Postgres")
    {
        With("Security:ChatStartsPerTenMinutes", "100000");
        With("Security:ChatSendsPerMinute", "100000");
        With("Security:ChatReadsPerMinute", "100000");
    }
}

// On PostgreSQL only (the production database): this class tests a feature, not the database. Its pages' queries run on SQLite
// too, in the sweep of every handler (SweepTests) and the crawl of every page by every role (UniqueIdTests).
public sealed class HelplineChatTestsOnPostgres(ChatPostgresApp app) : HelplineChatTests(app), IClassFixture<ChatPostgresApp>;
