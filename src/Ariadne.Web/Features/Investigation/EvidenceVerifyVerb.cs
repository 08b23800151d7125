using Ariadne.Web.Platform.Cli;

namespace Ariadne.Web.Features.Investigation;

/// <summary>
/// <c>evidence verify</c>: re-hashes every item of the locker, checks each signed timestamp and each chain of custody, prints
/// one line and exits 0, or 1 naming the first bad item.
/// </summary>
public sealed class EvidenceVerifyVerb : IOperatorVerb
{
    public (string Noun, string Verb) Name => ("evidence", "verify");

    public string Usage => "evidence verify";

    public async Task<(int ExitCode, string Message)?> RunAsync(IServiceProvider services, string[] args)
    {
        if (args.Length != 1)
            return null;
        var (count, problem) = await services.GetRequiredService<EvidenceLocker>().VerifyAllAsync();
        return problem is null
            ? (0, $"evidence verify: OK, {count} items re-hashed, every timestamp and chain of custody holds")
            : (1, $"evidence verify: FAILED at item {count}: {problem}");
    }
}
