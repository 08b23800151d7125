using System.Globalization;
using Ariadne.Web.Platform.Audit;
using Ariadne.Web.Platform.Backup;
using Ariadne.Web.Platform.Cli;
using Ariadne.Web.Platform.Data;

namespace Ariadne.Web.Features.Operations;

/// <summary>
/// <c>restore --from FILE</c>: rebuilds the system from a backup into an empty database (<see cref="DatabaseRestore"/>),
/// erases again everyone on the erasure list, records the restore in the audit trail, then checks it
/// (<see cref="RestoreChecks"/>) and prints one line. A file that does not open, fit or load changes nothing.
/// </summary>
public sealed class RestoreVerb : IOperatorVerb
{
    public (string Noun, string Verb) Name => ("restore", "--from");

    public string Usage => "restore --from FILE";

    public async Task<(int ExitCode, string Message)?> RunAsync(IServiceProvider services, string[] args)
    {
        if (args.Length != 2 || args[1].Length == 0)
            return null;
        var file = args[1];
        var restore = services.GetRequiredService<DatabaseRestore>();
        BackupManifest manifest;
        BackupTrailer trailer;
        try
        {
            (manifest, trailer) = restore.Inspect(file);
        }
        catch (Exception e) when (e is BackupFileException or IOException or UnauthorizedAccessException or EndOfStreamException)
        {
            var reason = e is EndOfStreamException ? "the backup's contents end early" : e.Message;
            return (1, $"restore refused: {reason}; nothing was changed.");
        }
        if ((restore.Mismatch(manifest, trailer) ?? await restore.RefusalAsync(default)) is { } refusal)
            return (1, $"restore refused: {refusal}; nothing was changed.");

        var loaded = await restore.LoadAsync(file, manifest, trailer);
        await services.GetRequiredService<Migrator>().MigrateAsync(default); // the roles are the backup's; grants to Database:ApplicationRole
        var checks = services.GetRequiredService<RestoreChecks>();
        var (listed, erased, refusedLines) = await checks.EraseAgainAsync();
        await services.GetRequiredService<AuditTrail>().RecordAsync(new AuditRecord(OperationsAudit.BackupRestored, Purpose: OperationsAudit.Restore));
        var (ok, summary) = await checks.VerifyAsync();
        var erasure = services.GetRequiredService<ErasureList>().File is null
            ? "no erasure list configured (Backup:ErasureList)"
            : $"erasure list: {listed} listed, {erased} erased again" + (refusedLines > 0 ? $", {refusedLines} line(s) REFUSED (bad MAC)" : "");
        return (ok ? 0 : 1, string.Create(CultureInfo.InvariantCulture,
            $"Restored {loaded.Rows} rows in {trailer.Rows.Count} tables from the backup of {manifest.WrittenAt:yyyy-MM-dd HH:mm:ss}Z "
            + $"({manifest.Provider.Split('.').Last()}) in {loaded.Took.TotalSeconds:0.0} s: row counts match; {erasure}; {summary}."));
    }
}
