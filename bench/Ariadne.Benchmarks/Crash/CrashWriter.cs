using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ariadne.Benchmarks.Crash;

/// <summary>A write the client saw acknowledged: a 2xx answer carrying the resource's id.</summary>
public sealed record Ack(string Kind, Guid Id, int Run, bool Replayed)
{
    public DateTimeOffset At { get; } = DateTimeOffset.UtcNow;
}

/// <summary>A write sent whose answer never came (the server died): sent again, with the same Idempotency-Key, at the next start.</summary>
public sealed record Pending(string Kind, string Token, string Path, string Body, string Key);

/// <summary>
/// Drives concurrent writes through the public API of a running Ariadne (referrals, cases, helpline contacts,
/// investigations with evidence uploads, shelter admissions and discharges) and audited case reads, each write
/// under an Idempotency-Key, and records every acknowledged one. Stops at the first refused connection after
/// the server dies; what was in flight is kept as <see cref="Pending"/>.
/// </summary>
public sealed class CrashWriter(Uri server, CrashWorld world, int run)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
    private readonly ConcurrentQueue<Ack> acks = new();
    private readonly ConcurrentQueue<Pending> pending = new();
    private readonly ConcurrentBag<Guid> cases = [];
    private readonly Random random = new(Random.Shared.Next());
    private int unexpected;

    public IReadOnlyCollection<Ack> Acks => acks;
    public IReadOnlyCollection<Pending> Unanswered => pending;
    /// <summary>Answers that were neither a success nor a dead server (a 4xx/5xx): each is a finding, printed without bodies.</summary>
    public int Unexpected => unexpected;
    public List<string> UnexpectedStatuses { get; } = [];
    public TimeSpan? FirstSuccessAfter { get; private set; }
    private DateTimeOffset started;
    private bool pauseOnFailure;

    private HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Sends again what the last run left unanswered; an answer now is an acknowledgement (the same id if it had committed).</summary>
    public async Task ReplayAsync(IEnumerable<Pending> previous, CancellationToken ct)
    {
        foreach (var p in previous)
        {
            using var client = Client(p.Token);
            await SendAsync(client, p.Kind, p.Path, p.Body, p.Key, replay: true, ct);
        }
    }

    /// <summary>Runs every writer until <paramref name="ct"/> is cancelled or the server stops answering.</summary>
    public async Task RunAsync(CancellationToken ct, bool keepGoing = false)
    {
        started = DateTimeOffset.UtcNow;
        pauseOnFailure = keepGoing;
        await Task.WhenAll(
            Loop(world.ReferrerToken, keepGoing, ReferralAsync, ct),
            Loop(world.ReferrerToken, keepGoing, ReferralAsync, ct),
            Loop(world.InvestigatorToken, keepGoing, CaseAsync, ct),
            Loop(world.InvestigatorToken, keepGoing, CaseAsync, ct),
            Loop(world.OperatorToken, keepGoing, ContactAsync, ct),
            Loop(world.OperatorToken, keepGoing, ContactAsync, ct),
            Loop(world.InvestigatorToken, keepGoing, EvidenceAsync, ct),
            Loop(world.ManagerToken, keepGoing, PlacementsAsync, ct),
            Loop(world.InvestigatorToken, keepGoing, ReadAsync, ct),
            Loop(world.InvestigatorToken, keepGoing, ReadAsync, ct));
    }

    private async Task Loop(string token, bool keepGoing, Func<HttpClient, CancellationToken, Task> step, CancellationToken ct)
    {
        using var client = Client(token);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await step(client, ct);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or OperationCanceledException)
            {
                if (!keepGoing || ct.IsCancellationRequested)
                    return; // the server is gone: this writer stops
                await Task.Delay(50, CancellationToken.None);
            }
        }
    }

    private string Key(string kind) => $"crash-{kind}-{run}-{Guid.NewGuid():N}";

    private async Task<Guid?> SendAsync(HttpClient client, string kind, string path, string body, string key, bool replay, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", key);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, ct);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or OperationCanceledException)
        {
            pending.Enqueue(new Pending(kind, client.DefaultRequestHeaders.Authorization!.Parameter!, path, body, key));
            throw;
        }
        using (response)
            return await AcknowledgedAsync(response, kind, replay, ct);
    }

    private async Task<Guid?> AcknowledgedAsync(HttpResponseMessage response, string kind, bool replay, CancellationToken ct)
    {
        string text;
        try
        {
            text = await response.Content.ReadAsStringAsync(ct);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return null; // the head came, the body did not: not seen as acknowledged (the id is unknown)
        }
        if (!response.IsSuccessStatusCode)
        {
            Interlocked.Increment(ref unexpected);
            // The fields a 400 names (never their values): a refused body is the harness's mistake, not the server's.
            var fields = "";
            if (response.StatusCode == System.Net.HttpStatusCode.BadRequest && text.StartsWith('{'))
                using (var problem = JsonDocument.Parse(text))
                    if (problem.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
                        fields = " (" + string.Join(" ", errors.EnumerateObject().Select(e => e.Name)) + ")";
            lock (UnexpectedStatuses)
                UnexpectedStatuses.Add($"{kind} {(int)response.StatusCode}{fields}");
            if (pauseOnFailure)
                await Task.Delay(100, CancellationToken.None); // through a failover: try again soon, without flooding the log
            return null;
        }
        var id = JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
        acks.Enqueue(new Ack(kind, id, run, replay));
        FirstSuccessAfter ??= DateTimeOffset.UtcNow - started;
        return id;
    }

    private Task ReferralAsync(HttpClient client, CancellationToken ct)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var referral = new ReferralInput
        {
            GivenName = "Crash" + tag,
            FamilyName = "Referral",
            DateOfBirth = "1999-05-06",
            Sex = "female",
            Citizenship = "UZB",
            Languages = "Uzbek",
            DocumentNumber = "CR" + tag,
            Whereabouts = "Border post",
            ImmediateDanger = false,
            Indicators = ["documents"],
            Exploitation = ["sexual"],
            Consent = ReferralConsent.Given,
        };
        return SendAsync(client, "referral", "/api/v1/referrals", JsonSerializer.Serialize(new { referral }, Json), Key("referral"), false, ct);
    }

    private async Task CaseAsync(HttpClient client, CancellationToken ct)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var body = JsonSerializer.Serialize(new { givenName = "Crash" + tag, familyName = "Case", documentNumber = "CC" + tag, situation = "Crash test" }, Json);
        if (await SendAsync(client, "case", "/api/v1/cases", body, Key("case"), false, ct) is { } id)
            cases.Add(id);
    }

    private Task ContactAsync(HttpClient client, CancellationToken ct) =>
        SendAsync(client, "contact", "/api/v1/helpline/contacts",
            JsonSerializer.Serialize(new { channel = "Sms", category = "ForcedLabour", consentBasis = "VictimDeclines", summary = "Crash test contact" }, Json), Key("contact"), false, ct);

    private static readonly string[] Offences = ["144-1.1"];
    private Guid? fileId;

    private async Task EvidenceAsync(HttpClient client, CancellationToken ct)
    {
        if (fileId is null)
        {
            fileId = await SendAsync(client, "investigation", "/api/v1/investigations",
                JsonSerializer.Serialize(new { title = "Crash run " + run, offences = Offences }, Json), Key("investigation"), false, ct);
            if (fileId is null)
                return;
        }
        var content = Encoding.ASCII.GetBytes(
            $"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 200]>>endobj\ntrailer<</Root 1 0 R>>\n% {Guid.NewGuid()}\n%%EOF\n");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(fileId.Value.ToString()), "fileId" }, { new StringContent("Crash test item"), "description" }, { new StringContent("Locker"), "location" },
            { new ByteArrayContent(content), "file", "item.pdf" },
        };
        using var response = await client.PostAsync("/api/v1/evidence", form, ct);
        await AcknowledgedAsync(response, "evidence", false, ct);
    }

    private int next;

    /// <summary>The shelter's beds in turn: a stay left open by the last run is ended first, then admit and discharge.</summary>
    private async Task PlacementsAsync(HttpClient client, CancellationToken ct)
    {
        var i = next++ % world.ShelterCases.Count;
        var (caseId, bedId) = (world.ShelterCases[i], world.Beds[i]);
        using var list = JsonDocument.Parse(await client.GetStringAsync("/api/v1/placements", ct));
        var open = list.RootElement.EnumerateArray().Where(e => e.GetProperty("caseId").GetGuid() == caseId).Select(e => e.GetProperty("id").GetGuid()).FirstOrDefault();
        if (open == Guid.Empty)
        {
            open = await SendAsync(client, "placement", "/api/v1/placements", JsonSerializer.Serialize(new { caseId, bedId, alias = "Guest" }, Json), Key("placement"), false, ct) ?? Guid.Empty;
            if (open == Guid.Empty)
                return;
        }
        var baku = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(4));
        await SendAsync(client, "discharge", $"/api/v1/placements/{open}/discharge",
            JsonSerializer.Serialize(new { on = baku, reason = "PlanCompleted", destination = "Family", followUpConsent = false }, Json), Key("discharge"), false, ct);
    }

    /// <summary>Audit-heavy reads: every case read writes its audit event.</summary>
    private async Task ReadAsync(HttpClient client, CancellationToken ct)
    {
        var known = cases.ToArray();
        if (known.Length == 0)
        {
            await Task.Delay(20, ct);
            return;
        }
        using var response = await client.GetAsync($"/api/v1/cases/{known[random.Next(known.Length)]}", ct);
        if (!response.IsSuccessStatusCode)
        {
            Interlocked.Increment(ref unexpected);
            lock (UnexpectedStatuses)
                UnexpectedStatuses.Add($"read {(int)response.StatusCode}");
            if (pauseOnFailure)
                await Task.Delay(100, CancellationToken.None);
        }
        else
            acks.Enqueue(new Ack("read", Guid.Empty, run, false));
    }
}
