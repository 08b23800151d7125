using Ariadne.Web.Platform.Cli;

namespace Ariadne.Web.Features.Exchange;

/// <summary>
/// <c>exchange import-htcds FILE --institution CODE [--user NAME]</c>: opens a protection case per HTCDS row under the
/// institution (a row whose pseudonym is known makes nothing). Odd values go to standard error by line and field; the line
/// on standard output is <c>imported N, rejected M</c>.
/// </summary>
public sealed class HtcdsImportVerb : IOperatorVerb
{
    public (string Noun, string Verb) Name => ("exchange", "import-htcds");

    public string Usage => "exchange import-htcds FILE --institution CODE [--user NAME]";

    public async Task<(int ExitCode, string Message)?> RunAsync(IServiceProvider services, string[] args)
    {
        if (VerbArgs.Parse(args, "institution", "user") is not { Positional.Count: 1 } parsed || !parsed.Options.TryGetValue("institution", out var code))
            return null;
        if (!File.Exists(parsed.Positional[0]))
            return (1, "exchange import-htcds: no such file");
        var importer = services.GetRequiredService<HtcdsImporter>();
        var target = await importer.TargetAsync(code, parsed.Options.GetValueOrDefault("user"));
        if (target.Problem is not null)
            return (1, "exchange import-htcds: " + target.Problem);
        var result = await importer.ImportAsync(target.Viewer, await File.ReadAllBytesAsync(parsed.Positional[0]));
        foreach (var problem in result.Problems)
            await services.GetRequiredService<OperatorConsole>().Error.WriteLineAsync(problem.ToString());
        if (result.AlreadyKnown > 0)
            await services.GetRequiredService<OperatorConsole>().Error.WriteLineAsync($"{result.AlreadyKnown} row(s) already imported earlier: nothing made for them");
        return (result.Refused ? 1 : 0, result.Summary);
    }
}
