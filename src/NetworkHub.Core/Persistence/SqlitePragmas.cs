using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace NetworkHub.Core.Persistence;

/// <summary>
/// Per-connection SQLite settings for the embedded database. In WAL mode, synchronous=NORMAL keeps every
/// committed transaction across a crash of the hub process (the case the hub is tested for); only an
/// operating-system crash or power loss can lose the last commits. Production uses PostgreSQL.
/// (WAL itself is a property of the file, set once at start-up: EF opens read-only connections too.)
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL;";

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
