using System.Data.Common;
using System.Diagnostics;
using Ariadne.Web.Platform.Crypto;
using Ariadne.Web.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Ariadne.Web.Platform.Backup;

/// <summary>
/// The loading half of <c>restore --from FILE</c>. The whole file is read and authenticated first, and checked against
/// this version's schema and the key ring, before the database is touched. Then, into an empty database only (no tables,
/// or migrated with nothing but the role catalogue that <c>migrate</c> adds), it migrates the schema and inserts every row
/// exactly as it was (ids, audit sequence numbers and hashes included) in one transaction, checks the row counts
/// before committing, and on PostgreSQL moves each identity sequence past the highest id.
/// </summary>
public sealed class DatabaseRestore(AriadneDbContext db, KeyRing ring)
{
    /// <summary>Parameters per INSERT statement: far below SQLite's and PostgreSQL's limits.</summary>
    private const int ParametersPerStatement = 2000;

    public sealed record Result(BackupManifest Manifest, BackupTrailer Trailer, long Rows, TimeSpan Took);

    /// <summary>Reads and authenticates the whole file without touching the database; throws <see cref="BackupFileException"/>.</summary>
    public (BackupManifest Manifest, BackupTrailer Trailer) Inspect(string file)
    {
        using var input = File.OpenRead(file);
        using var reader = new BinaryReader(new BufferedStream(BackupCipher.Open(input, ring), 1 << 16), System.Text.Encoding.UTF8);
        var manifest = BackupManifest.Read(reader);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in manifest.Tables)
        {
            var types = table.Columns.Select(_ => typeof(object)).ToArray();
            long n = 0;
            while (Mark(reader) == DatabaseBackup.RowMark)
            {
                foreach (var type in types)
                    BackupValues.Read(reader, type);
                n++;
            }
            counts[table.Name] = n;
        }
        var trailer = BackupTrailer.Read(reader);
        if (reader.Read() != -1)
            throw new BackupFileException("the backup's contents go on after their end");
        if (counts.Count != trailer.Rows.Count || counts.Any(c => !trailer.Rows.TryGetValue(c.Key, out var expected) || expected != c.Value))
            throw new BackupFileException("the backup's row counts do not match its rows");
        return (manifest, trailer);
    }

    private static byte Mark(BinaryReader reader) => reader.ReadByte() is var mark and (DatabaseBackup.RowMark or DatabaseBackup.TableEnd)
        ? mark : throw new BackupFileException("the backup's contents are damaged");

    /// <summary>Why this file cannot be loaded here (null: it can): another schema, other tables, a master key the ring lacks.</summary>
    public string? Mismatch(BackupManifest manifest, BackupTrailer trailer)
    {
        var schema = BackupTables.Schema(db);
        if (manifest.Schema != schema)
            return $"the backup fits schema '{manifest.Schema}' and this version has '{schema}': restore with the version that wrote it, then upgrade with 'migrate'";
        var tables = new BackupTables(db).Tables.ToDictionary(t => t.Name, t => t.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        if (tables.Count != manifest.Tables.Count || manifest.Tables.Any(t => !tables.TryGetValue(t.Name, out var columns) || !columns.SetEquals(t.Columns)))
            return "the backup's tables or columns differ from this version's";
        if (trailer.DataKeysByMasterKey.Keys.FirstOrDefault(id => !ring.MasterKeyIds.Contains(id)) is { } missing)
            return $"the key ring lacks master key {missing}, which wraps {trailer.DataKeysByMasterKey[missing]} data key(s) in the backup: use the key ring kept with it";
        return null;
    }

    /// <summary>Null when the target may be loaded; else why not.</summary>
    public async Task<string?> RefusalAsync(CancellationToken ct)
    {
        if (!await MigratedAsync(ct))
            return null; // a new, empty database: the restore migrates it
        if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
            return "the database is partly migrated; restore into an empty database";
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var tables = new BackupTables(db);
            foreach (var table in tables.Tables.Where(t => t.Name != RoleTable))
            {
                await using var command = db.Database.GetDbConnection().CreateCommand();
                command.CommandText = $"SELECT 1 FROM {tables.Quote(table.Name)} LIMIT 1";
                if (await command.ExecuteScalarAsync(ct) is not null)
                    return $"the database is not empty (table {table.Name} has rows): restore only into an empty database";
            }
            return null;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Whether any migration was applied (asked without reading a history table that is not there yet).</summary>
    private async Task<bool> MigratedAsync(CancellationToken ct) =>
        await db.GetService<Microsoft.EntityFrameworkCore.Migrations.IHistoryRepository>().ExistsAsync(ct)
        && (await db.Database.GetAppliedMigrationsAsync(ct)).Any();

    /// <summary>The roles <c>migrate</c> adds to a new database; the backup brings its own (with the ids its users' roles name).</summary>
    private const string RoleTable = "AspNetRoles";

    /// <summary>Loads the file (already inspected) into the empty database: all or nothing.</summary>
    public async Task<Result> LoadAsync(string file, BackupManifest manifest, BackupTrailer trailer, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        if (!await MigratedAsync(ct))
            await db.Database.MigrateAsync(ct);
        var tables = new BackupTables(db).Tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var quote = new BackupTables(db).Quote;
        var postgres = db.Database.IsNpgsql();
        long total = 0;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var connection = db.Database.GetDbConnection();
            var dbTransaction = transaction.GetDbTransaction();
            await ExecuteAsync(connection, dbTransaction, $"DELETE FROM {quote(RoleTable)}", ct);
            if (!postgres)
                await ExecuteAsync(connection, dbTransaction, "PRAGMA defer_foreign_keys = ON", ct);

            using var input = File.OpenRead(file);
            using var reader = new BinaryReader(new BufferedStream(BackupCipher.Open(input, ring), 1 << 16), System.Text.Encoding.UTF8);
            BackupManifest.Read(reader);
            foreach (var stored in manifest.Tables)
            {
                var table = tables[stored.Name];
                var columns = stored.Columns.Select(name => table.Columns.Single(c => c.Name == name)).ToList();
                var perStatement = Math.Max(1, ParametersPerStatement / columns.Count);
                var batch = new List<object?[]>(perStatement);
                while (Mark(reader) == DatabaseBackup.RowMark)
                {
                    var row = new object?[columns.Count];
                    for (var i = 0; i < columns.Count; i++)
                        row[i] = Normalize(BackupValues.Read(reader, columns[i].ModelType), postgres);
                    batch.Add(row);
                    if (batch.Count == perStatement && !table.SelfReferencing)
                    {
                        await InsertAsync(connection, dbTransaction, quote, table.Name, columns, batch, ct);
                        batch.Clear();
                    }
                }
                // A table whose rows refer to each other goes in as one statement: PostgreSQL checks its foreign keys at the statement's end.
                foreach (var part in table.SelfReferencing ? [batch] : batch.Chunk(perStatement).Select(c => c.ToList()))
                    if (part.Count > 0)
                        await InsertAsync(connection, dbTransaction, quote, table.Name, columns, part, ct);
            }
            foreach (var (name, expected) in trailer.Rows)
            {
                await using var command = connection.CreateCommand();
                command.Transaction = dbTransaction;
                command.CommandText = $"SELECT COUNT(*) FROM {quote(name)}";
                var actual = Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
                if (actual != expected)
                    throw new InvalidOperationException($"table {name} holds {actual} rows after loading, the backup {expected}");
                total += actual;
            }
            if (postgres)
                await ResetSequencesAsync(connection, dbTransaction, ct);
            await transaction.CommitAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return new Result(manifest, trailer, total, watch.Elapsed);
    }

    /// <summary>PostgreSQL keeps instants in UTC only; a value read from SQLite may carry an offset (the same instant).</summary>
    private static object? Normalize(object? value, bool postgres) =>
        postgres && value is DateTimeOffset d && d.Offset != TimeSpan.Zero ? d.ToUniversalTime() : value;

    private static async Task InsertAsync(DbConnection connection, DbTransaction transaction, Func<string, string> quote, string table,
        List<BackupTables.Column> columns, List<object?[]> rows, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandTimeout = 0;
        var values = new System.Text.StringBuilder();
        var p = 0;
        foreach (var row in rows)
        {
            values.Append(values.Length == 0 ? "(" : ", (");
            for (var i = 0; i < columns.Count; i++)
            {
                var name = "@p" + p++;
                var column = columns[i];
                if (column.Mapping is { } mapping)
                {
                    command.Parameters.Add(mapping.CreateParameter(command, name, row[i], nullable: true));
                    values.Append(i == 0 ? "" : ", ").Append(name);
                }
                else
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = name;
                    parameter.Value = row[i] ?? DBNull.Value;
                    command.Parameters.Add(parameter);
                    values.Append(i == 0 ? "" : ", ").Append("CAST(").Append(name).Append(" AS ").Append(column.StoreType).Append(')');
                }
            }
            values.Append(')');
        }
        command.CommandText = $"INSERT INTO {quote(table)} ({string.Join(", ", columns.Select(c => quote(c.Name)))}) VALUES {values}";
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Each identity (or serial) column's sequence, the audit trail's number sequence and the "next" keys' sequences, moved past the restored rows, so that the next row gets a new one.</summary>
    private static async Task ResetSequencesAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        var statements = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = """
                SELECT format('SELECT setval(pg_get_serial_sequence(%L, %L), COALESCE((SELECT MAX(%I) FROM %I), 0) + 1, false)',
                              quote_ident(table_name), column_name, column_name, table_name)
                FROM information_schema.columns
                WHERE table_schema = current_schema() AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')
                """;
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                statements.Add(reader.GetString(0));
        }
        // The audit trail's own number sequence (not a column's): past the restored events, so that the next event gets a new number.
        statements.Add($"""
            SELECT setval('{Audit.AuditTrail.NumberSequence}', COALESCE((SELECT MAX("Sequence") FROM audit_events), 0) + 1, false)
            """);
        // The "next" keys' sequences (a case's recency, a referral's place on the desk): past the restored rows.
        statements.Add(Data.NextKeys.CatchUpSql(Data.NextKeys.Sequence.CaseRecency));
        statements.Add(Data.NextKeys.CatchUpSql(Data.NextKeys.Sequence.ReferralSequence));
        foreach (var statement in statements)
            await ExecuteAsync(connection, transaction, statement, ct);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }
}
