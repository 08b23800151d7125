using System.Data.Common;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Ariadne.Web.Platform.Access;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.Benchmarks;

/// <summary>p50/p95 of the need-to-know queries and of whole HTTP requests, next to plain hand-written SQL.</summary>
public static class Measurements
{
    private const int Warmup = 20;
    private const int Runs = 200;

    public static async Task RunAsync(BenchHost host, string provider)
    {
        var report = new StringBuilder();
        void Line(string text)
        {
            Console.WriteLine(text);
            report.AppendLine(text);
        }
        Line($"## {provider} — {DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores");
        Line("| measurement | subject | p50 ms | p95 ms |");
        Line("|---|---|---|---|");

        await using var scope = host.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AriadneDbContext>();
        var access = sp.GetRequiredService<CaseAccess>();
        var index = sp.GetRequiredService<BlindIndex>();
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
        var counts = new Dictionary<string, int>();

        foreach (var subject in new[] { Seeder.SubjectFew, Seeder.SubjectMany })
        {
            var user = await db.Users.SingleAsync(u => u.UserName == subject);
            var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == user.Id select r.Name!).ToListAsync();
            var viewer = new Viewer(user.Id, user.InstitutionId, AccessMatrix.RelationsFor(roles));
            counts[subject] = await access.ActiveGrants(viewer).CountAsync();

            var (p50, p95) = await TimeAsync(async () =>
            {
                var page = await access.PageAsync(viewer, null, 25);
                var ids = page.Select(r => r.Id).ToList();
                return await db.Cases.Where(c => ids.Contains(c.Id)).CountAsync();
            });
            Line($"| query: my cases, page 1 (Ariadne) | {subject} ({counts[subject]} grants) | {p50:F2} | {p95:F2} |");

            var visibleDocument = await access.VisibleCases(viewer).OrderBy(c => c.Recency).Select(c => c.Number).FirstAsync();
            var hash = index.DocumentNumber("DOC" + visibleDocument[3..]);
            (p50, p95) = await TimeAsync(() => access.VisibleCases(viewer).Where(c => c.Person!.DocumentNumberIndex == hash).Select(c => c.Id).Take(50).CountAsync());
            Line($"| query: document-number search (Ariadne) | {subject} | {p50:F2} | {p95:F2} |");

            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            var relations = string.Join(",", viewer.InstitutionRelations.Select(r => $"'{r}'"));
            var principal = $"(g.\"GranteeUserId\" = @u OR (g.\"GranteeInstitutionId\" = @i AND g.\"Relation\" IN ({relations})))";
            var fromGrants = $"SELECT c.\"Id\" FROM cases c WHERE c.\"Id\" IN (SELECT g.\"CaseId\" FROM grants g WHERE g.\"RevokedAt\" IS NULL AND {principal}) ORDER BY c.\"Recency\" DESC LIMIT 25";
            var scanCases = $"SELECT c.\"Id\" FROM cases c WHERE EXISTS (SELECT 1 FROM grants g WHERE g.\"CaseId\" = c.\"Id\" AND g.\"RevokedAt\" IS NULL AND {principal}) ORDER BY c.\"Recency\" DESC LIMIT 25";
            foreach (var (name, sql) in new[] { ("reference SQL: drive from grants", fromGrants), ("reference SQL: scan cases + EXISTS", scanCases) })
            {
                // The plan that does not suit this subject can take seconds: a few runs are enough to show it.
                var once = Stopwatch.StartNew();
                await Scalar(connection, sql, provider, viewer);
                (p50, p95) = await TimeAsync(() => Scalar(connection, sql, provider, viewer), runs: once.ElapsedMilliseconds > 200 ? 3 : 20);
                Line($"| {name} | {subject} | {p50:F2} | {p95:F2} |");
            }
        }
        var (up50, up95) = await TimeAsync(() => db.Cases.OrderByDescending(c => c.Recency).Select(c => c.Id).Take(25).CountAsync());
        Line($"| unfiltered page 1 (context) | — | {up50:F2} | {up95:F2} |");

        // Whole HTTP requests over a real socket.
        var address = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        foreach (var (subject, token) in new[] { (Seeder.SubjectFew, Seeder.TokenFew), (Seeder.SubjectMany, Seeder.TokenMany) })
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var (p50, p95) = await TimeAsync(async () => (await http.GetAsync("/api/v1/cases")).EnsureSuccessStatusCode().StatusCode.GetHashCode());
            Line($"| HTTP GET /api/v1/cases (page 1) | {subject} | {p50:F2} | {p95:F2} |");
            (p50, p95) = await TimeAsync(async () => (await http.GetAsync("/api/v1/cases/search?document=DOC0000000")).EnsureSuccessStatusCode().StatusCode.GetHashCode());
            Line($"| HTTP GET /api/v1/cases/search (audited) | {subject} | {p50:F2} | {p95:F2} |");
        }
        await File.WriteAllTextAsync($"bench-data/results-{provider}.md", report.ToString());
    }

    private static async Task<int> Scalar(DbConnection connection, string sql, string provider, Viewer viewer)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var u = command.CreateParameter();
        u.ParameterName = "@u";
        u.Value = provider == "Sqlite" ? viewer.UserId.ToString().ToUpperInvariant() : viewer.UserId;
        var i = command.CreateParameter();
        i.ParameterName = "@i";
        i.Value = provider == "Sqlite" ? viewer.InstitutionId.ToString().ToUpperInvariant() : viewer.InstitutionId;
        command.Parameters.Add(u);
        command.Parameters.Add(i);
        var n = 0;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            n++;
        return n;
    }

    private static async Task<(double P50, double P95)> TimeAsync(Func<Task<int>> work, int runs = Runs)
    {
        for (var i = 0; i < Math.Min(Warmup, runs); i++)
            await work();
        var samples = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            await work();
            samples.Add(clock.Elapsed.TotalMilliseconds);
        }
        samples.Sort();
        return (samples[(int)(samples.Count * 0.50)], samples[Math.Min(samples.Count - 1, (int)Math.Ceiling(samples.Count * 0.95) - 1)]);
    }
}
