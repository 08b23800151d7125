using Ariadne.Web.Platform.Data;
using Ariadne.Web.Platform.Demo;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Ariadne.Web.Platform;

/// <summary>
/// The command line: <c>[--demo] [verb …] [host options such as --urls]</c>. Without a verb the web
/// server runs. Verbs are the operator's tools; they print to standard output, which is their interface.
/// </summary>
public sealed record Invocation(string? Verb, string[] VerbArgs, bool Demo, string[] HostArgs)
{
    private static readonly string[] Verbs = ["migrate", "bootstrap-admin", "bootstrap-auditor", "audit", "keys", "sessions", "linkage"];

    public static Invocation Parse(string[] args)
    {
        var demo = args.Contains("--demo", StringComparer.Ordinal);
        var rest = args.Where(a => a != "--demo").ToArray();
        if (rest.Length > 0 && !rest[0].StartsWith('-'))
            return new Invocation(rest[0], rest[1..], demo, rest[1..]);
        return new Invocation(null, [], demo, rest);
    }

    /// <summary>Runs the verb, or the server when there is none. A verb's line goes to <paramref name="output"/> or <paramref name="error"/> (standard output and error by default).</summary>
    public async Task<int> RunAsync(WebApplication app, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        app.Services.GetRequiredService<Cli.OperatorConsole>().Use(error);
        switch (Verb)
        {
            case null:
                if (Demo)
                    app.Lifetime.ApplicationStarted.Register(() => PrintDemoBanner(app));
                await app.RunAsync();
                return 0;
            case "migrate":
                await using (var scope = app.Services.CreateAsyncScope())
                    await scope.ServiceProvider.GetRequiredService<Migrator>().MigrateAsync(CancellationToken.None);
                await output.WriteLineAsync("Migrations applied.");
                return 0;
            case "bootstrap-admin" or "bootstrap-auditor":
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    var (code, message) = await scope.ServiceProvider.GetRequiredService<Cli.BootstrapAccount>().RunAsync(Verb, VerbArgs);
                    await (code == 0 ? output : error).WriteLineAsync(message);
                    return code;
                }
            case "audit" or "keys" or "sessions":
            case not null when ModuleNouns(app).Contains(Verb):
                {
                    var (code, message) = await new Cli.OperatorVerbs(app.Services).RunAsync(Verb, VerbArgs);
                    await (code == 0 ? output : error).WriteLineAsync(message);
                    return code;
                }
            default:
                await error.WriteLineAsync($"Unknown verb '{Verb}'. Verbs: {string.Join(", ", Verbs.Concat(ModuleNouns(app)).Distinct())}; or none to run the server.");
                return 2;
        }
    }

    /// <summary>The first words of the verbs the modules contribute (<see cref="Cli.IOperatorVerb"/>: "person erase", "evidence verify").</summary>
    private static List<string> ModuleNouns(WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        return scope.ServiceProvider.GetServices<Cli.IOperatorVerb>().Select(v => v.Name.Noun).Distinct(StringComparer.Ordinal).ToList();
    }

    private static void PrintDemoBanner(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var output = Console.Out;
        output.WriteLine();
        output.WriteLine("Ariadne DEMO is running with invented data at: " + string.Join(", ", addresses));
        output.WriteLine($"Every demo account's password is: {DemoSeeder.Password}   (demo accounts may skip MFA)");
        foreach (var institution in DemoSeeder.World)
            output.WriteLine($"  {institution.Kind,-24} {string.Join(", ", institution.Users.Select(u => u.UserName))}");
        output.WriteLine();
    }
}
