using System.Diagnostics;
using Ariadne.Web.Platform.Data;

namespace Ariadne.Benchmarks.Crash;

/// <summary>
/// Issue 18 items 1 and 7. <c>crash sqlite|postgres [runs] [minutes]</c>: start the real application as its own
/// process, drive concurrent writes, SIGKILL it at a random moment, check (acknowledged writes present, no
/// half-written record, <c>audit verify</c>), start it again, send again what was unanswered with the same
/// Idempotency-Key; as many runs as asked or as fit in the minutes. <c>failover postgres [before-s] [after-s]</c>:
/// the same writers against a multi-host connection string; after before-s the command in ARIADNE_FAILOVER_CMD
/// stops the primary and promotes the standby; reports how long until writes are acknowledged again and checks
/// that no acknowledged write was lost.
/// </summary>
public static class CrashBench
{
    public static async Task<int> RunAsync(string verb, string provider, string connection, string root, string[] args)
    {
        int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], System.Globalization.CultureInfo.InvariantCulture) : fallback;
        var work = Path.GetFullPath($"bench-data/{verb}-{provider}");
        if (Directory.Exists(work))
            Directory.Delete(work, true);
        Directory.CreateDirectory(work);
        if (provider == DataServices.SqliteProvider)
            connection = $"Data Source={Path.Combine(work, "crash.db")}";
        var keyRing = Path.Combine(work, "keys.json");
        var webDll = Path.Combine(root, "src", "Ariadne.Web", "bin", "Release", "net10.0", "Ariadne.Web.dll");
        if (!File.Exists(webDll))
            throw new InvalidOperationException("Build the solution in Release first: " + webDll);

        var clock = Stopwatch.StartNew();
        CrashWorld world;
        await using (var host = new BenchHost(provider, connection, keyRing, new Dictionary<string, string> { ["Statistics:RefreshJob"] = "false" }))
            world = await CrashWorld.CreateAsync(host.Services);
        Console.WriteLine($"{verb} {provider}: world made in {clock.Elapsed.TotalSeconds:F1} s (machine: {Environment.ProcessorCount} cores)");
        var app = new AppProcess(webDll, provider, connection, keyRing, Path.Combine(work, "audit-head.json"), Path.Combine(work, "server.log"));
        return verb == "failover"
            ? await FailoverAsync(app, world, provider, connection, Arg(2, 10), Arg(3, 30))
            : await CrashAsync(app, world, provider, connection, work, Arg(2, 200), Arg(3, 60));
    }

    private static async Task<int> CrashAsync(AppProcess app, CrashWorld world, string provider, string connection, string work, int runs, int minutes)
    {
        var budget = Stopwatch.StartNew();
        var acks = new List<Ack>();
        var pending = new List<Pending>();
        var problems = new List<string>();
        var unexpected = new List<string>();
        var starts = new List<double>();
        var perRun = new List<double>();
        var auditFailures = 0;
        var done = 0;
        for (var run = 1; run <= runs && budget.Elapsed < TimeSpan.FromMinutes(minutes); run++)
        {
            var runClock = Stopwatch.StartNew();
            starts.Add((await app.StartAsync(TimeSpan.FromSeconds(120))).TotalSeconds);
            var writer = new CrashWriter(app.Address, world, run);
            using (var replayLimit = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
                await writer.ReplayAsync(pending, replayLimit.Token);
            using var stop = new CancellationTokenSource();
            var writing = writer.RunAsync(stop.Token);
            // The kill falls at a random moment once writes are flowing (the first answers wait for the JIT).
            var wait = Stopwatch.StartNew();
            while (!writer.Acks.Any(a => !a.Replayed) && wait.Elapsed < TimeSpan.FromSeconds(30))
                await Task.Delay(20);
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(4000)));
            app.Kill();
            await stop.CancelAsync();
            await writing;
            acks.AddRange(writer.Acks);
            pending = [.. writer.Unanswered];
            unexpected.AddRange(writer.UnexpectedStatuses);

            var found = await CrashCheck.RunAsync(provider, connection, acks);
            var head = Path.Combine(work, "audit-head.json");
            var (code, line) = await app.VerbAsync(File.Exists(head) ? $"audit verify --head-file \"{head}\"" : "audit verify", TimeSpan.FromSeconds(120));
            if (code != 0)
            {
                auditFailures++;
                found.Add("audit verify: " + line);
            }
            problems.AddRange(found.Select(f => $"run {run}: {f}"));
            perRun.Add(runClock.Elapsed.TotalSeconds);
            done = run;
            Console.WriteLine($"  run {run}: {writer.Acks.Count(a => a.Kind != "read")} writes and {writer.Acks.Count(a => a.Kind == "read")} reads acknowledged, "
                + $"{writer.Unanswered.Count} in flight at the kill, {found.Count} problems; audit verify {(code == 0 ? "ok" : "FAILED")}; {runClock.Elapsed.TotalSeconds:F1} s");
            foreach (var f in found.Take(5))
                Console.WriteLine("    " + f);
        }
        Console.WriteLine($"{provider}: {done} runs in {budget.Elapsed.TotalMinutes:F1} min ({perRun.DefaultIfEmpty().Average():F1} s per run; server start to ready {starts.DefaultIfEmpty().Average():F1} s on average)");
        Console.WriteLine($"  acknowledged: {string.Join(", ", acks.GroupBy(a => a.Kind).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))}; sent again after a kill and acknowledged: {acks.Count(a => a.Replayed)}");
        Console.WriteLine($"  {await CrashCheck.CountsAsync(provider, connection)}");
        Console.WriteLine($"  answers other than success: {(unexpected.Count == 0 ? "none" : string.Join(", ", unexpected.GroupBy(u => u).Select(g => $"{g.Key} ×{g.Count()}")))}");
        Console.WriteLine($"  problems: {problems.Count} (audit verify failed {auditFailures} times)");
        foreach (var p in problems.Take(20))
            Console.WriteLine("    " + p);
        return problems.Count == 0 ? 0 : 1;
    }

    private static async Task<int> FailoverAsync(AppProcess app, CrashWorld world, string provider, string connection, int before, int after)
    {
        var command = Environment.GetEnvironmentVariable("ARIADNE_FAILOVER_CMD") ?? throw new InvalidOperationException("Set ARIADNE_FAILOVER_CMD.");
        Console.WriteLine($"  server ready in {(await app.StartAsync(TimeSpan.FromSeconds(120))).TotalSeconds:F1} s");
        var writer = new CrashWriter(app.Address, world, 1);
        using var stop = new CancellationTokenSource();
        var writing = writer.RunAsync(stop.Token, keepGoing: true);
        await Task.Delay(TimeSpan.FromSeconds(before));
        var failedAt = DateTimeOffset.UtcNow;
        var beforeCount = writer.Acks.Count(a => a.Kind != "read");
        using (var failover = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", command]) { UseShellExecute = false })!)
            await failover.WaitForExitAsync();
        var promotedAt = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(after));
        await stop.CancelAsync();
        await writing;
        app.Kill();
        var acks = writer.Acks.ToList();
        var lastBefore = acks.Where(a => a.At < failedAt && a.Kind != "read").Select(a => a.At).DefaultIfEmpty(failedAt).Max();
        var firstAfter = acks.Where(a => a.At > promotedAt && a.Kind != "read").Select(a => (DateTimeOffset?)a.At).Min();
        var problems = await CrashCheck.RunAsync(provider, connection, acks);
        var (code, line) = await app.VerbAsync("audit verify", TimeSpan.FromSeconds(120));
        if (code != 0)
            problems.Add("audit verify: " + line);
        Console.WriteLine($"failover: {beforeCount} writes acknowledged before the primary was stopped, {acks.Count(a => a.Kind != "read") - beforeCount} after; "
            + $"stop and promote took {(promotedAt - failedAt).TotalSeconds:F1} s");
        Console.WriteLine(firstAfter is { } first
            ? $"  writes acknowledged again {(first - promotedAt).TotalSeconds:F1} s after the promotion ({(first - lastBefore).TotalSeconds:F1} s without an acknowledged write)"
            : "  NO write acknowledged after the promotion");
        Console.WriteLine($"  answers other than success during the failover: {(writer.UnexpectedStatuses.Count == 0 ? "none" : string.Join(", ", writer.UnexpectedStatuses.GroupBy(u => u).Select(g => $"{g.Key} ×{g.Count()}")))}");
        Console.WriteLine($"  {await CrashCheck.CountsAsync(provider, connection)}");
        Console.WriteLine($"  problems: {problems.Count}; audit verify: {line}");
        foreach (var p in problems.Take(20))
            Console.WriteLine("    " + p);
        return problems.Count == 0 && firstAfter is not null ? 0 : 1;
    }
}
