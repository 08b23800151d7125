using System.Text.Json;

namespace Ariadne.Web.Platform.Backup;

/// <summary>What a backup holds, written first (inside the encryption): the schema its rows fit, and each table's columns.</summary>
public sealed record BackupManifest(int Format, DateTimeOffset WrittenAt, string Provider, string Schema, IReadOnlyList<BackupManifest.TableColumns> Tables)
{
    public sealed record TableColumns(string Name, IReadOnlyList<string> Columns);

    internal void Write(BinaryWriter writer) => writer.Write(JsonSerializer.Serialize(this));

    internal static BackupManifest Read(BinaryReader reader) =>
        JsonSerializer.Deserialize<BackupManifest>(reader.ReadString()) ?? throw new BackupFileException("the backup's manifest is damaged");
}
