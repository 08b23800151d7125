using Ariadne.Web.Platform.Backup;
using Ariadne.Web.Platform.Cli;

namespace Ariadne.Web.Features.Operations;

/// <summary>
/// <c>erasures apply</c>: erases again everyone on the erasure list whom the database still holds unerased — what
/// <c>restore</c> does after loading, for a database brought back by other means (a PostgreSQL point-in-time recovery,
/// a file copy of a SQLite database). Erasing again is idempotent: people already erased are left as they are.
/// </summary>
public sealed class ErasuresApplyVerb : IOperatorVerb
{
    public (string Noun, string Verb) Name => ("erasures", "apply");

    public string Usage => "erasures apply";

    public async Task<(int ExitCode, string Message)?> RunAsync(IServiceProvider services, string[] args)
    {
        if (args.Length != 1)
            return null;
        if (services.GetRequiredService<ErasureList>().File is null)
            return (1, "No erasure list is configured (Backup:ErasureList).");
        var (listed, erased, refused) = await services.GetRequiredService<RestoreChecks>().EraseAgainAsync();
        return (refused > 0 ? 1 : 0, $"Erasure list: {listed} listed, {erased} erased again"
            + (refused > 0 ? $", {refused} line(s) REFUSED (bad MAC): look at the list, it was altered." : "."));
    }
}
