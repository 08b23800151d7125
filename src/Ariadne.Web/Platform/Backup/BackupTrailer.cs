using System.Text.Json;

namespace Ariadne.Web.Platform.Backup;

/// <summary>
/// Written last: the rows per table, and the master keys that wrap the live data keys (their ids only), so that a
/// restore can name a missing master key before it loads anything.
/// </summary>
public sealed record BackupTrailer(IReadOnlyDictionary<string, long> Rows, IReadOnlyDictionary<string, int> DataKeysByMasterKey)
{
    internal void Write(BinaryWriter writer) => writer.Write(JsonSerializer.Serialize(this));

    internal static BackupTrailer Read(BinaryReader reader) =>
        JsonSerializer.Deserialize<BackupTrailer>(reader.ReadString()) ?? throw new BackupFileException("the backup's trailer is damaged");
}
