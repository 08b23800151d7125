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
        if (!await services.GetRequiredService<PersonEraser>().EraseAsync(args[1]))
            return (1, "No such case.");
        var list = services.GetRequiredService<Platform.Backup.ErasureList>().File;
        return (0, $"Erased the person of case {args[1].ToUpperInvariant()}: their data key is destroyed"
            + (list is null
                ? ". No erasure list is kept (Backup:ErasureList): restoring an earlier backup would bring this person back."
                : $"; recorded in the erasure list {list}, which a restore applies again."));
    }
}
