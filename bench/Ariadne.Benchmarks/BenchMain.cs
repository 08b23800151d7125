using Microsoft.Extensions.DependencyInjection;

namespace Ariadne.Benchmarks;

// dotnet run -c Release --project bench/Ariadne.Benchmarks -- seed|run|audit  sqlite|postgres  [cases users grants]
// dotnet run -c Release --project bench/Ariadne.Benchmarks -- chat  sqlite|postgres  [chats messages-per-chat seconds-between]
// dotnet run -c Release --project bench/Ariadne.Benchmarks -- graph  sqlite|postgres  [files visible samples]   (its own database: bench-data/graph.db, or ARIADNE_BENCH_PG)
// dotnet run -c Release --project bench/Ariadne.Benchmarks -- stats  sqlite|postgres  [cases runs]   (its own database: bench-data/stats.db, or ARIADNE_BENCH_PG)
// dotnet run -c Release --project bench/Ariadne.Benchmarks -- crash  sqlite|postgres  [runs minutes]   (SIGKILL the real server; bench/crash/crash.sh)
// dotnet run -c Release --project bench/Ariadne.Benchmarks -- failover postgres [before-s after-s]   (bench/ha/failover.sh)
// dotnet run -c Release --project bench/Ariadne.Benchmarks -- load postgres [users minutes nodes]   (on the seeded world; bench/load/load.sh)
// dotnet run -c Release --project bench/Ariadne.Benchmarks -- audit-append postgres [chains writers seconds]   (bench/audit-chains.sh)
// dotnet run -c Release --project bench/Ariadne.Benchmarks -- audit-generate postgres [chains events]   (an empty trail)
// dotnet run -c Release --project bench/Ariadne.Benchmarks -- audit-verify postgres [new-events]
// PostgreSQL: ARIADNE_BENCH_PG is the connection string of an empty database.
public static class BenchMain
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length < 2)
        {
            Console.WriteLine("usage: seed|run|audit|audit-append|audit-generate|audit-verify|chat|graph|stats|crash|failover|load sqlite|postgres [arguments]");
            return 2;
        }
        var (verb, provider) = (args[0], args[1] == "postgres" ? "Postgres" : "Sqlite");
        Directory.CreateDirectory("bench-data");
        var connection = provider == "Sqlite"
            ? $"Data Source={Path.GetFullPath("bench-data/bench.db")}"
            : Environment.GetEnvironmentVariable("ARIADNE_BENCH_PG") ?? throw new InvalidOperationException("Set ARIADNE_BENCH_PG.");
        var keyRing = Path.GetFullPath($"bench-data/bench-keys-{provider}.json");

        // The web project's content root, for the test host (it would otherwise guess from the solution's name).
        // (From the binary's folder; failing that, from the working folder, for a binary built elsewhere with -o.)
        var root = FindRoot(AppContext.BaseDirectory) ?? FindRoot(Environment.CurrentDirectory) ?? throw new InvalidOperationException("Ariadne.slnx not found");
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_ARIADNE_WEB", Path.Combine(root, "src", "Ariadne.Web"));
        if (verb is "crash" or "failover")
            return await Crash.CrashBench.RunAsync(verb, provider, connection, root, args); // its own database and work folder: bench-data/crash-*
        if (verb == "load")
            return await Load.LoadBench.RunAsync(provider, connection, keyRing, root, Arg(2, 200),
                args.Length > 3 ? double.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 10, Arg(4, 1));
        if (verb == "chat")
        {
            // A database of its own (SQLite: bench-data/chat.db, made afresh; PostgreSQL: ARIADNE_BENCH_PG).
            if (provider == "Sqlite")
            {
                foreach (var file in Directory.GetFiles("bench-data", "chat.db*"))
                    File.Delete(file);
                connection = $"Data Source={Path.GetFullPath("bench-data/chat.db")}";
            }
            return await ChatBench.RunAsync(provider, connection, Path.GetFullPath($"bench-data/chat-keys-{provider}.json"), Arg(2, 200), Arg(3, 10), Arg(4, 1));
        }
        if (verb == "graph" && provider == "Sqlite")
            connection = $"Data Source={Path.GetFullPath("bench-data/graph.db")}";
        if (verb == "graph")
            keyRing = Path.GetFullPath($"bench-data/graph-keys-{provider}.json");
        Dictionary<string, string>? settings = null;
        if (verb == "stats")
        {
            if (provider == "Sqlite")
                connection = $"Data Source={Path.GetFullPath("bench-data/stats.db")}";
            keyRing = Path.GetFullPath($"bench-data/stats-keys-{provider}.json");
            // The nightly rebuild would replace the loaded facts with the (empty) modules' own.
            settings = new() { ["Statistics:RefreshJob"] = "false" };
        }
        if (verb.StartsWith("audit-", StringComparison.Ordinal))
        {
            keyRing = Path.GetFullPath($"bench-data/audit-chains-keys-{provider}.json");
            // The checkpoint job stays out of the generated trail's way (its own checkpoints come every 10,000 events).
            settings = new() { ["Audit:Chains"] = (verb == "audit-append" ? Arg(2, 16) : 16).ToString(System.Globalization.CultureInfo.InvariantCulture), ["Audit:CheckpointPollInterval"] = "00:00:05" };
        }
        await using var host = new BenchHost(provider, connection, keyRing, settings);
        host.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        host.StartServer();

        switch (verb)
        {
            case "seed":
                await Seeder.RunAsync(host.Services, Arg(2, 1_000_000), Arg(3, 10_000), Arg(4, 5_000_000));
                break;
            case "analyze":
                // Fresh statistics after the bulk load, as an operator would run once.
                await using (var scope = host.Services.CreateAsyncScope())
                    await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlRawAsync(
                        scope.ServiceProvider.GetRequiredService<Ariadne.Web.Platform.Data.AriadneDbContext>().Database, "ANALYZE");
                break;
            case "run":
                await Measurements.RunAsync(host, provider);
                break;
            case "graph":
                return await GraphBench.RunAsync(host.Services, Arg(2, 100_000), Arg(3, 1_000), Arg(4, 300));
            case "stats":
                return await StatsBench.RunAsync(host.Services, provider, Arg(2, 1_000_000), Arg(3, 6));
            case "audit-append":
                return await AuditChainsBench.AppendAsync(host.Services, Arg(2, 16), Arg(3, 50), Arg(4, 30));
            case "audit-generate":
                return await AuditChainsBench.GenerateAsync(host.Services, connection, Arg(2, 16), Arg(3, 10_000_000));
            case "audit-verify":
                return await AuditChainsBench.VerifyAsync(host.Services, Arg(2, 10_000));
            case "audit":
                await AuditBench.RunAsync(host.Services, Arg(2, 1_000_000));
                break;
            default:
                Console.WriteLine("unknown verb");
                return 2;
        }
        return 0;

        static string? FindRoot(string? folder)
        {
            while (folder is not null && !File.Exists(Path.Combine(folder, "Ariadne.slnx")))
                folder = Path.GetDirectoryName(folder.TrimEnd('/'));
            return folder;
        }

        int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    }
}
