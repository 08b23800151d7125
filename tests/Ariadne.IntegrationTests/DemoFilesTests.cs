using System.Diagnostics;
using Ariadne.Web.Platform.Demo;

namespace Ariadne.IntegrationTests;

/// <summary>
/// Issue 9 item 12: the real program with <c>--demo</c> and the shipped appsettings.json (which sets
/// Database:Provider) writes only the demo's own files; production then refuses the demo's database.
/// Runs as separate processes in a folder of its own; the demo is always SQLite.
/// </summary>
public sealed class DemoFilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("ariadne-demo-files-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private ProcessStartInfo Program(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Ariadne.Web.dll"), .. args, "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _dir,
        };
        start.Environment.Remove("ARIADNE_KEYRING");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        return start;
    }

    [Fact]
    public async Task The_demo_writes_only_its_own_files_and_production_refuses_its_database()
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        Assert.Contains("\"Provider\": \"Sqlite\"", await File.ReadAllTextAsync(shipped, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        File.Copy(shipped, Path.Combine(_dir, "appsettings.json"));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));

        // The demo, with production settings in the environment as well: none of them may be used.
        var demo = Program("--demo");
        demo.Environment["ConnectionStrings__Ariadne"] = "Data Source=data/production.db";
        demo.Environment["Crypto__KeyRingFile"] = "data/keys/production-keys.json";
        demo.Environment["ARIADNE_KEYRING"] = "{ not the demo's key ring";
        using (var process = Process.Start(demo)!)
        {
            var error = process.StandardError.ReadToEndAsync(timeout.Token);
            var started = false;
            try
            {
                while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
                    if (line.Contains("Ariadne DEMO is running", StringComparison.Ordinal))
                    {
                        started = true;
                        break;
                    }
            }
            finally
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            }
            Assert.True(started, "the demo did not start: " + (await error).Split('\n').FirstOrDefault(l => l.Contains("refuses", StringComparison.Ordinal)));
        }
        Assert.True(File.Exists(Path.Combine(_dir, DemoFiles.Database)));
        Assert.True(File.Exists(Path.Combine(_dir, DemoFiles.KeyRing)));
        Assert.True(File.Exists(Path.Combine(_dir, DemoFiles.AuditHead))); // the checkpoint signed at start, copied outside the database
        foreach (var production in new[] { "data/ariadne.db", "data/production.db", "data/keys/ariadne-keys.json", "data/keys/production-keys.json" })
            Assert.False(File.Exists(Path.Combine(_dir, production)), production + " was written by the demo");

        // Production pointed at the demo's database and key ring refuses to start, with a clear reason and a failing exit code.
        var refused = Program();
        refused.Environment["ConnectionStrings__Ariadne"] = "Data Source=" + DemoFiles.Database;
        refused.Environment["Crypto__KeyRingFile"] = DemoFiles.KeyRing;
        using var production2 = Process.Start(refused)!;
        var output = production2.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = production2.StandardError.ReadToEndAsync(timeout.Token);
        await production2.WaitForExitAsync(timeout.Token);
        Assert.NotEqual(0, production2.ExitCode);
        Assert.Contains("Ariadne refuses to start: demo accounts are present", await output + await errors, StringComparison.Ordinal);
    }
}
