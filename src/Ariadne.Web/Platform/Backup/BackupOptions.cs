namespace Ariadne.Web.Platform.Backup;

/// <summary>Bound from the <c>Backup</c> section.</summary>
public sealed class BackupOptions
{
    public const string Section = "Backup";

    /// <summary>
    /// The erasure list: a file kept apart from the backups (another disk or host) to which <c>person erase</c> adds
    /// the erased person's case id, and from which <c>restore</c> erases them again. Unset: no list is kept, and a
    /// restore would bring back people erased after the backup (the verbs say so).
    /// </summary>
    public string? ErasureList { get; set; }
}
