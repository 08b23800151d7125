using Ariadne.Web.Platform.Cli;

namespace Ariadne.Web.Features.Exchange;

/// <summary>
/// <c>exchange import-ctdc FILE</c>: takes a CTDC file in as aggregate reference data. Each odd value goes to standard
/// error by line and column; the one line on standard output is <c>imported N, rejected M</c> (N + M = the data rows).
/// </summary>
public sealed class CtdcImportVerb : IOperatorVerb
{
    public (string Noun, string Verb) Name => ("exchange", "import-ctdc");

    public string Usage => "exchange import-ctdc FILE";

    public async Task<(int ExitCode, string Message)?> RunAsync(IServiceProvider services, string[] args)
    {
        if (VerbArgs.Parse(args) is not { Positional.Count: 1 } parsed)
            return null;
        if (!File.Exists(parsed.Positional[0]))
            return (1, "exchange import-ctdc: no such file");
        var result = await services.GetRequiredService<CtdcImporter>().ImportAsync(await File.ReadAllBytesAsync(parsed.Positional[0]));
        foreach (var problem in result.Problems)
            await services.GetRequiredService<OperatorConsole>().Error.WriteLineAsync(problem.ToString());
        if (result.Duplicate)
            return (0, $"already imported (the same SHA-256): nothing added; imported 0, rejected 0");
        return (result.Refused ? 1 : 0, result.Summary);
    }
}
