using System.Globalization;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Backup;
using Ariadne.Web.Platform.Cli;

namespace Ariadne.Web.Features.Operations;

/// <summary><c>backup --out FILE</c>: an encrypted, consistent copy of the whole database (<see cref="DatabaseBackup"/>), audited.</summary>
public sealed class BackupVerb : IOperatorVerb
{
    public (string Noun, string Verb) Name => ("backup", "--out");

    public string Usage => "backup --out FILE";

    public async Task<(int ExitCode, string Message)?> RunAsync(IServiceProvider services, string[] args)
    {
        if (args.Length != 2 || args[1].Length == 0)
            return null;
        DatabaseBackup.Result result;
        try
        {
            result = await services.GetRequiredService<DatabaseBackup>().WriteAsync(args[1]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return (1, $"backup refused: {e.Message}");
        }
        await services.GetRequiredService<AuditTrail>().RecordAsync(new AuditRecord(OperationsAudit.BackupWritten, Purpose: OperationsAudit.Backup));
        var list = services.GetRequiredService<ErasureList>().File;
        return (0, string.Create(CultureInfo.InvariantCulture,
            $"Backup written to {args[1]}: {result.Rows} rows in {result.Tables} tables, {result.Bytes / 1048576.0:0.0} MiB, {result.Took.TotalSeconds:0.0} s. ")
            + "It opens only with this deployment's key ring, which it does not contain: keep the key ring apart from it"
            + (list is null
                ? ". No erasure list is kept (Backup:ErasureList): people erased after this backup would come back with a restore."
                : $", and the erasure list {list} apart from both."));
    }
}
