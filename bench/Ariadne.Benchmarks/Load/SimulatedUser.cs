using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using OtpNet;

namespace Ariadne.Benchmarks.Load;

/// <summary>The server processes the users reach; a node that was killed is marked so, and its users move to a live one.</summary>
public sealed class Nodes(IReadOnlyList<Uri> addresses)
{
    private readonly bool[] dead = new bool[addresses.Count];
    public IReadOnlyList<Uri> Addresses => addresses;
    public long KilledAt { get; private set; }
    public bool IsDead(int node) => Volatile.Read(ref dead[node]);

    public void MarkDead(int node)
    {
        KilledAt = Stopwatch.GetTimestamp();
        Volatile.Write(ref dead[node], true);
    }

    public int Alive(int preferred)
    {
        for (var i = 0; i < addresses.Count; i++)
            if (!IsDead((preferred + i) % addresses.Count))
                return (preferred + i) % addresses.Count;
        throw new InvalidOperationException("no node is alive");
    }
}

/// <summary>
/// One simulated person in a browser without JavaScript's rendering but with its requests: cookies kept, redirects not
/// followed (a 3xx is an answer), the live streams (server-sent events) held open as the pages' scripts hold them, and
/// think time between steps. Pages are reached through the real sign-in form (password, then the authenticator's code);
/// writes go through the JSON API with the person's token and an Idempotency-Key, sent again with the same key to the other
/// node when the first node dies before answering.
/// </summary>
public sealed partial class SimulatedUser(Persona persona, int index, Nodes nodes, Recorder recorder, TimeSpan thinkMin, TimeSpan thinkMax)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Random random = new(index * 7919 + 17);
    private readonly CookieContainer cookies = new();
    private HttpClient? client;
    private int node = index % nodes.Addresses.Count;
    private long lastTotpStep;
    private string? csrf;
    private readonly List<Guid> ownCases = [];
    private readonly Dictionary<Guid, string> ownCaseBodies = [];
    private string? chatToken;
    private int chatSent;
    private readonly Dictionary<Guid, int> taken = [];

    private Uri Url(string path) => new(nodes.Addresses[node], path);

    private HttpClient Client => client ??= new HttpClient(new SocketsHttpHandler
    {
        CookieContainer = cookies,
        UseCookies = true,
        AllowAutoRedirect = false,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
    })
    { Timeout = TimeSpan.FromSeconds(30) };

    public async Task RunAsync(TimeSpan startAfter, CancellationToken stop)
    {
        try
        {
            await Task.Delay(startAfter, stop);
            if (persona.Kind != "visitor")
                await SignInAsync(stop);
            using var streams = CancellationTokenSource.CreateLinkedTokenSource(stop);
            var stream = persona.Kind switch
            {
                "duty" => HoldStreamAsync("desk stream", "/referrals/desk/events", "desk", () => PageAsync("desk rows (live)", "/Referrals?handler=Rows", stop), streams.Token),
                "operator" => HoldStreamAsync("operator chat stream", "/helpline/chats/stream", null, null, streams.Token),
                _ => Task.CompletedTask,
            };
            while (!stop.IsCancellationRequested)
            {
                await StepAsync(stop);
                await Task.Delay(TimeSpan.FromMilliseconds(thinkMin.TotalMilliseconds + random.NextDouble() * (thinkMax - thinkMin).TotalMilliseconds), stop);
            }
            await streams.CancelAsync();
            await stream;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private Task StepAsync(CancellationToken ct) => persona.Kind switch
    {
        "duty" => DutyAsync(ct),
        "referrer" => ReferrerAsync(ct),
        "investigator" => InvestigatorAsync(ct),
        "shelter" => ShelterAsync(ct),
        "operator" => OperatorAsync(ct),
        "visitor" => VisitorAsync(ct),
        "coordinator" => CoordinatorAsync(ct),
        _ => throw new InvalidOperationException(persona.Kind),
    };

    // ------------------------------------------------------------------ personas

    /// <summary>
    /// The desk works its queue: the desk lists open referrals first, the soonest deadline at the top; the officer opens one of
    /// the first few, acknowledges it if it waits, and then either makes it a case (assigned to themself) or closes it as not
    /// taken forward. Two officers may reach for the same referral: the second finds it acknowledged or closed (the page's
    /// answer, not an error). Without this the desk only grew (every earlier run's referrals stayed open on it).
    /// </summary>
    private async Task DutyAsync(CancellationToken ct)
    {
        var desk = await PageAsync("duty desk", "/Referrals", ct);
        if (desk is null || ReferralLink().Matches(desk) is not { Count: > 0 } links)
            return;
        var page = await PageAsync("referral page", links[random.Next(Math.Min(5, links.Count))].Value, ct);
        if (page is null || Csrf().Match(page) is not { Success: true } m)
            return;
        var token = WebUtility.HtmlDecode(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value);
        if (FormAction(page, "Acknowledge") is { } acknowledge)
        {
            await Task.Delay(Think() / 4, ct);
            await FormAsync("referral acknowledge", acknowledge, [new("__csrf", token)], ct);
        }
        await Task.Delay(Think() / 4, ct);
        if (random.Next(2) == 0 && FormAction(page, "Dispatch") is { } dispatch)
            await FormAsync("referral made a case", dispatch, [new("__csrf", token), new("Target", "new"), new("InvestigatorUserName", "")], ct);
        else if (FormAction(page, "Close") is { } close)
            await FormAsync("referral closed", close, [new("__csrf", token),
                new("Reason", Ariadne.Web.Features.Referrals.ReferralDispatch.CloseReasons[random.Next(Ariadne.Web.Features.Referrals.ReferralDispatch.CloseReasons.Length)])], ct);
    }

    /// <summary>The action of the page's form for a handler (e.g. "/Referrals/…?handler=Close"), or null when the page has no such form.</summary>
    private static string? FormAction(string page, string handler) =>
        Regex.Match(page, "<form[^>]*action=\"([^\"]*handler=" + handler + "[^\"]*)\"") is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    /// <summary>A form posted as the browser would (antiforgery token included); the product answers with a redirect, or the page again with its message.</summary>
    private Task<Answer?> FormAsync(string label, string path, List<KeyValuePair<string, string>> form, CancellationToken ct) =>
        SendAsync(label, () => new HttpRequestMessage(HttpMethod.Post, Url(path)) { Content = new FormUrlEncodedContent(form) }, ct);

    private async Task ReferrerAsync(CancellationToken ct)
    {
        if (random.Next(4) == 0)
        {
            await ApiAsync("API referrals list", HttpMethod.Get, "/api/v1/referrals", null, null, null, ct);
            return;
        }
        var tag = LoadWorld.Letters(random.Next());
        var referral = new
        {
            givenName = "Load" + tag,
            familyName = "Referral",
            dateOfBirth = "1999-05-06",
            sex = "female",
            citizenship = "UZB",
            languages = "Uzbek",
            documentNumber = "LR" + Guid.NewGuid().ToString("N")[..10],
            whereabouts = "Border post",
            immediateDanger = false,
            indicators = new[] { "documents" },
            exploitation = new[] { "sexual" },
            consent = "Given",
        };
        await ApiAsync("API referral create", HttpMethod.Post, "/api/v1/referrals", JsonSerializer.Serialize(new { referral }, Json), "referral", Key(), ct);
    }

    private async Task InvestigatorAsync(CancellationToken ct)
    {
        var list = await PageAsync("my cases", "/Cases", ct);
        if (list is null)
            return;
        var links = CaseLink().Matches(list);
        await Task.Delay(Think() / 2, ct);
        if (links.Count > 0)
            await PageAsync("case page", links[random.Next(links.Count)].Value, ct);
        if (random.Next(3) != 0)
            return;
        await Task.Delay(Think() / 2, ct);
        // A write: a new case now and then, otherwise an update of one of the person's own recent cases.
        if (ownCases.Count == 0 || random.Next(4) == 0)
        {
            var tag = LoadWorld.Letters(random.Next());
            var body = JsonSerializer.Serialize(new { givenName = "Load" + tag, familyName = "Case", documentNumber = "LC" + Guid.NewGuid().ToString("N")[..10], situation = "Load test" }, Json);
            if (await ApiAsync("API case create", HttpMethod.Post, "/api/v1/cases", body, "case", Key(), ct) is { } id)
            {
                ownCases.Add(id);
                ownCaseBodies[id] = body;
            }
        }
        else
        {
            var id = ownCases[random.Next(ownCases.Count)];
            using var original = JsonDocument.Parse(ownCaseBodies[id]);
            var update = new Dictionary<string, object?>();
            foreach (var p in original.RootElement.EnumerateObject())
                update[p.Name] = p.Value.GetString();
            update["situation"] = "Load test update " + LoadWorld.Letters(random.Next());
            await ApiAsync("API case update", HttpMethod.Patch, $"/api/v1/cases/{id}", JsonSerializer.Serialize(update, Json), null, null, ct);
        }
    }

    private int bedTurn;

    private async Task ShelterAsync(CancellationToken ct)
    {
        await PageAsync(random.Next(2) == 0 ? "shelter page" : "bed search", random.Next(2) == 0 ? "/Accommodation/Shelters" : "/Accommodation/Beds", ct);
        if (random.Next(2) != 0)
            return;
        await Task.Delay(Think() / 2, ct);
        // Admission and discharge through the API, the beds in turn (as the crash harness does).
        var i = bedTurn++ % persona.Cases.Count;
        var (caseId, bedId) = (persona.Cases[i], persona.Beds[i]);
        var listed = await ApiTextAsync("API placements list", "/api/v1/placements", ct);
        if (listed is null)
            return;
        using var list = JsonDocument.Parse(listed);
        var open = list.RootElement.EnumerateArray().Where(e => e.GetProperty("caseId").GetGuid() == caseId && e.GetProperty("dischargedAt").ValueKind == JsonValueKind.Null)
            .Select(e => e.GetProperty("id").GetGuid()).FirstOrDefault();
        if (open == Guid.Empty)
            await ApiAsync("API admission", HttpMethod.Post, "/api/v1/placements", JsonSerializer.Serialize(new { caseId, bedId, alias = "Guest" }, Json), "placement", Key(), ct);
        else
        {
            var baku = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(4));
            await ApiAsync("API discharge", HttpMethod.Post, $"/api/v1/placements/{open}/discharge",
                JsonSerializer.Serialize(new { on = baku, reason = "PlanCompleted", destination = "Family", followUpConsent = false }, Json), "discharge", Key(), ct);
        }
    }

    private async Task OperatorAsync(CancellationToken ct)
    {
        await PageAsync("helpline console", "/Helpline", ct);
        var page = await PageAsync("helpline chats", "/Helpline/Chats", ct);
        if (page is not null && Csrf().Match(page) is { Success: true } m)
            csrf = WebUtility.HtmlDecode(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value);
        var queue = await JsonPageAsync("helpline chat queue", HttpMethod.Get, "/Helpline/Chats?handler=Queue", null, ct);
        if (queue is { } q && csrf is not null && taken.Count < 3)
        {
            var waiting = q.ValueKind == JsonValueKind.Array ? q.EnumerateArray().ToList() : [];
            if (waiting.Count > 0 && waiting[random.Next(waiting.Count)].TryGetProperty("id", out var idElement))
            {
                var id = idElement.GetGuid();
                // Two operators may reach for the same chat: the loser's 409 is the product's answer, not an error.
                if (await JsonPageAsync("helpline take chat", HttpMethod.Post, $"/Helpline/Chats?handler=Take&id={id}", [new("__csrf", csrf)], ct, conflictIsAnswer: true) is not null)
                    taken[id] = 0;
            }
        }
        foreach (var id in taken.Keys.ToList())
        {
            await Task.Delay(Think() / 4, ct);
            await JsonPageAsync("helpline chat reply", HttpMethod.Post, $"/Helpline/Chats?handler=Reply&id={id}",
                [new("__csrf", csrf!), new("text", "Operator answer " + LoadWorld.Letters(random.Next())), new("clientMessageId", Guid.NewGuid().ToString("N"))], ct, notFoundIsAnswer: true,
                endedIsAnswer: true);
            if (++taken[id] >= 4)
            {
                await JsonPageAsync("helpline chat end", HttpMethod.Post, $"/Helpline/Chats?handler=End&id={id}", [new("__csrf", csrf!)], ct, notFoundIsAnswer: true);
                taken.Remove(id);
            }
        }
        if (random.Next(5) == 0)
            await ApiAsync("API helpline contact", HttpMethod.Post, "/api/v1/helpline/contacts",
                JsonSerializer.Serialize(new { channel = "Sms", category = "ForcedLabour", consentBasis = "VictimDeclines", summary = "Load test contact" }, Json), "contact", Key(), ct);
    }

    private async Task VisitorAsync(CancellationToken ct)
    {
        if (chatToken is null || chatSent >= 8)
        {
            if (chatToken is not null)
                await ChatAsync("chat end (visitor)", HttpMethod.Post, "/chat/end", JsonSerializer.Serialize(new { keep = false }), ct);
            chatToken = null;
            using var started = await ChatAsync("chat start (visitor)", HttpMethod.Post, "/chat/start", JsonSerializer.Serialize(new { language = "az" }), ct);
            if (started?.RootElement.TryGetProperty("token", out var token) == true)
                (chatToken, chatSent) = (token.GetString(), 0);
            return;
        }
        var text = $"visitor {LoadWorld.Letters(index)} {LoadWorld.Letters(chatSent)} {LoadWorld.Letters(random.Next())}";
        // A chat the operator has ended answers 409: the visitor's next step starts a new one.
        using (var sent = await ChatAsync("chat send (visitor)", HttpMethod.Post, "/chat/send", JsonSerializer.Serialize(new { clientMessageId = $"m{chatSent}", text }), ct,
            endedIsAnswer: true))
        {
            if (sent is null)
            {
                (chatToken, chatSent) = (null, 0);
                return;
            }
            recorder.ChatAcks.Enqueue((chatToken, text));
        }
        chatSent++;
        using var _ = await ChatAsync("chat read (visitor)", HttpMethod.Get, "/chat/messages?after=0", null, ct);
    }

    private async Task CoordinatorAsync(CancellationToken ct)
    {
        var (label, path) = random.Next(4) switch
        {
            0 => ("home", "/"),
            1 => ("coordination", "/Coordination"),
            2 => ("coordinator figures", "/Coordination/Figures"),
            _ => ("statistics", "/Statistics"),
        };
        await PageAsync(label, path, ct);
    }

    public string? OpenChatToken => chatToken;

    // ------------------------------------------------------------------ sign-in

    private async Task SignInAsync(CancellationToken ct)
    {
        for (var attempt = 0; attempt < 5 && !ct.IsCancellationRequested; attempt++)
        {
            var form = await SendAsync("sign-in form", () => new HttpRequestMessage(HttpMethod.Get, Url("/Account/SignIn")), ct);
            if (form is null || Csrf().Match(form.Value.Body) is not { Success: true } m)
                continue;
            var token = WebUtility.HtmlDecode(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value);
            var password = await SendAsync("sign-in password", () => new HttpRequestMessage(HttpMethod.Post, Url("/Account/SignIn"))
            {
                Content = new FormUrlEncodedContent([new("__csrf", token), new("Input.UserName", persona.UserName), new("Input.Password", LoadWorld.Password)]),
            }, ct);
            if (password?.Location?.Contains("/Account/SignInMfa", StringComparison.Ordinal) != true)
            {
                recorder.Error("sign-in password", "no second step", false);
                continue;
            }
            var mfa = await SendAsync("sign-in form", () => new HttpRequestMessage(HttpMethod.Get, Url(password.Value.Location)), ct);
            if (mfa is null || Csrf().Match(mfa.Value.Body) is not { Success: true } m2)
                continue;
            // Each code is usable once: a second sign-in within the same 30-second step waits for the next code, as a person would.
            var step = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
            if (step <= lastTotpStep)
            {
                await Task.Delay(TimeSpan.FromSeconds(30 - DateTimeOffset.UtcNow.ToUnixTimeSeconds() % 30 + 1), ct);
                step = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
            }
            lastTotpStep = step;
            var code = new Totp(Base32Encoding.ToBytes(persona.AuthenticatorKey)).ComputeTotp(DateTime.UtcNow);
            var done = await SendAsync("sign-in code", () => new HttpRequestMessage(HttpMethod.Post, Url("/Account/SignInMfa"))
            {
                Content = new FormUrlEncodedContent([new("__csrf", WebUtility.HtmlDecode(m2.Groups[1].Success ? m2.Groups[1].Value : m2.Groups[2].Value)), new("Input.Code", code)]),
            }, ct);
            if (done?.Location is { } location && !location.Contains("/Account/SignIn", StringComparison.Ordinal))
            {
                recorder.Count("sign-ins");
                csrf = null;
                return;
            }
            recorder.Error("sign-in code", "refused", false);
        }
        throw new InvalidOperationException($"{persona.Kind} {index} could not sign in");
    }

    // ------------------------------------------------------------------ requests

    private readonly record struct Answer(HttpStatusCode Status, string Body, string? Location);

    /// <summary>
    /// Sends one request, timed under <paramref name="label"/>. A failure of the connection to a node that was killed moves the
    /// person to a live node and is counted as "at the kill"; the request is then sent again there when <paramref name="retry"/>.
    /// </summary>
    private async Task<Answer?> SendAsync(string label, Func<HttpRequestMessage> request, CancellationToken ct, bool retry = false, Func<HttpStatusCode, bool>? answer = null)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var started = Stopwatch.GetTimestamp();
            var target = node;
            try
            {
                using var message = request();
                using var response = await Client.SendAsync(message, ct);
                var body = await response.Content.ReadAsStringAsync(ct);
                var status = (int)response.StatusCode;
                if (status is >= 200 and < 400 || answer?.Invoke(response.StatusCode) == true)
                {
                    recorder.Time(label, started);
                    return new Answer(response.StatusCode, body, response.Headers.Location?.OriginalString);
                }
                recorder.Error(label, status.ToString(System.Globalization.CultureInfo.InvariantCulture), KillRelated(target, started));
                return null;
            }
            catch (Exception e) when (e is HttpRequestException or IOException || (e is TaskCanceledException && !ct.IsCancellationRequested))
            {
                var killRelated = KillRelated(target, started);
                recorder.Error(label, e is TaskCanceledException ? "timeout" : "connection", killRelated);
                if (!nodes.IsDead(target))
                    return null;
                node = nodes.Alive(target);
                moved = true;
                recorder.Count("moved to the other node");
                if (!retry)
                    return null;
            }
        }
        return null;
    }

    /// <summary>A failure is the kill's when the request went to the node that was killed (in flight or sent before the person moved).</summary>
    private bool KillRelated(int target, long started) => nodes.IsDead(target);

    private bool moved;

    /// <summary>A page (HTML). Signed out (a redirect to the sign-in form): an error, then signs in again and loads the page once more.</summary>
    private async Task<string?> PageAsync(string label, string path, CancellationToken ct)
    {
        var page = await SendAsync(label, () => new HttpRequestMessage(HttpMethod.Get, Url(path)), ct);
        if (page?.Location is { } location && location.Contains("/Account/SignIn", StringComparison.Ordinal))
        {
            // After a move to the other node a new sign-in is allowed ("signing in again at most"); otherwise it is an error.
            recorder.Error(label, "signed out", moved);
            await SignInAsync(ct);
            page = await SendAsync(label, () => new HttpRequestMessage(HttpMethod.Get, Url(path)), ct);
        }
        return page?.Body;
    }

    /// <summary>A page handler answering JSON (the console's scripts), with the antiforgery token for a POST.</summary>
    private async Task<JsonElement?> JsonPageAsync(string label, HttpMethod method, string path, List<KeyValuePair<string, string>>? form, CancellationToken ct,
        bool conflictIsAnswer = false, bool notFoundIsAnswer = false, bool endedIsAnswer = false)
    {
        var result = await SendAsync(label, () =>
        {
            var request = new HttpRequestMessage(method, Url(path));
            request.Headers.Accept.ParseAdd("application/json");
            if (form is not null)
                request.Content = new FormUrlEncodedContent(form);
            return request;
            // A reply to a chat the visitor has just ended is refused with 400 and the reason: the product's answer.
        }, ct, answer: s => (conflictIsAnswer && s == HttpStatusCode.Conflict) || (notFoundIsAnswer && s == HttpStatusCode.NotFound)
            || (endedIsAnswer && s == HttpStatusCode.BadRequest));
        if (result is not { } r || (int)r.Status >= 300 || r.Body.Length == 0)
            return null;
        using var document = JsonDocument.Parse(r.Body);
        return document.RootElement.Clone();
    }

    /// <summary>An API call with the person's token; a write with an Idempotency-Key is sent again to the live node if its node died.</summary>
    private async Task<Guid?> ApiAsync(string label, HttpMethod method, string path, string? body, string? kind, string? key, CancellationToken ct)
    {
        var result = await SendAsync(label, () =>
        {
            var request = new HttpRequestMessage(method, Url(path));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", persona.Token);
            if (body is not null)
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            if (key is not null)
                request.Headers.Add("Idempotency-Key", key);
            return request;
        }, ct, retry: key is not null || method == HttpMethod.Get || method == HttpMethod.Patch);
        if (result is not { } r || kind is null || r.Body.Length == 0)
            return null;
        using var document = JsonDocument.Parse(r.Body);
        if (!document.RootElement.TryGetProperty("id", out var idElement))
            return null;
        var id = idElement.GetGuid();
        recorder.Acks.Enqueue(new LoadAck(kind, id));
        return id;
    }

    private async Task<string?> ApiTextAsync(string label, string path, CancellationToken ct) =>
        (await SendAsync(label, () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, Url(path));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", persona.Token);
            return request;
        }, ct, retry: true))?.Body;

    /// <summary>The anonymous web chat's JSON calls (the chat token in its header, never in the address).</summary>
    private async Task<JsonDocument?> ChatAsync(string label, HttpMethod method, string path, string? body, CancellationToken ct, bool endedIsAnswer = false)
    {
        var result = await SendAsync(label, () =>
        {
            var request = new HttpRequestMessage(method, Url(path));
            if (path == "/chat/start")
                request.Headers.Add("X-Chat-Start", "1");
            else
                request.Headers.Add("X-Chat-Token", chatToken);
            if (body is not null)
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            return request;
        }, ct, retry: true, answer: s => endedIsAnswer && s == HttpStatusCode.Conflict); // a send sent again carries the same clientMessageId
        return result is { Body.Length: > 0 } r && (int)r.Status < 300 ? JsonDocument.Parse(r.Body) : null;
    }

    /// <summary>Holds a live stream open as the page's script does; reconnects 3 s after it ends (the server ends each after 5 minutes).</summary>
    private async Task HoldStreamAsync(string label, string path, string? eventName, Func<Task>? onEvent, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            var target = node;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, Url(path));
                request.Headers.Accept.ParseAdd("text/event-stream");
                using var streamClient = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };
                using var response = await streamClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
                if (!response.IsSuccessStatusCode)
                {
                    recorder.Error(label + " (connect)", ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture), KillRelated(target, started));
                    if ((int)response.StatusCode is >= 300 and < 400)
                        await SignInAsync(ct);
                    await Task.Delay(3000, ct);
                    continue;
                }
                recorder.Time(label + " (connect)", started);
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct), Encoding.UTF8);
                string? current = null;
                while (await reader.ReadLineAsync(ct) is { } line)
                {
                    if (line.StartsWith("event:", StringComparison.Ordinal))
                        current = line[6..].Trim();
                    else if (line.StartsWith("data:", StringComparison.Ordinal))
                    {
                        recorder.Count(label + " events");
                        if (onEvent is not null && current == eventName)
                            await onEvent();
                    }
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                if (nodes.IsDead(target))
                {
                    node = nodes.Alive(target);
                    recorder.Count("stream moved to the other node");
                }
                else
                    recorder.Error(label + " (connect)", "connection", false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            await Task.Delay(3000, ct).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private TimeSpan Think() => TimeSpan.FromMilliseconds(thinkMin.TotalMilliseconds + random.NextDouble() * (thinkMax - thinkMin).TotalMilliseconds);

    private static string Key() => "load-" + Guid.NewGuid().ToString("N");

    [GeneratedRegex("<input[^>]*name=\"__csrf\"[^>]*value=\"([^\"]+)\"|<input[^>]*value=\"([^\"]+)\"[^>]*name=\"__csrf\"")]
    private static partial Regex Csrf();

    [GeneratedRegex("/Cases/Detail\\?id=[0-9a-f-]{36}|/Cases/Detail/[0-9a-f-]{36}")]
    private static partial Regex CaseLink();

    [GeneratedRegex("/Referrals/Detail/[0-9a-f-]{36}|/Referrals/[0-9a-f-]{36}")]
    private static partial Regex ReferralLink();
}
