using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Ariadne.IntegrationTests.Infrastructure;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Participants;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ariadne.IntegrationTests;

/// <summary>
/// Issue 18 item 3: hostile input against every API operation of the OpenAPI document and every form the
/// staff's pages render, as six signed-in users of different institutions. Malformed, oversized, wrongly
/// encoded and injection payloads. Proven: no 5xx answer, no error logged, and a refused request (a 4xx,
/// or a form shown again with its error summary) writes nothing but its audit event. Every SQL write is
/// attributed to the request that made it by an EF command interceptor. CI runs
/// <see cref="DefaultRequests"/> requests per database; <c>ARIADNE_FUZZ_REQUESTS=100000</c> runs the full
/// campaign (docs/benchmarks.md "Hostile input").
/// </summary>
public abstract partial class FuzzTests(string provider)
{
    private const int DefaultRequests = 3000;
    private const string RequestHeader = "X-Fuzz-Request";

    /// <summary>Tables a refused request may still write: its audit trail (a denial is recorded) and what a failed sign-in counts.</summary>
    private static readonly HashSet<string> AllowedOnRefusal = new(StringComparer.OrdinalIgnoreCase)
    {
        "audit_events", "audit_checkpoints", "DataProtectionKeys",
    };

    private static int Requests =>
        int.TryParse(Environment.GetEnvironmentVariable("ARIADNE_FUZZ_REQUESTS"), out var n) && n > 0 ? n : DefaultRequests;

    /// <summary>Payloads: injection, traversal, format strings, control and odd Unicode, numbers at the edges.</summary>
    private static readonly string[] Payloads =
    [
        "' OR '1'='1", "1; DROP TABLE cases;--", "\" OR 1=1 --", "') UNION SELECT password FROM \"AspNetUsers\"--", "1' AND pg_sleep(5)--",
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)", "{{7*7}}", "${7*7}", "@(1+1)",
        "../../../../etc/passwd", "..\\..\\windows\\win.ini", "%2e%2e%2f%2e%2e%2f", "%00", "\0", "\u0000abc", "\r\nSet-Cookie: x=1",
        "%s%s%s%n", "{0}{1}{999}", "-1", "0", "2147483648", "-9223372036854775809", "1e309", "NaN", "Infinity", "9999-99-99",
        "0001-01-01", "2026-02-30", "00000000-0000-0000-0000-000000000000", "not-a-guid", "true", "null", "[]", "{}",
        "\u202Eevil\u202C", "\uFEFF", "Ω≈ç√∫˜µ≤", "ＡＢＣ", "İıŞşÇçÖöĞğƏə", "\ud800", "😀😀😀", new string('A', 5000),
        "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>", "=cmd|' /C calc'!A0", "+1+1",
    ];

    [Fact]
    public async Task Hostile_input_gets_no_server_error_and_a_refused_request_changes_nothing()
    {
        var recorder = new WriteRecorder();
        await using var app = new FuzzApp(provider, recorder);
        await app.InitializeAsync();
        var random = new Random(18);
        var actors = await ActorsAsync(app);
        var api = await ApiOperationsAsync(app, actors);
        Assert.True(api.Count >= 30, $"Only {api.Count} API operations were found to fuzz.");
        var forms = await FormsAsync(app, actors, random);
        Assert.True(forms.Count >= 20, $"Only {forms.Count} forms were found to fuzz.");

        var findings = new ConcurrentQueue<string>();
        var statuses = new ConcurrentDictionary<int, int>();
        var deniedWithToken = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var sent = 0;
        var errorsBefore = app.Logs.GetSnapshot().Count(r => r.Level >= LogLevel.Error);
        var total = Requests;

        async Task Check(string what, HttpResponseMessage response, string id, bool refusedForm = false)
        {
            var status = (int)response.StatusCode;
            statuses.AddOrUpdate(status, 1, (_, c) => c + 1);
            if (status >= 500)
                findings.Enqueue($"{status} from {what}");
            var refused = status is >= 400 and < 500 || refusedForm;
            var writes = recorder.Take(id);
            var illegal = writes.Where(t => !AllowedOnRefusal.Contains(t)).ToList();
            if (refused && illegal.Count > 0)
                findings.Enqueue($"{status} from {what} but it wrote {string.Join(", ", illegal.Distinct())}");
            await Task.CompletedTask;
        }

        // Each worker has its own random stream; API and forms interleaved. CI's short run uses one worker (no races between
        // the fuzzer's own requests); the full campaign uses four, which also finds races (see docs/benchmarks.md "Hostile input").
        var workers = total > DefaultRequests ? 4 : 1;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var rnd = new Random(1800 + w);
            while (Interlocked.Increment(ref sent) <= total)
            {
                var id = Guid.NewGuid().ToString("N");
                if (rnd.Next(10) < 6)
                {
                    var op = api[rnd.Next(api.Count)];
                    var (request, what) = ApiRequest(op, rnd, id);
                    HttpResponseMessage response;
                    try
                    {
                        response = await op.Client.SendAsync(request);
                    }
                    catch (InvalidOperationException e) when (e.Message.Contains("null characters", StringComparison.Ordinal))
                    {
                        // The in-process test host refuses a %00 in the path before the application (Kestrel answers 400).
                        response = new HttpResponseMessage(HttpStatusCode.BadRequest);
                    }
                    using (response)
                    {
                        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden && what.Contains("(token,", StringComparison.Ordinal))
                            deniedWithToken.AddOrUpdate($"{(int)response.StatusCode} {op.Method} {op.Path}", 1, (_, c) => c + 1);
                        await Check(what, response, id);
                    }
                }
                else
                {
                    var form = forms[rnd.Next(forms.Count)];
                    var (request, what) = FormRequest(form, rnd, id);
                    using var response = await form.Actor.Session.Client.SendAsync(request);
                    var refusedForm = response.StatusCode == HttpStatusCode.OK
                        && (await response.Content.ReadAsStringAsync()).Contains("govuk-error-summary\" data-module", StringComparison.Ordinal);
                    await Check(what, response, id, refusedForm);
                }
            }
        }))).WaitAsync(TimeSpan.FromMinutes(40), TestContext.Current.CancellationToken);

        var errorsAfter = app.Logs.GetSnapshot().Where(r => r.Level >= LogLevel.Error).Skip(errorsBefore).Select(r => r.Category + ": " + r.Message + " " + r.Exception?.GetType().Name + " " + r.Exception?.Message).Take(5).ToList();
        var verified = await app.WithScopeAsync(sp => sp.GetRequiredService<AuditVerifier>().VerifyAsync());
        TestContext.Current.SendDiagnosticMessage(
            $"fuzz on {provider}: {total} requests over {api.Count} API operations and {forms.Count} forms; statuses "
            + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")) + $"; findings {findings.Count}; "
            + $"refused despite the probed token: {deniedWithToken.Values.Sum()} ("
            + string.Join(", ", deniedWithToken.OrderByDescending(d => d.Value).Take(12).Select(d => $"{d.Key}×{d.Value}")) + ")");
        Assert.True(errorsAfter.Count == 0, string.Join(" | ", errorsAfter) + " — findings: " + string.Join(" | ", findings.Distinct().Take(8)));
        Assert.True(findings.IsEmpty, $"{findings.Count} findings, the first: " + string.Join(" | ", findings.Distinct().Take(8)));
        Assert.True(verified.Intact, verified.Problem);
        Assert.True(statuses.Where(s => s.Key is >= 400 and < 500).Sum(s => s.Value) > total / 10, "Too few requests were refused: the fuzzer is not reaching validation.");
    }

    // ----- actors -----

    private sealed record Actor(string Name, TestUser User, WebSession Session, string[] Tokens);

    private static async Task<List<Actor>> ActorsAsync(AriadneApp app)
    {
        var scopes = app.Services.GetRequiredService<Ariadne.Web.Platform.Modules.ModuleCatalog>().ApiScopes.Select(s => s.Name).ToList();
        // A token's scopes fit 200 characters: the catalogue's scopes go into as many tokens as needed.
        var groups = new List<string>();
        var current = "";
        foreach (var scope in scopes)
        {
            if (current.Length + scope.Length + 1 > 190)
            {
                groups.Add(current.Trim());
                current = "";
            }
            current += " " + scope;
        }
        groups.Add(current.Trim());
        TrainingTopic[] all = [TrainingTopic.AntiTrafficking, TrainingTopic.ShelterSecurity, TrainingTopic.Helpline, TrainingTopic.VictimAssistance];
        (string Name, InstitutionKind Kind, string[] Roles)[] people =
        [
            ("duty", InstitutionKind.AntiTraffickingSquad, [RoleCatalog.DutyOfficer, RoleCatalog.Investigator]),
            ("shelter", InstitutionKind.Shelter, [RoleCatalog.ShelterManager, RoleCatalog.SocialWorker]),
            ("helpline", InstitutionKind.Helpline, [RoleCatalog.HelplineOperator, RoleCatalog.HelplineSupervisor]),
            ("prosecutor", InstitutionKind.Prosecution, [RoleCatalog.Prosecutor]),
            ("coordinator", InstitutionKind.NationalCoordinator, [RoleCatalog.Coordinator, RoleCatalog.Analyst]),
            ("admin", InstitutionKind.PlatformAdministration, [RoleCatalog.Administrator]),
        ];
        var actors = new List<Actor>();
        foreach (var (name, kind, roles) in people)
        {
            var user = await app.CreateUserAsync(kind, roles, all);
            var session = await app.SessionAsync(user);
            var tokens = new List<string>();
            foreach (var group in groups)
                tokens.Add(await app.TokenAsync(user, group));
            actors.Add(new Actor(name, user, session, [.. tokens]));
        }
        return actors;
    }

    // ----- API -----

    private sealed record ApiOp(string Method, string Path, JsonObject? Body, HttpClient Client, string Token, bool Idempotent);

    private static async Task<List<ApiOp>> ApiOperationsAsync(AriadneApp app, List<Actor> actors)
    {
        using var document = JsonDocument.Parse(await actors[0].Session.Client.GetStringAsync("/openapi/v1.json"));
        var root = document.RootElement;
        var ops = new List<ApiOp>();
        var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var method = operation.Name.ToUpperInvariant();
                if (method is not ("GET" or "POST" or "PUT" or "PATCH" or "DELETE"))
                    continue;
                JsonObject? body = null;
                if (operation.Value.TryGetProperty("requestBody", out var rb) && rb.TryGetProperty("content", out var content)
                    && content.TryGetProperty("application/json", out var json) && json.TryGetProperty("schema", out var schema))
                    body = Sample(schema, root, 0) as JsonObject ?? [];
                var idempotent = operation.Value.TryGetProperty("parameters", out var ps)
                    && ps.EnumerateArray().Any(p => p.GetProperty("name").GetString() == "Idempotency-Key");
                // The token that gets past authorization for this operation, if any of the actors' tokens does.
                var token = await TokenForAsync(client, method, path.Name, body, actors);
                ops.Add(new ApiOp(method, path.Name, body, client, token, idempotent || method == "POST"));
            }
        }
        return ops;
    }

    /// <summary>
    /// The token that gets past authentication and authorization for this operation: probed with the operation's
    /// own method and its sample body (a GET probe told nothing for a POST, which answers 405), so the fuzzed bodies
    /// reach validation rather than stopping at 401/403.
    /// </summary>
    private static async Task<string> TokenForAsync(HttpClient client, string method, string path, JsonObject? body, List<Actor> actors)
    {
        foreach (var token in actors.SelectMany(a => a.Tokens))
        {
            using var probe = new HttpRequestMessage(new HttpMethod(method), FillPath(path, new Random(1), real: true));
            probe.Headers.Authorization = new("Bearer", token);
            if (method is "POST" or "PUT" or "PATCH")
            {
                probe.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString());
                probe.Content = new StringContent(body?.ToJsonString() ?? "{}", Encoding.UTF8, "application/json");
            }
            using var response = await client.SendAsync(probe);
            if (response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden))
                return token;
        }
        return actors[0].Tokens[0];
    }

    private static JsonNode? Sample(JsonElement schema, JsonElement root, int depth)
    {
        if (depth > 6)
            return null;
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            return root.GetProperty("components").GetProperty("schemas").TryGetProperty(name, out var target) ? Sample(target, root, depth + 1) : null;
        }
        var type = schema.TryGetProperty("type", out var t) ? (t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().First().GetString() : t.GetString()) : null;
        if (schema.TryGetProperty("enum", out var values) && values.GetArrayLength() > 0)
            return JsonNode.Parse(values[0].GetRawText());
        var format = schema.TryGetProperty("format", out var f) ? f.GetString() : null;
        switch (type)
        {
            case "object" or null when schema.TryGetProperty("properties", out var properties):
                var obj = new JsonObject();
                foreach (var p in properties.EnumerateObject())
                    obj[p.Name] = Sample(p.Value, root, depth + 1);
                return obj;
            case "array":
                return schema.TryGetProperty("items", out var items) ? new JsonArray(Sample(items, root, depth + 1)) : [];
            case "integer":
                return 1;
            case "number":
                return 1.5;
            case "boolean":
                return true;
            case "string":
                return format switch
                {
                    "uuid" => Guid.NewGuid().ToString(),
                    "date-time" => "2026-12-01T10:00:00Z",
                    "date" => "2026-12-01",
                    _ => "fuzz",
                };
            default:
                return null;
        }
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex PathParameter();

    private static string FillPath(string template, Random rnd, bool real = false) =>
        PathParameter().Replace(template, _ => real || rnd.Next(3) > 0
            ? Guid.NewGuid().ToString()
            : Uri.EscapeDataString(Clip(Payloads[rnd.Next(Payloads.Length)])));

    private static string Clip(string s) => s.Length > 200 ? s[..200] : s;

    private static (HttpRequestMessage, string) ApiRequest(ApiOp op, Random rnd, string id)
    {
        var url = FillPath(op.Path, rnd);
        if (rnd.Next(4) == 0)
            url += (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "page=" + Uri.EscapeDataString(Payloads[rnd.Next(Payloads.Length)]) + "&status=" + Uri.EscapeDataString(Payloads[rnd.Next(Payloads.Length)]);
        var request = new HttpRequestMessage(new HttpMethod(op.Method), url);
        request.Headers.Add(RequestHeader, id);
        var kind = "token";
        switch (rnd.Next(12))
        {
            case 0:
                kind = "no token";
                break;
            case 1:
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Payloads[rnd.Next(Payloads.Length)].Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal));
                kind = "bad token";
                break;
            default:
                request.Headers.Authorization = new("Bearer", op.Token);
                break;
        }
        if (op.Idempotent && rnd.Next(5) > 0)
        {
            var key = rnd.Next(6) switch
            {
                0 => new string('k', 5000),
                1 => "",
                2 => "key with spaces and ünïcode",
                _ => Guid.NewGuid().ToString(),
            };
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }
        var mutation = "none";
        if (op.Method is "POST" or "PUT" or "PATCH")
        {
            (request.Content, mutation) = rnd.Next(10) switch
            {
                0 => (new StringContent("{\"a\":", Encoding.UTF8, "application/json"), "truncated json"),
                1 => (new ByteArrayContent([0x7B, 0x22, 0xC3, 0x28, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D]) { Headers = { ContentType = new("application/json") } }, "invalid utf-8"),
                2 => (new StringContent(new string('[', 5000) + new string(']', 5000), Encoding.UTF8, "application/json"), "deep nesting"),
                3 => (new StringContent("<a>1</a>", Encoding.UTF8, "application/xml"), "wrong content type"),
                4 => (new ByteArrayContent(new byte[3 * 1024 * 1024]) { Headers = { ContentType = new("application/json") } }, "oversized"),
                5 => (new StringContent("[1,2,3]", Encoding.UTF8, "application/json"), "array for object"),
                _ => (new StringContent(Mutate(op.Body, rnd).ToJsonString(), Encoding.UTF8, "application/json"), "mutated fields"),
            };
        }
        return (request, $"{op.Method} {op.Path} ({kind}, body {mutation})");
    }

    private static JsonNode Mutate(JsonObject? body, Random rnd)
    {
        var copy = body?.DeepClone().AsObject() ?? [];
        var names = copy.Select(p => p.Key).ToList();
        var changes = Math.Max(1, rnd.Next(1, 4));
        for (var i = 0; i < changes && names.Count > 0; i++)
        {
            var name = names[rnd.Next(names.Count)];
            copy[name] = rnd.Next(6) switch
            {
                0 => null,
                1 => JsonValue.Create(rnd.Next(2) == 0 ? long.MaxValue : -1),
                2 => new JsonArray(Payloads[rnd.Next(Payloads.Length)], 1, null),
                3 => new JsonObject { ["x"] = Payloads[rnd.Next(Payloads.Length)] },
                _ => JsonValue.Create(Payloads[rnd.Next(Payloads.Length)]),
            };
        }
        if (rnd.Next(4) == 0)
            copy["unexpected" + rnd.Next(100)] = Payloads[rnd.Next(Payloads.Length)];
        return copy;
    }

    // ----- forms -----

    private sealed record Form(Actor Actor, string Action, List<KeyValuePair<string, string>> Fields, HashSet<string> Names);

    private static readonly string[] AvoidedForms = ["SignOut", "Account/", "Passkey", "handler=Revoke", "handler=End", "Password"];

    private static async Task<List<Form>> FormsAsync(AriadneApp app, List<Actor> actors, Random rnd)
    {
        var forms = new List<Form>();
        foreach (var actor in actors)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var queue = new Queue<string>(["/"]);
            while (queue.Count > 0 && seen.Count < 60)
            {
                var url = queue.Dequeue();
                if (!seen.Add(url))
                    continue;
                var page = await actor.Session.GetAsync(url);
                if (page.Status != HttpStatusCode.OK || page.Path.StartsWith("/Account/SignIn", StringComparison.Ordinal))
                    continue;
                foreach (var a in page.Document.QuerySelectorAll("a[href^='/']").OfType<IHtmlAnchorElement>())
                {
                    var href = a.GetAttribute("href")!;
                    if (!href.Contains("SignOut", StringComparison.Ordinal) && !href.Contains("handler=", StringComparison.Ordinal)
                        && !href.Contains("/api/", StringComparison.Ordinal) && !href.EndsWith(".csv", StringComparison.Ordinal) && !seen.Contains(href))
                        queue.Enqueue(href);
                }
                foreach (var form in page.Document.QuerySelectorAll("form").OfType<IHtmlFormElement>())
                {
                    if (!string.Equals(form.Method, "post", StringComparison.OrdinalIgnoreCase))
                        continue;
                    var action = form.GetAttribute("action") is { Length: > 0 } a2 ? a2 : new Uri(new Uri("http://localhost"), page.Url).PathAndQuery;
                    if (AvoidedForms.Any(x => action.Contains(x, StringComparison.Ordinal)))
                        continue;
                    var fields = new List<KeyValuePair<string, string>>();
                    foreach (var input in form.QuerySelectorAll("input[name], textarea[name], select[name]"))
                    {
                        var name = input.GetAttribute("name")!;
                        var value = input switch
                        {
                            IHtmlSelectElement s => s.Options.FirstOrDefault(o => !string.IsNullOrEmpty(o.Value))?.Value ?? "",
                            IHtmlTextAreaElement t => t.Value,
                            IHtmlInputElement i when i.Type is "checkbox" or "radio" => i.IsChecked ? i.Value : (rnd.Next(2) == 0 ? i.Value : null),
                            IHtmlInputElement i => i.Value,
                            _ => null,
                        };
                        if (value is not null)
                            fields.Add(new(name, value));
                    }
                    forms.Add(new Form(actor, action, fields, fields.Select(f => f.Key).ToHashSet(StringComparer.Ordinal)));
                }
            }
        }
        return forms;
    }

    private static (HttpRequestMessage, string) FormRequest(Form form, Random rnd, string id)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, form.Action);
        request.Headers.Add(RequestHeader, id);
        var fields = form.Fields.ToList();
        var mutation = "mutated fields";
        var roll = rnd.Next(12);
        if (roll == 0)
        {
            fields.RemoveAll(f => f.Key == "__csrf");
            mutation = "no antiforgery token";
        }
        var mutable = fields.Where(f => f.Key != "__csrf").Select(f => f.Key).Distinct().ToList();
        for (var i = 0; i < rnd.Next(1, 4) && mutable.Count > 0; i++)
        {
            var name = mutable[rnd.Next(mutable.Count)];
            fields.RemoveAll(f => f.Key == name);
            if (rnd.Next(8) > 0)
                fields.Add(new(name, roll == 1 ? new string('x', 300_000) : Payloads[rnd.Next(Payloads.Length)]));
        }
        if (rnd.Next(5) == 0)
            fields.Add(new("Input.Unexpected", Payloads[rnd.Next(Payloads.Length)]));
        if (roll == 1)
            mutation = "oversized field";
        if (roll == 2)
        {
            // Raw body with broken percent-encoding and invalid UTF-8.
            var raw = string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value))) + "&Input.X=%C0%AF%E0%80%AF%ZZ%";
            request.Content = new StringContent(raw, Encoding.UTF8, "application/x-www-form-urlencoded");
            mutation = "broken percent-encoding";
        }
        else if (roll == 3)
        {
            var multipart = new MultipartFormDataContent();
            foreach (var f in fields)
                multipart.Add(new StringContent(f.Value), f.Key);
            multipart.Add(new ByteArrayContent(Encoding.UTF8.GetBytes("%PDF-1.7\n<script>alert(1)</script>")), "Upload", "../../evil.pdf.exe");
            request.Content = multipart;
            mutation = "multipart with a hostile file";
        }
        else
        {
            request.Content = new FormUrlEncodedContent(fields);
        }
        return (request, $"form {PathOnly(form.Action)} as {form.Actor.Name} ({mutation})");
    }

    private static string PathOnly(string action) => action.Split('?')[0] + (action.Contains("handler=", StringComparison.Ordinal) ? "?" + action.Split('?')[1].Split('&').First(p => p.StartsWith("handler=", StringComparison.Ordinal)) : "");

    // ----- the write recorder -----

    /// <summary>
    /// Every INSERT, UPDATE and DELETE the application made stand, by the fuzz request that caused it. A write
    /// inside a transaction counts only when that transaction commits (a write rolled back by a refusal, e.g. an
    /// optimistic-concurrency failure, changed nothing); a write outside one counts once it has executed.
    /// </summary>
    public sealed partial class WriteRecorder : DbCommandInterceptor, IDbTransactionInterceptor
    {
        internal static readonly AsyncLocal<ConcurrentBag<string>?> Current = new();
        private readonly ConcurrentDictionary<string, ConcurrentBag<string>> byRequest = new(StringComparer.Ordinal);
        private readonly ConditionalWeakTable<DbTransaction, Pending> pending = [];

        private sealed class Pending(ConcurrentBag<string> bag)
        {
            public ConcurrentBag<string> Bag { get; } = bag;
            public ConcurrentQueue<string> Tables { get; } = new();
        }

        [GeneratedRegex(@"\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+""?([A-Za-z_][A-Za-z0-9_]*)""?", RegexOptions.IgnoreCase)]
        private static partial Regex Written();

        private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase) { "SET", "SKIP", "OF", "NOWAIT", "NO" };

        internal void Begin(string id, ConcurrentBag<string> bag) => byRequest[id] = bag;

        /// <summary>The tables the request wrote (its pipeline has finished when the client has the whole response).</summary>
        public IReadOnlyList<string> Take(string id) => byRequest.TryRemove(id, out var bag) ? [.. bag] : [];

        private void Record(DbCommand command)
        {
            if (Current.Value is not { } bag)
                return;
            var tables = Written().Matches(command.CommandText).Select(m => m.Groups[1].Value).Where(t => !Keywords.Contains(t)).ToList();
            if (tables.Count == 0)
                return;
            if (command.Transaction is { } transaction)
            {
                var p = pending.GetValue(transaction, _ => new Pending(bag));
                foreach (var t in tables)
                    p.Tables.Enqueue(t);
            }
            else
            {
                foreach (var t in tables)
                    bag.Add(t);
            }
        }

        private void Committed(DbTransaction transaction)
        {
            if (pending.TryGetValue(transaction, out var p))
            {
                while (p.Tables.TryDequeue(out var t))
                    p.Bag.Add(t);
                pending.Remove(transaction);
            }
        }

        private void Dropped(DbTransaction transaction) => pending.Remove(transaction);

        public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
        {
            Record(command);
            return result;
        }

        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return ValueTask.FromResult(result);
        }

        public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
        {
            Record(command);
            return result;
        }

        public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return ValueTask.FromResult(result);
        }

        public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
        {
            Record(command);
            return result;
        }

        public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return ValueTask.FromResult(result);
        }

        public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(transaction);

        public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Committed(transaction);
            return Task.CompletedTask;
        }

        public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Dropped(transaction);

        public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Dropped(transaction);
            return Task.CompletedTask;
        }
    }

    private sealed class FuzzApp(string provider, WriteRecorder recorder) : AriadneApp(provider)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.ConfigureDbContext<SqliteAriadneDbContext>(o => o.AddInterceptors(recorder));
                services.ConfigureDbContext<PostgresAriadneDbContext>(o => o.AddInterceptors(recorder));
                services.AddTransient<IStartupFilter>(_ => new Attribution(recorder));
            });
        }
    }

    /// <summary>Ties the writes of a request to the id the fuzzer sent with it.</summary>
    private sealed class Attribution(WriteRecorder recorder) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(RequestHeader, out var id) && id.ToString() is { Length: 32 } key)
                {
                    var bag = new ConcurrentBag<string>();
                    recorder.Begin(key, bag);
                    WriteRecorder.Current.Value = bag;
                }
                await nextMiddleware(context);
            });
            next(app);
        };
    }
}

public sealed class FuzzTestsOnSqlite() : FuzzTests("Sqlite");

public sealed class FuzzTestsOnPostgres() : FuzzTests("Postgres");
