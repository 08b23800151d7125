using Ariadne.Web.Platform.Cli;

namespace Ariadne.Web.Features.Cases;

/// <summary><c>person erase CASE-NUMBER</c>: crypto-shredding of the case's person (<see cref="PersonEraser"/>).</summary>
public sealed class PersonEraseVerb : IOperatorVerb
{
    public (string Noun, string Verb) Name => ("person", "erase");

    public string Usage => "person erase CASE-NUMBER";

    public async Task<(int ExitCode, string Message)?> RunAsync(IServiceProvider services, string[] args)
    {
        if (args.Length != 2)
            return null;
        return await services.GetRequiredService<PersonEraser>().EraseAsync(args[1])
            ? (0, $"Erased the person of case {args[1].ToUpperInvariant()}: their data key is destroyed.")
            : (1, "No such case.");
    }
}
