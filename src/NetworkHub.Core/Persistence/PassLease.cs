using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace NetworkHub.Core.Persistence;

/// <summary>
/// Lets one hub instance at a time run a background pass (the outbox sweep), so two instances never resend the same
/// rows. On PostgreSQL: a transaction-scoped advisory lock on a connection of the lease's own, held for the pass and
/// released when it ends, or by the server when the instance dies. SQLite serves a single hub instance: always granted.
/// </summary>
public sealed class PassLease : IAsyncDisposable
{
    private readonly NpgsqlConnection? _connection;
    private readonly NpgsqlTransaction? _transaction;

    private PassLease(NpgsqlConnection? connection, NpgsqlTransaction? transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    /// <summary>The lease, or null while another instance holds it.</summary>
    public static async Task<PassLease?> TryTakeAsync(HubDbContext db, string pass, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
        {
            return new PassLease(null, null);
        }

        var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        try
        {
            await connection.OpenAsync(ct);
            var transaction = await connection.BeginTransactionAsync(ct);
            await using var take = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock(@key)", connection, transaction);
            take.Parameters.AddWithValue("key", RowLocks.LockNumber("networkhub:" + pass)); // the prefix keeps it apart from subject keys
            if (await take.ExecuteScalarAsync(ct) is true)
            {
                return new PassLease(connection, transaction);
            }

            await transaction.DisposeAsync();
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_transaction is not null)
        {
            await _transaction.DisposeAsync(); // rolls back: the lock goes with the transaction
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }
}
