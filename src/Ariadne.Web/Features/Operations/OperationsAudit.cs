using Ariadne.Web.Platform.Audit;

namespace Ariadne.Web.Features.Operations;

/// <summary>The Operations module's audit actions.</summary>
public static class OperationsAudit
{
    public static readonly AuditAction BackupWritten = new("backup.written");
    public static readonly AuditAction BackupRestored = new("backup.restored");

    public static readonly AuditPurpose Backup = new("backup");
    public static readonly AuditPurpose Restore = new("restore");

    /// <summary>Every action above, for the module contract.</summary>
    public static IReadOnlyList<AuditAction> All { get; } = [BackupWritten, BackupRestored];
}
