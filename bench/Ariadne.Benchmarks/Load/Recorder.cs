using System.Collections.Concurrent;
using System.Diagnostics;

namespace Ariadne.Benchmarks.Load;

/// <summary>A write the client saw acknowledged (2xx with the resource's id), to be found in the database at the end.</summary>
public sealed record LoadAck(string Kind, Guid Id);

/// <summary>Response times per page and the errors per page (any answer other than 2xx/3xx, a refused connection or a timeout).</summary>
public sealed class Recorder
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<double>> times = new();
    private readonly ConcurrentDictionary<string, int> requests = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> errors = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> atKill = new();
    private readonly ConcurrentDictionary<string, int> counters = new();
    /// <summary>Every measured request's start (seconds into the measured time) and duration: where in the run the tail is.</summary>
    private readonly ConcurrentQueue<(double At, double Ms)> timeline = new();
    public ConcurrentQueue<LoadAck> Acks { get; } = new();
    public ConcurrentQueue<(string Token, string Text)> ChatAcks { get; } = new();

    /// <summary>Times before this are the ramp-up (sign-ins, cold caches): counted for errors, not for the percentiles.</summary>
    public long MeasureFrom { get; set; } = long.MaxValue;

    public void Time(string page, long started)
    {
        requests.AddOrUpdate(page, 1, (_, n) => n + 1);
        if (started >= MeasureFrom)
        {
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            times.GetOrAdd(page, _ => new()).Enqueue(ms);
            if (!page.StartsWith("sign-in", StringComparison.Ordinal))
                timeline.Enqueue((Stopwatch.GetElapsedTime(MeasureFrom, started).TotalSeconds, ms));
        }
    }

    public void Error(string page, string what, bool killRelated)
    {
        requests.AddOrUpdate(page, 1, (_, n) => n + 1);
        (killRelated ? atKill : errors).GetOrAdd(page, _ => new()).Enqueue(what);
    }

    public void Count(string what) => counters.AddOrUpdate(what, 1, (_, n) => n + 1);

    public int ErrorCount => errors.Values.Sum(q => q.Count);
    public int KillErrorCount => atKill.Values.Sum(q => q.Count);
    public IReadOnlyDictionary<string, int> Counters => counters;

    public void Print(TextWriter output, double seconds)
    {
        output.WriteLine("| page | requests | measured | req/s | p50 ms | p95 ms | p99 ms | max ms | errors |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|");
        var all = new List<double>();
        foreach (var page in requests.Keys.Order(StringComparer.Ordinal))
        {
            var sorted = times.TryGetValue(page, out var q) ? q.Order().ToList() : [];
            if (!page.StartsWith("sign-in", StringComparison.Ordinal))
                all.AddRange(sorted);
            var failed = errors.TryGetValue(page, out var e) ? e.Count : 0;
            output.WriteLine($"| {page} | {requests[page]} | {sorted.Count} | {sorted.Count / seconds:F1} | {P(sorted, 0.50):F0} | {P(sorted, 0.95):F0} | {P(sorted, 0.99):F0} | "
                + $"{(sorted.Count > 0 ? sorted[^1] : double.NaN):F0} | {failed} |");
        }
        all.Sort();
        output.WriteLine($"| **all pages and API calls (sign-in excluded)** | | {all.Count} | {all.Count / seconds:F1} | {P(all, 0.50):F0} | {P(all, 0.95):F0} | {P(all, 0.99):F0} | "
            + $"{(all.Count > 0 ? all[^1] : double.NaN):F0} | {ErrorCount} |");
        // The tail by when it happened: a bucket whose p99 stands out is a moment (a job, a burst, a pause), not a page.
        output.WriteLine("  by time (30 s buckets of the measured time; requests, p50 / p99 / max ms, slower than 1 s):");
        foreach (var bucket in timeline.GroupBy(t => (int)(t.At / 30)).OrderBy(g => g.Key))
        {
            var sorted = bucket.Select(t => t.Ms).Order().ToList();
            output.WriteLine($"    {bucket.Key * 30,4}-{bucket.Key * 30 + 30,4} s: {sorted.Count,5}, {P(sorted, 0.50),4:F0} / {P(sorted, 0.99),5:F0} / {sorted[^1],5:F0}, {sorted.Count(x => x > 1000),3}");
        }
        foreach (var (page, list) in errors.OrderBy(e => e.Key, StringComparer.Ordinal))
            output.WriteLine($"  errors on {page}: {string.Join(", ", list.GroupBy(x => x).Select(g => $"{g.Key} ×{g.Count()}"))}");
        foreach (var (page, list) in atKill.OrderBy(e => e.Key, StringComparer.Ordinal))
            output.WriteLine($"  at the kill, on {page}: {string.Join(", ", list.GroupBy(x => x).Select(g => $"{g.Key} ×{g.Count()}"))}");
    }

    public static double P(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
