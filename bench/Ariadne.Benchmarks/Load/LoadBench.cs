using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Ariadne.Benchmarks.Crash;
using Ariadne.Web.Features.Accommodation;
using Ariadne.Web.Features.Helpline;
using Ariadne.Web.Platform.Audit;
using Microsoft.EntityFrameworkCore;

namespace Ariadne.Benchmarks.Load;

/// <summary>
/// Issue 18 items 4 and 6. <c>load postgres [users] [minutes] [nodes]</c>: on the seeded world (<c>seed</c>: 1,000,000 cases),
/// starts the real server as 1 or 2 processes of its own on 127.0.0.1 (one database), then runs the simulated people of
/// <see cref="LoadWorld.Mix"/> (scaled to <c>users</c>) for a ramp-up minute and <c>minutes</c> measured minutes. Prints p50/p95/p99
/// and errors per page. With 2 nodes, one is SIGKILLed at a random moment in the middle half of the measured time; its people
/// go on through the other node; at the end every acknowledged write must be in the database (with its audit event) and
/// every acknowledged chat message readable.
/// </summary>
public static class LoadBench
{
    public static async Task<int> RunAsync(string provider, string connection, string keyRing, string root, int users, double minutes, int nodeCount)
    {
        var webDll = Path.Combine(root, "src", "Ariadne.Web", "bin", "Release", "net10.0", "Ariadne.Web.dll");
        if (!File.Exists(webDll))
            throw new InvalidOperationException("Build the solution in Release first: " + webDll);
        var work = Path.GetFullPath("bench-data/load-" + provider);
        Directory.CreateDirectory(work);
        var worldFile = Path.Combine(work, "world.json");
        var clock = Stopwatch.StartNew();
        LoadWorld world;
        if (File.Exists(worldFile))
            world = LoadWorld.Load(worldFile);
        else
        {
            await using (var host = new BenchHost(provider, connection, keyRing))
                world = await LoadWorld.CreateAsync(host.Services);
            world.Save(worldFile);
            Console.WriteLine($"load world made in {clock.Elapsed.TotalSeconds:F0} s ({world.People.Count} people)");
        }

        // Every simulated person comes from 127.0.0.1: the per-address limits (sign-in attempts, chat starts) would treat 200
        // people as one attacker. They are raised for the run; in production the people come from many addresses.
        var settings = new Dictionary<string, string>
        {
            ["Security__SignInAttemptsPerMinute"] = "100000",
            ["Security__ChatStartsPerTenMinutes"] = "100000",
            ["Security__ChatSendsPerMinute"] = "100000",
            ["Security__ChatReadsPerMinute"] = "100000",
        };
        var apps = Enumerable.Range(0, nodeCount).Select(n => new AppProcess(webDll, provider, connection, keyRing,
            Path.Combine(work, $"audit-head-{n}.json"), Path.Combine(work, $"server-{n}.log"), settings)).ToList();
        try
        {
            foreach (var (app, n) in apps.Select((a, n) => (a, n)))
                Console.WriteLine($"node {n}: ready in {(await app.StartAsync(TimeSpan.FromSeconds(180))).TotalSeconds:F1} s");
            var nodes = new Nodes(apps.Select(a => a.Address).ToList());
            var recorder = new Recorder();

            // The mix, scaled to the number of users asked for; people start at random within the ramp-up.
            var people = Scale(world, users);
            var ramp = TimeSpan.FromSeconds(Math.Min(60, 10 + users / 4));
            var measured = TimeSpan.FromMinutes(minutes);
            var simulated = people.Select((p, i) => new SimulatedUser(p, i, nodes, recorder, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(8))).ToList();
            Console.WriteLine($"{simulated.Count} simulated people ({string.Join(", ", people.GroupBy(p => p.Kind).Select(g => $"{g.Key} {g.Count()}"))}); "
                + $"ramp-up {ramp.TotalSeconds:F0} s, measured {measured.TotalMinutes:F1} min, think time 2–8 s, {nodeCount} node(s), {Environment.ProcessorCount} cores");
            using var stop = new CancellationTokenSource();
            var running = simulated.Select((u, i) => Task.Run(() => u.RunAsync(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ramp.TotalMilliseconds * 0.8), stop.Token))).ToList();
            await Task.Delay(ramp);
            recorder.MeasureFrom = Stopwatch.GetTimestamp();
            var measureStart = Stopwatch.GetTimestamp();
            var cpuStart = apps.Select(a => a.CpuTime()).ToList();
            var harnessStart = Process.GetCurrentProcess().TotalProcessorTime;
            var machineStart = MachineBusySeconds();
            string? killNote = null;
            if (nodeCount > 1)
            {
                var at = TimeSpan.FromMilliseconds(measured.TotalMilliseconds * (0.25 + Random.Shared.NextDouble() * 0.5));
                await Task.Delay(at);
                var before = recorder.Acks.Count;
                nodes.MarkDead(1);
                apps[1].Kill();
                killNote = $"node 1 SIGKILLed {at.TotalSeconds:F0} s into the measured time ({before} writes acknowledged before)";
                Console.WriteLine(killNote);
                await Task.Delay(measured - at);
            }
            else
                await Task.Delay(measured);
            var seconds = Stopwatch.GetElapsedTime(measureStart).TotalSeconds;
            var cpu = apps.Select((a, i) => a.HasExited ? double.NaN : (a.CpuTime() - cpuStart[i]).TotalSeconds / seconds).ToList();
            // Where the cores went: the server(s), this harness (the 200 people), and the rest (PostgreSQL, mostly).
            var harness = (Process.GetCurrentProcess().TotalProcessorTime - harnessStart).TotalSeconds / seconds;
            var machine = (MachineBusySeconds() - machineStart) / seconds;
            await stop.CancelAsync();
            await Task.WhenAll(running.Select(t => t.ContinueWith(r =>
            {
                if (r.Exception is { } e)
                    Console.WriteLine("  a simulated person stopped: " + e.InnerException?.Message);
            }, TaskScheduler.Default)));

            Console.WriteLine();
            Console.WriteLine($"## Load — {provider}, {DateTime.UtcNow:yyyy-MM-dd}, {users} people, {measured.TotalMinutes:F1} min measured, {nodeCount} node(s)");
            Console.WriteLine($"machine: {Environment.ProcessorCount} cores; load average at the end {File.ReadAllText("/proc/loadavg").Split(' ')[0]}; server CPU {string.Join(", ", cpu.Select(c => double.IsNaN(c) ? "killed" : $"{c:F2} cores"))}; "
                + $"harness CPU {harness:F2} cores; machine busy {machine:F2} cores (PostgreSQL and the rest {machine - harness - cpu.Where(c => !double.IsNaN(c)).Sum():F2})");
            recorder.Print(Console.Out, seconds);
            Console.WriteLine($"  counters: {string.Join(", ", recorder.Counters.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}"))}");
            Console.WriteLine($"  writes acknowledged: {string.Join(", ", recorder.Acks.GroupBy(a => a.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"))}; chat messages {recorder.ChatAcks.Count}");
            var problems = await CheckAsync(provider, connection, recorder, simulated, nodes);
            if (killNote is not null)
                Console.WriteLine($"  {killNote}; errors at the kill (requests to the killed node, moved to the other): {recorder.KillErrorCount}");
            Console.WriteLine($"  acknowledged writes missing: {problems.Count}");
            foreach (var p in problems.Take(20))
                Console.WriteLine("    " + p);
            return recorder.ErrorCount == 0 && problems.Count == 0 ? 0 : 1;
        }
        finally
        {
            foreach (var app in apps)
                app.Kill();
        }
    }

    private static readonly int[] BusyFields = [1, 2, 3, 6, 7, 8];

    /// <summary>The seconds all cores were busy since boot (user, nice, system, irq, softirq, steal), from the first line of /proc/stat.</summary>
    private static double MachineBusySeconds()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var ticks = BusyFields.Sum(i => long.Parse(fields[i], System.Globalization.CultureInfo.InvariantCulture));
        return ticks / 100.0; // USER_HZ is 100 on Linux
    }

    private static List<Persona> Scale(LoadWorld world, int users)
    {
        var total = LoadWorld.Mix.Sum(m => m.Share);
        var people = new List<Persona>();
        foreach (var (kind, share) in LoadWorld.Mix)
            people.AddRange(world.People.Where(p => p.Kind == kind).Take(Math.Max(1, (int)Math.Round(share * (double)users / total))));
        return people;
    }

    /// <summary>Every acknowledged write is in the database with its audit event; every acknowledged chat message of a chat still open is readable.</summary>
    private static async Task<List<string>> CheckAsync(string provider, string connection, Recorder recorder, List<SimulatedUser> users, Nodes nodes)
    {
        var problems = new List<string>();
        await using (var db = CrashCheck.Open(provider, connection))
        {
            foreach (var group in recorder.Acks.GroupBy(a => a.Kind))
            {
                var ids = group.Select(a => a.Id).Distinct().ToList();
                var found = new HashSet<Guid>();
                foreach (var chunk in ids.Chunk(1000))
                {
                    var list = chunk.ToList();
                    found.UnionWith(group.Key switch
                    {
                        "referral" => await db.Set<Referral>().Where(r => list.Contains(r.Id)).Select(r => r.Id).ToListAsync(),
                        "case" => await db.Set<ProtectionCase>().Where(c => list.Contains(c.Id)).Select(c => c.Id).ToListAsync(),
                        "contact" => await db.Set<HelplineContact>().Where(c => list.Contains(c.Id)).Select(c => c.Id).ToListAsync(),
                        "placement" => await db.Set<Placement>().Where(p => list.Contains(p.Id)).Select(p => p.Id).ToListAsync(),
                        "discharge" => await db.Set<Placement>().Where(p => list.Contains(p.Id) && p.DischargedAt != null).Select(p => p.Id).ToListAsync(),
                        _ => throw new InvalidOperationException(group.Key),
                    });
                    var audited = await db.Set<AuditEvent>().Where(e => (e.TargetId != null && list.Contains(e.TargetId.Value)) || (e.CaseId != null && list.Contains(e.CaseId.Value)))
                        .Select(e => e.TargetId ?? e.CaseId).Distinct().ToListAsync();
                    problems.AddRange(list.Where(id => found.Contains(id) && !audited.Contains(id)).Select(id => $"acknowledged {group.Key} {id} has no audit event"));
                }
                problems.AddRange(ids.Where(id => !found.Contains(id)).Select(id => $"acknowledged {group.Key} {id} is missing"));
            }
        }
        var live = nodes.Addresses[nodes.Alive(0)];
        using var client = new HttpClient { BaseAddress = live };
        var open = users.Select(u => u.OpenChatToken).Where(t => t is not null).ToHashSet();
        foreach (var chat in recorder.ChatAcks.Where(c => open.Contains(c.Token)).GroupBy(c => c.Token))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/chat/messages?after=0");
            request.Headers.Add("X-Chat-Token", chat.Key);
            using var response = await client.SendAsync(request);
            // A chat the operator ended without the visitor's consent to keep it is erased by design (messages and key): not a loss.
            if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
                continue;
            if (!response.IsSuccessStatusCode)
            {
                problems.Add($"an open chat is not readable ({(int)response.StatusCode})");
                continue;
            }
            var view = await response.Content.ReadFromJsonAsync<JsonElement>();
            if (view.TryGetProperty("ended", out var ended) && ended.GetBoolean())
                continue;
            var texts = view.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("text").GetString()).ToHashSet();
            problems.AddRange(chat.Where(c => !texts.Contains(c.Text)).Select(_ => "an acknowledged chat message is missing"));
        }
        return problems;
    }
}
