using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Ariadne.Benchmarks.Crash;

/// <summary>
/// The real application as a separate process (the built Ariadne.Web.dll), configured by environment variables
/// only, listening on 127.0.0.1. Its output goes to a log file in the harness's work folder.
/// </summary>
public sealed class AppProcess(string webDll, string provider, string connection, string keyRing, string headCopy, string log,
    IReadOnlyDictionary<string, string>? extra = null)
{
    private Process? process;

    public int Port { get; private set; }
    public Uri Address => new($"http://127.0.0.1:{Port}");
    public bool HasExited => process is null || process.HasExited;

    /// <summary>The CPU time the server process has used so far.</summary>
    public TimeSpan CpuTime()
    {
        process?.Refresh();
        return process is null || process.HasExited ? TimeSpan.Zero : process.TotalProcessorTime;
    }

    private Dictionary<string, string> Environment(string? urls)
    {
        var environment = Base(urls);
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
            environment[key] = value;
        return environment;
    }

    private Dictionary<string, string> Base(string? urls) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Database__Provider"] = provider,
        ["ConnectionStrings__Ariadne"] = connection,
        ["Database__MigrateOnStart"] = "false",
        ["Crypto__KeyRingFile"] = keyRing,
        ["Crypto__CreateIfMissing"] = "false",
        ["Audit__HeadCopyFile"] = headCopy,
        ["Logging__LogLevel__Default"] = "Warning",
        ["Urls"] = urls ?? "",
        ["DOTNET_gcServer"] = "0",
    };

    private ProcessStartInfo Start(string arguments, string? urls)
    {
        // exec: the process id is the application's own, so that the kill reaches it and nothing else.
        var info = new ProcessStartInfo("/bin/sh", ["-c", $"exec dotnet \"{webDll}\" {arguments} >> \"{log}\" 2>&1"])
        {
            WorkingDirectory = Path.GetDirectoryName(webDll)!,
            UseShellExecute = false,
        };
        foreach (var (key, value) in Environment(urls))
            info.Environment[key] = value;
        return info;
    }

    /// <summary>Starts the server and waits until /health/ready answers 200; the time it took.</summary>
    public async Task<TimeSpan> StartAsync(TimeSpan limit)
    {
        Port = FreePort();
        var clock = Stopwatch.StartNew();
        process = Process.Start(Start("", Address.ToString().TrimEnd('/')))!;
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        while (clock.Elapsed < limit)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"the server exited with {process.ExitCode} while starting (see {log})");
            try
            {
                using var response = await client.GetAsync("/health/ready");
                if (response.StatusCode == HttpStatusCode.OK)
                    return clock.Elapsed;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        Kill();
        throw new TimeoutException($"the server was not ready within {limit.TotalSeconds:F0} s (see {log})");
    }

    /// <summary>SIGKILL (Process.Kill on Unix), and wait for it to be gone.</summary>
    public void Kill()
    {
        if (process is null || process.HasExited)
            return;
        process.Kill();
        process.WaitForExit();
    }

    /// <summary>Runs an operator verb against the same database and key ring (the server down); its exit code and one line.</summary>
    public async Task<(int Code, string Line)> VerbAsync(string arguments, TimeSpan limit)
    {
        var info = Start(arguments, null);
        var output = Path.Combine(Path.GetDirectoryName(log)!, "verb.out");
        info.ArgumentList[1] = $"exec dotnet \"{webDll}\" {arguments} > \"{output}\" 2>&1";
        using var verb = Process.Start(info)!;
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await verb.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            verb.Kill();
            return (-1, "timed out");
        }
        var lines = File.ReadAllLines(output).Where(l => !string.IsNullOrWhiteSpace(l) && !l.StartsWith('{')).ToList();
        return (verb.ExitCode, lines.LastOrDefault() ?? "");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
