namespace Ariadne.Web.Platform.Backup;

/// <summary>A backup file that cannot be read: not a backup, another key ring, altered or cut short. The message names no data.</summary>
public sealed class BackupFileException(string message) : Exception(message);
