using Ariadne.Web.Platform.Cli;

namespace Ariadne.Web.Features.Exchange;

/// <summary><c>exchange export-ctdc --out FILE [--k 11] [--year YYYY]</c>: the k-anonymised CTDC file of the victim facts.</summary>
public sealed class CtdcExportVerb : IOperatorVerb
{
    public (string Noun, string Verb) Name => ("exchange", "export-ctdc");

    public string Usage => "exchange export-ctdc --out FILE [--k 11] [--year YYYY]";

    public async Task<(int ExitCode, string Message)?> RunAsync(IServiceProvider services, string[] args)
    {
        if (VerbArgs.Parse(args, "out", "k", "year") is not { Positional.Count: 0 } parsed || !parsed.Options.TryGetValue("out", out var path))
            return null;
        var k = parsed.Number("k") ?? CtdcExporter.DefaultK;
        var year = parsed.Number("year");
        if (k < 1 || year is < 0)
            return null;
        CtdcExporter.Result result;
        await using (var file = File.Create(path))
            result = await services.GetRequiredService<CtdcExporter>().ExportAsync(file, k, year);
        return (0, $"exported {result.Exported} of {result.Records} records, k={result.K}, suppressed {result.Suppressed}");
    }
}
