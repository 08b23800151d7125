using Ariadne.Web.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Ariadne.IntegrationTests.Infrastructure;

/// <summary>
/// The product's command line, run in this process: the same steps as <c>Program.cs</c> (parse the arguments, compose the
/// host with every module, run the verb), with the settings a process would get from its environment given in memory, and
/// its output and log lines caught in one text. A process of its own would cost about three seconds of start-up and JIT
/// for each verb the suite runs. The entry point itself runs as a real process where it is the subject: the migrated
/// templates (<see cref="TestDatabase"/>), the first start (<c>StartupTests</c>) and the demo (<c>DemoFilesTests</c>).
/// </summary>
public static class CommandLine
{
    public static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyDictionary<string, string?> settings, params string[] args)
    {
        var invocation = Invocation.Parse(args);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = invocation.HostArgs,
            ApplicationName = typeof(Program).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(settings.Append(new("Logging:LogLevel:Default", "Warning")));
        builder.AddAriadne(invocation.Demo, Ariadne.Web.AriadneModules.All);
        var text = new StringWriter();
        var output = TextWriter.Synchronized(text);
        builder.Logging.ClearProviders(); // the process's log lines went to its standard output; here they join the verb's text
        builder.Logging.AddProvider(new WriterLoggerProvider(output));
        await using var app = builder.Build();
        app.UseAriadne();
        var code = await invocation.RunAsync(app, output, output);
        return (code, text.ToString());
    }

    /// <summary>The settings of a host on the database <paramref name="connectionString"/> with the key ring <paramref name="keyRing"/>.</summary>
    public static Dictionary<string, string?> Settings(string provider, string connectionString, string? keyRing = null)
    {
        var settings = new Dictionary<string, string?> { ["Database:Provider"] = provider, ["ConnectionStrings:Ariadne"] = connectionString };
        if (keyRing is not null)
            settings["Crypto:KeyRingFile"] = keyRing;
        return settings;
    }

    private sealed class WriterLoggerProvider(TextWriter writer) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new WriterLogger(writer, categoryName);

        public void Dispose()
        {
        }
    }

    private sealed class WriterLogger(TextWriter writer, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
                writer.WriteLine($"{logLevel} {category}: {formatter(state, exception).ReplaceLineEndings(" ")}"); // one line each, as the JSON console writes
        }
    }
}
