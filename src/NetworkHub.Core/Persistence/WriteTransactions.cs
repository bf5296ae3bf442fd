using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace NetworkHub.Core.Persistence;

/// <summary>
/// Write transactions. SQLite admits one writer per database file; a second writer's BEGIN IMMEDIATE fails as
/// busy, and Microsoft.Data.Sqlite then retries by putting its thread to sleep, so concurrent handlers spend
/// most of their time asleep. The hub therefore queues its SQLite writers itself, asynchronously and in order of
/// arrival, one per file. PostgreSQL takes concurrent writers as they come.
/// </summary>
public static class WriteTransactions
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> SqliteWriters = new(StringComparer.Ordinal);

    public static async Task<WriteTransaction> BeginWriteTransactionAsync(this DatabaseFacade database, CancellationToken ct)
    {
        var gate = database.GetDbConnection() is SqliteConnection sqlite
            ? SqliteWriters.GetOrAdd(sqlite.DataSource, _ => new SemaphoreSlim(1, 1))
            : null;
        if (gate is not null)
        {
            await gate.WaitAsync(ct);
        }

        try
        {
            return new WriteTransaction(await database.BeginTransactionAsync(ct), gate);
        }
        catch
        {
            gate?.Release();
            throw;
        }
    }
}

/// <summary>A database transaction that holds the SQLite writer's place until it is disposed.</summary>
public sealed class WriteTransaction(IDbContextTransaction transaction, SemaphoreSlim? gate) : IAsyncDisposable
{
    public Task CommitAsync(CancellationToken ct) => transaction.CommitAsync(ct);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await transaction.DisposeAsync();
        }
        finally
        {
            gate?.Release();
        }
    }
}
