using System.Data;
using System.Data.Common;
using System.Diagnostics;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Ariadne.Web.Platform.Backup;

/// <summary>
/// <c>backup --out FILE</c>: every table of the model read in one consistent snapshot (a read-only REPEATABLE READ
/// transaction on PostgreSQL; a deferred read transaction on SQLite, whose write-ahead log keeps the snapshot while
/// writers go on), written in the model's order into a <see cref="BackupCipher"/> file. The wrapped data keys are rows
/// like any other (so are the evidence files, which live in the database); the key ring is never written.
/// </summary>
public sealed class DatabaseBackup(AriadneDbContext db, KeyRing ring, TimeProvider time)
{
    public const byte RowMark = 1, TableEnd = 0;

    public sealed record Result(long Rows, int Tables, long Bytes, TimeSpan Took, IReadOnlyDictionary<string, long> RowsPerTable);

    /// <param name="afterTable">Called with each table's name once its rows are copied (progress; the tests commit writes there).</param>
    public async Task<Result> WriteAsync(string file, Func<string, Task>? afterTable = null, CancellationToken ct = default)
    {
        if (File.Exists(file))
            throw new IOException($"{file} exists already; a backup never overwrites a file.");
        if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
            throw new InvalidOperationException("the database is not migrated; run the 'migrate' verb first");
        var watch = Stopwatch.StartNew();
        var tables = new BackupTables(db);
        var manifest = new BackupManifest(1, time.GetUtcNow(), db.Database.ProviderName ?? "", BackupTables.Schema(db),
            [.. tables.Tables.Select(t => new BackupManifest.TableColumns(t.Name, [.. t.Columns.Select(c => c.Name)]))]);
        var temporary = file + ".partial";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        try
        {
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
                create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite; // the owner's only, like the key ring
            await using (var output = new FileStream(temporary, create))
            {
                using (var sealer = BackupCipher.Seal(output, ring))
                using (var writer = new BinaryWriter(new BufferedStream(sealer, 1 << 16), System.Text.Encoding.UTF8))
                {
                    manifest.Write(writer);
                    await db.Database.OpenConnectionAsync(ct);
                    try
                    {
                        await using var transaction = await BeginSnapshotAsync(ct);
                        foreach (var table in tables.Tables)
                        {
                            rows[table.Name] = await CopyAsync(table, transaction.GetDbTransaction(), writer, ct);
                            if (afterTable is not null)
                                await afterTable(table.Name);
                        }
                        var keys = await db.DataKeys.Where(k => k.WrappedKey != null).GroupBy(k => k.MasterKeyId)
                            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
                        new BackupTrailer(rows, keys).Write(writer);
                        await transaction.RollbackAsync(ct); // it only read
                    }
                    finally
                    {
                        await db.Database.CloseConnectionAsync();
                    }
                }
                output.Flush(flushToDisk: true);
            }
            File.Move(temporary, file);
        }
        finally
        {
            File.Delete(temporary);
        }
        return new Result(rows.Values.Sum(), rows.Count, new FileInfo(file).Length, watch.Elapsed, rows);
    }

    private async Task<IDbContextTransaction> BeginSnapshotAsync(CancellationToken ct)
    {
        if (db.Database.GetDbConnection() is Microsoft.Data.Sqlite.SqliteConnection sqlite)
            // Deferred: the snapshot is taken at the first read and kept to the end, without the write lock an IMMEDIATE transaction takes.
            return await db.Database.UseTransactionAsync(sqlite.BeginTransaction(deferred: true), ct)
                ?? throw new InvalidOperationException("no transaction");
        var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        await using var readOnly = db.Database.GetDbConnection().CreateCommand();
        readOnly.Transaction = transaction.GetDbTransaction();
        readOnly.CommandText = "SET TRANSACTION READ ONLY";
        await readOnly.ExecuteNonQueryAsync(ct);
        return transaction;
    }

    private async Task<long> CopyAsync(BackupTables.Table table, DbTransaction transaction, BinaryWriter writer, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction;
        command.CommandText = table.Select;
        command.CommandTimeout = 0;
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
        long count = 0;
        while (await reader.ReadAsync(ct))
        {
            writer.Write(RowMark);
            for (var i = 0; i < table.Columns.Count; i++)
                BackupValues.Write(writer, table.Columns[i].Read(reader, i));
            count++;
        }
        writer.Write(TableEnd);
        return count;
    }
}
