using Ariadne.Web.Platform.Cli;

namespace Ariadne.Web.Features.Exchange;

/// <summary><c>exchange export-htcds --out FILE</c>: one pseudonymised HTCDS row per protection case.</summary>
public sealed class HtcdsExportVerb : IOperatorVerb
{
    public (string Noun, string Verb) Name => ("exchange", "export-htcds");

    public string Usage => "exchange export-htcds --out FILE";

    public async Task<(int ExitCode, string Message)?> RunAsync(IServiceProvider services, string[] args)
    {
        if (VerbArgs.Parse(args, "out") is not { Positional.Count: 0 } parsed || !parsed.Options.TryGetValue("out", out var path))
            return null;
        int count;
        await using (var file = File.Create(path))
            count = await services.GetRequiredService<HtcdsExporter>().ExportAsync(file);
        return (0, $"exported {count} cases (HTCDS, pseudonymised)");
    }
}
