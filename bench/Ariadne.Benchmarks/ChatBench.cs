using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ariadne.Web.Features.Helpline;
using Ariadne.Web.Platform.Data;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace Ariadne.Benchmarks;

/// <summary>
/// The web chat under load, on loopback against a real Kestrel server: <c>chats</c> visitors start chats at once, operators
/// (one per 50 chats) sign in through the real pages, take them in the console and hold its live stream open; every visitor
/// then sends its messages. Reported: delivery from the visitor's send to the operator stream's receipt (p50/p95/p99), and,
/// after the server is stopped and started again on the same database, that every acknowledged message is still readable.
/// </summary>
public static partial class ChatBench
{
    private const string Password = "Sahil-Dalğası-Gecə-77";

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Security:ChatStartsPerTenMinutes"] = "1000000",
        ["Security:ChatSendsPerMinute"] = "1000000",
        ["Security:ChatReadsPerMinute"] = "1000000",
        ["Security:SignInAttemptsPerMinute"] = "1000000",
    };

    public static async Task<int> RunAsync(string provider, string connection, string keyRing, int chats, int perChat, int secondsBetween = 1)
    {
        var total = Stopwatch.StartNew();
        var operators = Math.Max(1, (chats + 49) / 50);
        var tokens = new string[chats];
        var acknowledged = new ConcurrentDictionary<string, int>(); // text -> chat index
        var sentAt = new ConcurrentDictionary<string, long>();
        var receivedAt = new ConcurrentDictionary<string, long>();
        var lost = 0;

        var host = Start(provider, connection, keyRing, out var baseUrl);
        try
        {
            var users = await CreateOperatorsAsync(host, operators);
            var consoles = new List<HttpClient>();
            foreach (var (name, key) in users)
                consoles.Add(await SignInAsync(baseUrl, name, key));
            Console.WriteLine($"{operators} operators signed in ({total.Elapsed.TotalSeconds:F1} s)");

            using var visitor = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, UseCookies = false }) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(2) };
            await Parallel.ForAsync(0, chats, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/chat/start") { Content = JsonContent.Create(new { language = "az" }) };
                request.Headers.Add("X-Chat-Start", "1");
                using var response = await visitor.SendAsync(request, ct);
                response.EnsureSuccessStatusCode();
                tokens[i] = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("token").GetString()!;
            });
            Console.WriteLine($"{chats} chats started ({total.Elapsed.TotalSeconds:F1} s)");

            // Each operator takes its share from the queue (through the console's own handler, antiforgery token and all).
            var ids = await WaitingAsync(host);
            await Parallel.ForAsync(0, ids.Count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            {
                var console = consoles[i % consoles.Count];
                var csrf = await CsrfAsync(console, "/Helpline/Chats");
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/Helpline/Chats?handler=Take&id={ids[i]}")
                {
                    Content = new FormUrlEncodedContent([new("__csrf", csrf)]),
                };
                request.Headers.Accept.ParseAdd("application/json");
                using var response = await console.SendAsync(request, ct);
                response.EnsureSuccessStatusCode();
            });
            Console.WriteLine($"{ids.Count} chats taken ({total.Elapsed.TotalSeconds:F1} s)");

            // The operators' live streams.
            using var stop = new CancellationTokenSource();
            var streams = consoles.Select(c => ReadStreamAsync(c, receivedAt, stop.Token)).ToList();
            await Task.Delay(1000);

            // Every visitor sends its messages, one after another, secondsBetween apart, starting at random within that gap.
            var clock = Stopwatch.StartNew();
            await Parallel.ForAsync(0, chats, new ParallelOptions { MaxDegreeOfParallelism = chats }, async (i, ct) =>
            {
                await Task.Delay(Random.Shared.Next(0, Math.Max(500, secondsBetween * 1000)), ct);
                for (var n = 0; n < perChat; n++)
                {
                    // Letters only: the scrubber removes runs of digits (a GUID's can look like a phone number).
                    var text = $"bench {Letters(i)} {Letters(n)} {Letters(Random.Shared.Next())}";
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/chat/send")
                    {
                        Content = JsonContent.Create(new { clientMessageId = $"m{n}", text }),
                    };
                    request.Headers.Add("X-Chat-Token", tokens[i]);
                    sentAt[text] = Stopwatch.GetTimestamp();
                    using var response = await visitor.SendAsync(request, ct);
                    if (response.StatusCode == HttpStatusCode.OK)
                        acknowledged[text] = i;
                    await Task.Delay(TimeSpan.FromSeconds(secondsBetween), ct);
                }
            });
            var sendSeconds = clock.Elapsed.TotalSeconds;
            var deadline = Stopwatch.StartNew();
            while (receivedAt.Count < acknowledged.Count && deadline.Elapsed < TimeSpan.FromSeconds(30))
                await Task.Delay(100);
            await stop.CancelAsync();
            await Task.WhenAll(streams.Select(s => s.ContinueWith(_ => { }, TaskScheduler.Default)));

            var latencies = acknowledged.Keys.Where(receivedAt.ContainsKey)
                .Select(t => (receivedAt[t] - sentAt[t]) * 1000.0 / Stopwatch.Frequency).Order().ToList();
            var missing = acknowledged.Count - latencies.Count;
            Console.WriteLine();
            Console.WriteLine($"## Web chat — {provider}, {DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores");
            Console.WriteLine($"{chats} chats, {operators} operators, {perChat} messages per chat {secondsBetween} s apart: {acknowledged.Count} acknowledged in {sendSeconds:F1} s " +
                $"({acknowledged.Count / sendSeconds:F0} messages/s)");
            Console.WriteLine("| delivery (send → operator stream) | p50 ms | p95 ms | p99 ms | max ms | not received |");
            Console.WriteLine("|---|---|---|---|---|---|");
            Console.WriteLine($"| {latencies.Count} messages | {Percentile(latencies, 0.50):F1} | {Percentile(latencies, 0.95):F1} | {Percentile(latencies, 0.99):F1} | " +
                $"{(latencies.Count > 0 ? latencies[^1] : 0):F1} | {missing} |");
            foreach (var console in consoles)
                console.Dispose();
        }
        finally
        {
            await host.DisposeAsync();
        }

        // The server restarts on the same database: every acknowledged message is readable by its visitor.
        host = Start(provider, connection, keyRing, out baseUrl);
        try
        {
            using var visitor = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = new Uri(baseUrl) };
            var readable = new ConcurrentDictionary<string, bool>();
            await Parallel.ForAsync(0, chats, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/chat/messages?after=0");
                request.Headers.Add("X-Chat-Token", tokens[i]);
                using var response = await visitor.SendAsync(request, ct);
                response.EnsureSuccessStatusCode();
                foreach (var m in (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("messages").EnumerateArray())
                    readable[m.GetProperty("text").GetString()!] = true;
            });
            lost = acknowledged.Keys.Count(t => !readable.ContainsKey(t));
            Console.WriteLine($"after a restart: {acknowledged.Count - lost} of {acknowledged.Count} acknowledged messages readable, {lost} lost " +
                $"(whole run {total.Elapsed.TotalSeconds:F0} s)");
        }
        finally
        {
            await host.DisposeAsync();
        }
        return lost == 0 ? 0 : 1;
    }

    private static BenchHost Start(string provider, string connection, string keyRing, out string baseUrl)
    {
        var host = new BenchHost(provider, connection, keyRing, Settings);
        host.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        host.StartServer();
        baseUrl = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return host;
    }

    private static string Letters(int value)
    {
        var text = new StringBuilder();
        do
        {
            text.Append((char)('a' + value % 26));
            value /= 26;
        }
        while (value > 0);
        return text.ToString();
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static async Task<List<(string Name, string Key)>> CreateOperatorsAsync(BenchHost host, int count)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AriadneDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AriadneUser>>();
        var institution = db.Institutions.FirstOrDefault(i => i.Kind == InstitutionKind.Helpline);
        if (institution is null)
        {
            institution = new Institution { Name = "Qaynar xətt", Code = "HELPLINE", Kind = InstitutionKind.Helpline, CreatedAt = DateTimeOffset.UtcNow };
            db.Institutions.Add(institution);
            await db.SaveChangesAsync();
        }
        var made = new List<(string, string)>();
        for (var i = 0; i < count; i++)
        {
            var name = "op" + Guid.NewGuid().ToString("N")[..10];
            var user = new AriadneUser { UserName = name, DisplayName = "Operator " + i, InstitutionId = institution.Id, CreatedAt = DateTimeOffset.UtcNow };
            user.Trainings.Add(new TrainingRecord { Topic = TrainingTopic.Helpline, Course = "Kurs", Provider = "Təlimçi", CompletedOn = new DateOnly(2026, 1, 10), RecordedAt = DateTimeOffset.UtcNow });
            Check(await users.CreateAsync(user, Password));
            Check(await users.AddToRolesAsync(user, [RoleCatalog.HelplineOperator]));
            Check(await users.ResetAuthenticatorKeyAsync(user));
            Check(await users.SetTwoFactorEnabledAsync(user, true));
            made.Add((name, (await users.GetAuthenticatorKeyAsync(user))!));
        }
        return made;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException(string.Join(", ", result.Errors.Select(e => e.Code)));
    }

    private static async Task<List<Guid>> WaitingAsync(BenchHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AriadneDbContext>();
        return await db.ChatSessions.AsNoTracking().Where(s => s.TakenAt == null && s.EndedAt == null).Select(s => s.Id).ToListAsync();
    }

    [GeneratedRegex("<input[^>]*name=\"__csrf\"[^>]*value=\"([^\"]+)\"|<input[^>]*value=\"([^\"]+)\"[^>]*name=\"__csrf\"")]
    private static partial Regex Csrf();

    private static async Task<string> CsrfAsync(HttpClient client, string url)
    {
        var html = await client.GetStringAsync(url);
        var match = Csrf().Match(html);
        if (!match.Success)
            throw new InvalidOperationException($"No antiforgery token on {url}");
        return WebUtility.HtmlDecode(match.Groups[1].Success ? match.Groups[1].Value : match.Groups[2].Value);
    }

    /// <summary>Signs in through the real pages: password, then the authenticator's code.</summary>
    private static async Task<HttpClient> SignInAsync(string baseUrl, string name, string key)
    {
        var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), UseCookies = true, AllowAutoRedirect = true })
        {
            BaseAddress = new Uri(baseUrl),
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var csrf = await CsrfAsync(client, "/Account/SignIn");
        using (var response = await client.PostAsync("/Account/SignIn", new FormUrlEncodedContent(
            [new("__csrf", csrf), new("Input.UserName", name), new("Input.Password", Password)])))
        {
            if (!response.RequestMessage!.RequestUri!.AbsolutePath.StartsWith("/Account/SignInMfa", StringComparison.Ordinal))
                throw new InvalidOperationException("The password step did not lead to the second factor.");
        }
        csrf = await CsrfAsync(client, "/Account/SignInMfa");
        var code = new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow);
        using (var response = await client.PostAsync("/Account/SignInMfa", new FormUrlEncodedContent([new("__csrf", csrf), new("Input.Code", code)])))
        {
            if (response.RequestMessage!.RequestUri!.AbsolutePath.StartsWith("/Account/SignIn", StringComparison.Ordinal))
                throw new InvalidOperationException("The second factor was refused.");
        }
        return client;
    }

    /// <summary>Reads the console's stream, noting when each visitor message arrives (reconnecting when the stream ends).</summary>
    private static async Task ReadStreamAsync(HttpClient client, ConcurrentDictionary<string, long> receivedAt, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/helpline/chats/stream");
            request.Headers.Accept.ParseAdd("text/event-stream");
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            response.EnsureSuccessStatusCode();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct), Encoding.UTF8);
            string? eventName = null;
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                if (line.StartsWith("event:", StringComparison.Ordinal))
                    eventName = line[6..].Trim();
                else if (line.StartsWith("data:", StringComparison.Ordinal) && eventName == "chat")
                {
                    var now = Stopwatch.GetTimestamp();
                    foreach (var m in JsonDocument.Parse(line[5..]).RootElement.GetProperty("messages").EnumerateArray())
                        if (m.GetProperty("fromVisitor").GetBoolean())
                            receivedAt.TryAdd(m.GetProperty("text").GetString()!, now);
                }
                else if (line.Length == 0)
                    eventName = null;
            }
        }
    }
}
