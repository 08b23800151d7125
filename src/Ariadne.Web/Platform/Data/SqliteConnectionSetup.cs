using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Ariadne.Web.Platform.Data;

/// <summary>
/// Every SQLite connection waits up to 30 s for a competing writer instead of failing at once, and
/// enforces foreign keys. Without the busy timeout, EF Core's UPDATE … RETURNING can fail with
/// "database is locked" under concurrent writes (it surfaces when the statement is reset).
/// </summary>
public sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA busy_timeout = 30000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
